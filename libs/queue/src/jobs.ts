/**
 * What a job is, independent of any feature: each feature defines its own queues and jobs (name, payload
 * type, retry policy) next to the code that handles them, and the composition root lists them in one
 * catalogue (`composeJobs`), so this library never imports a feature.
 */

export interface RetryPolicy {
  readonly attempts: number;
  readonly backoff: { readonly type: 'exponential' | 'fixed'; readonly delayMs: number };
}

/** A queue: the jobs on it share workers (and a rate limit, if any). */
export interface QueueDefinition {
  readonly name: string;
  /** Most jobs the queue's workers start per period (BullMQ limiter); unset: unlimited. */
  readonly rateLimit?: { readonly max: number; readonly durationMs: number };
}

/** Carries the payload type of a job at compile time only. */
declare const payloadType: unique symbol;

/** A job: its unique name, its queue and its retry policy; `P` is its payload. */
export interface JobDefinition<P = unknown> {
  readonly name: string;
  readonly queue: QueueDefinition;
  readonly retry: RetryPolicy;
  readonly [payloadType]?: P;
}

/** The payload type of a job definition. */
export type PayloadOf<J> = J extends JobDefinition<infer P> ? P : never;

/** Defines a job; the type argument is its payload: `defineJob<{ outboxId: number }>({ ... })`. */
export function defineJob<P>(definition: {
  readonly name: string;
  readonly queue: QueueDefinition;
  readonly retry: RetryPolicy;
}): JobDefinition<P> {
  return Object.freeze({ ...definition });
}

/** The platform's jobs, composed from the features' own lists. */
export type JobCatalogue = readonly JobDefinition[];

/**
 * Composes the features' job lists into one catalogue; throws when two jobs share a name, or two queues
 * of one name differ (a job name maps to exactly one queue, payload and policy).
 */
export function composeJobs(...groups: readonly JobCatalogue[]): JobCatalogue {
  const jobs = new Map<string, JobDefinition>();
  const queues = new Map<string, QueueDefinition>();
  for (const job of groups.flat()) {
    if (jobs.has(job.name)) throw new Error(`job "${job.name}" is defined twice`);
    jobs.set(job.name, job);
    const queue = queues.get(job.queue.name);
    if (queue && JSON.stringify(queue) !== JSON.stringify(job.queue))
      throw new Error(`queue "${job.queue.name}" is defined twice, differently`);
    queues.set(job.queue.name, job.queue);
  }
  return Object.freeze([...jobs.values()]);
}

/** Delay before the next try after `attemptsMade` failed ones; `scale` lets tests shrink real delays. */
export function retryDelayMs(policy: RetryPolicy, attemptsMade: number, scale = 1): number {
  const base = policy.backoff.delayMs * scale;
  return policy.backoff.type === 'fixed' ? base : base * 2 ** (attemptsMade - 1);
}
