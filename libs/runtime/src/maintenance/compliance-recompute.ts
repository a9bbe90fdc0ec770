import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ComplianceEngine, RECOMPUTE_MARKS_PER_PASS } from '@hp/compliance';
import { COMPLIANCE_RECOMPUTE_EVERY_MS, JOB_QUEUE, JobQueue } from '@hp/queue';

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
    this.queue.process('compliance.recompute', async () => {
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
    });
    await this.queue.schedule(
      'compliance.recompute',
      { requestedAt: new Date().toISOString() },
      COMPLIANCE_RECOMPUTE_EVERY_MS,
    );
  }
}
