import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ComplianceEngine, RECOMPUTE_MARKS_PER_PASS } from '@hp/compliance';
import { COMPLIANCE_RECOMPUTE_EVERY_MS, JOB_QUEUE, JobQueue } from '@hp/queue';

/** Keeps compliance results current: a scheduled job judges again every station-day ingestion marked. */
@Injectable()
export class ComplianceRecompute implements OnModuleInit {
  private readonly logger = new Logger(ComplianceRecompute.name);

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly engine: ComplianceEngine,
  ) {}

  async onModuleInit(): Promise<void> {
    this.queue.process('compliance.recompute', async () => {
      let handled = 0;
      for (;;) {
        const n = await this.engine.recomputeMarked(RECOMPUTE_MARKS_PER_PASS);
        handled += n;
        if (n < RECOMPUTE_MARKS_PER_PASS) break;
      }
      if (handled > 0) this.logger.log(`judged ${handled} marked station-day(s) again`);
    });
    await this.queue.schedule(
      'compliance.recompute',
      { requestedAt: new Date().toISOString() },
      COMPLIANCE_RECOMPUTE_EVERY_MS,
    );
  }
}
