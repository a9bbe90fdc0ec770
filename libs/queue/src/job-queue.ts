import { JobCatalogue, JobDefinition } from './jobs';

export interface JobContext {
  readonly jobId: string;
  /** 1 on the first try. */
  readonly attempt: number;
  /** No retry follows if this attempt fails (dead-letter what must not be lost silently). */
  readonly finalAttempt: boolean;
}

export type JobHandler<P> = (payload: P, context: JobContext) => Promise<void>;

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
  add<P>(job: JobDefinition<P>, payload: NoInfer<P>, options?: AddJobOptions): Promise<void>;
  /** Runs a job every `everyMs` (idempotent: calling it again updates the schedule). */
  schedule<P>(job: JobDefinition<P>, payload: NoInfer<P>, everyMs: number): Promise<void>;
  /** Runs a job at the times of a cron pattern (idempotent per schedule id). */
  scheduleCron<P>(job: JobDefinition<P>, payload: NoInfer<P>, schedule: CronSchedule): Promise<void>;
  /**
   * Registers the one processor of a job; `owner` names it in errors. Features do not call this: they
   * mark a method `@OnJob(job)` and the queue module registers it at start.
   */
  process<P>(job: JobDefinition<P>, handler: JobHandler<NoInfer<P>>, owner?: string): void;
  /**
   * Starts consuming the queues that have processors. With `catalogue` (a worker process) throws, naming
   * the job, when any job of it has no processor or a processor's job is not in it.
   */
  startWorkers(options?: { readonly catalogue?: JobCatalogue }): Promise<void>;
  close(): Promise<void>;
}

export class JobRegistrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobRegistrationError';
  }
}

/** The process's JobQueue (QueueModule). */
export const JOB_QUEUE = Symbol('JOB_QUEUE');
/** The platform's job catalogue when this process consumes jobs (a worker); null: it only adds jobs. */
export const JOB_CATALOGUE = Symbol('JOB_CATALOGUE');
