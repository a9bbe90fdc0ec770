import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { COMPLIANCE_RETRY_POLICY } from '@hp/compliance';
import { defineJob, JOB_QUEUE, JobQueue, OnJob } from '@hp/queue';
import { DataQualityEvaluator } from './data-quality-evaluator.service';

/**
 * Data-quality rules over each station's newly closed local days, on a queue of its own so a long first
 * pass never delays compliance.
 */
export const DATA_QUALITY_EVALUATE_JOB = defineJob<{ readonly requestedAt: string }>({
  name: 'data-quality.evaluate',
  queue: { name: 'data-quality' },
  // Idempotent, and the schedule runs it again anyway: compliance's quick retries suit it.
  retry: COMPLIANCE_RETRY_POLICY,
});

/** Data quality's jobs, for the platform's job catalogue. */
export const DATA_QUALITY_JOBS = [DATA_QUALITY_EVALUATE_JOB] as const;

/** How often closed station-days are looked for and their data-quality rules evaluated. */
export const DATA_QUALITY_EVERY_MS = 5 * 60_000;
/**
 * Station-days one job evaluates at most; a longer backlog (the first pass over a month of history) goes
 * on in further jobs queued one after another, so other jobs of the process get their turn in between.
 */
export const DATA_QUALITY_DAYS_PER_JOB = 20;

/** The `data-quality.evaluate` job: every DATA_QUALITY_EVERY_MS, each station's newly closed local days. */
@Injectable()
export class DataQualityJob implements OnModuleInit {
  private readonly log = new Logger(DataQualityJob.name);

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly evaluator: DataQualityEvaluator,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.schedule(
      DATA_QUALITY_EVALUATE_JOB,
      { requestedAt: new Date().toISOString() },
      DATA_QUALITY_EVERY_MS,
    );
  }

  @OnJob(DATA_QUALITY_EVALUATE_JOB)
  async evaluate(): Promise<void> {
    const evaluated = await this.evaluator.evaluateDue(DATA_QUALITY_DAYS_PER_JOB);
    if (evaluated > 0) this.log.log(`data quality: ${evaluated} station-day(s) evaluated`);
    // More may be due: the next batch is a job of its own.
    if (evaluated >= DATA_QUALITY_DAYS_PER_JOB)
      await this.queue.add(DATA_QUALITY_EVALUATE_JOB, { requestedAt: new Date().toISOString() });
  }
}
