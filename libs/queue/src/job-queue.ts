import { JobName, JobPayloads } from './jobs';

export interface JobContext {
  readonly jobId: string;
  /** 1 on the first try. */
  readonly attempt: number;
  /** No retry follows if this attempt fails (dead-letter what must not be lost silently). */
  readonly finalAttempt: boolean;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], context: JobContext) => Promise<void>;

export interface AddJobOptions {
  /** Deterministic id: a job with the id of a waiting job is not added twice. */
  readonly jobId?: string;
  readonly delayMs?: number;
}

/** A calendar schedule: cron pattern read in a time zone (monthly reports on the 1st at 06:00, Hai Phong time). */
export interface CronSchedule {
  /** One schedule per id: scheduling the same id again replaces it. */
  readonly id: string;
  /** Cron pattern (5 fields, or 6 with seconds first), e.g. '0 6 1 * *'. */
  readonly pattern: string;
  /** IANA time zone of the pattern, e.g. 'Asia/Ho_Chi_Minh'. */
  readonly tz: string;
}

/** The queue as the rest of the platform sees it: BullMQ on Redis, or in-process when Redis is absent. */
export interface JobQueue {
  readonly kind: 'bullmq' | 'in-process';
  /** False for the in-process driver: jobs do not survive a restart. */
  readonly durable: boolean;
  add<N extends JobName>(name: N, payload: JobPayloads[N], options?: AddJobOptions): Promise<void>;
  /** Runs a job every `everyMs` (idempotent: calling it again updates the schedule). */
  schedule<N extends JobName>(name: N, payload: JobPayloads[N], everyMs: number): Promise<void>;
  /** Runs a job at the times of a cron pattern (idempotent per schedule id). */
  scheduleCron<N extends JobName>(name: N, payload: JobPayloads[N], schedule: CronSchedule): Promise<void>;
  /** Registers the one processor of a job. */
  process<N extends JobName>(name: N, handler: JobHandler<N>): void;
  /**
   * Starts consuming; throws when some job of a consumed queue has no processor, or with
   * `requireEveryJob` (a worker process) when any job of the platform has none.
   */
  startWorkers(options?: { readonly requireEveryJob?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export class JobRegistrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobRegistrationError';
  }
}
