import { Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { defineJob, JOB_QUEUE, JobQueue, OnJob, RetryPolicy } from '@hp/queue';
import { ComplianceEngine, RECOMPUTE_MARKS_PER_PASS } from '../compliance-engine.service';
import { ComplianceModule } from '../compliance.module';

/** Recompute is idempotent and runs again a minute later anyway: a couple of quick retries suffice. */
export const COMPLIANCE_RETRY_POLICY: RetryPolicy = {
  attempts: 2,
  backoff: { type: 'fixed', delayMs: 10_000 },
};

/** Judge again the station-days ingestion marked (late or corrected data). */
export const COMPLIANCE_RECOMPUTE_JOB = defineJob<{ readonly requestedAt: string }>({
  name: 'compliance.recompute',
  queue: { name: 'compliance' },
  retry: COMPLIANCE_RETRY_POLICY,
});

/** Compliance's jobs, for the platform's job catalogue. */
export const COMPLIANCE_JOBS = [COMPLIANCE_RECOMPUTE_JOB] as const;

/** How often marked station-days are judged again. */
export const COMPLIANCE_RECOMPUTE_EVERY_MS = 60_000;

/**
 * Keeps compliance results current: a scheduled job judges again every station-day ingestion marked, today's
 * day of every active station and the provisional days due a refresh (so they turn final after the late-data
 * window).
 */
@Injectable()
export class ComplianceRecompute implements OnModuleInit {
  private readonly logger = new Logger(ComplianceRecompute.name);

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly engine: ComplianceEngine,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.schedule(
      COMPLIANCE_RECOMPUTE_JOB,
      { requestedAt: new Date().toISOString() },
      COMPLIANCE_RECOMPUTE_EVERY_MS,
    );
  }

  @OnJob(COMPLIANCE_RECOMPUTE_JOB)
  async recompute(): Promise<void> {
    let judged = 0;
    let failed = 0;
    // Today moves on ("so far") and closed days turn final without new data: mark them as data would. A
    // failure here must not hold up the marks ingestion left.
    try {
      await this.engine.markProvisionalDays();
    } catch (error) {
      this.logger.error(`marking provisional days failed: ${(error as Error).message}`);
    }
    // Failed marks go into back-off (not taken again in this job), so the loop ends.
    for (;;) {
      const taken = await this.engine.recomputeMarked(RECOMPUTE_MARKS_PER_PASS);
      judged += this.engine.lastPass.judged;
      failed += this.engine.lastPass.failed;
      if (taken < RECOMPUTE_MARKS_PER_PASS) break;
    }
    if (judged > 0) this.logger.log(`judged ${judged} marked station-day(s) again`);
    if (failed > 0) this.logger.warn(`${failed} marked station-day(s) failed and stay marked for a retry`);
  }
}

/** In the worker: the scheduled recompute of marked station-days. Needs the JobQueue and StorageModule. */
@Module({ imports: [ComplianceModule], providers: [ComplianceRecompute] })
export class ComplianceWorkerModule {}
