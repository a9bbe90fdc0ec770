import { Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { RedisEndpoint } from '@hp/config';
import { HandlerRegistry } from '../handler-registry';
import { AddJobOptions, CronSchedule, JobHandler, JobQueue } from '../job-queue';
import { JobCatalogue, JobDefinition, RetryPolicy } from '../jobs';
import { RedisConnectionOptions, redisConnectionOptions } from '../redis-connection';

export interface BullMqOptions {
  /** One server (REDIS_URL) or a primary behind Redis Sentinel. */
  readonly redis: RedisEndpoint;
  /** Key prefix in Redis; tests use a unique one. */
  readonly prefix?: string;
  readonly concurrency?: number;
  /** Multiplies retry delays (tests use a small value). */
  readonly backoffScale?: number;
}

function toBullOptions(policy: RetryPolicy, scale = 1) {
  return {
    attempts: policy.attempts,
    backoff: { type: policy.backoff.type, delay: policy.backoff.delayMs * scale },
    removeOnComplete: 1000,
    // Failed jobs stay inspectable.
    removeOnFail: false,
  };
}

/** Durable jobs on Redis through BullMQ. */
export class BullMqJobQueue implements JobQueue {
  readonly kind = 'bullmq';
  readonly durable = true;
  private readonly registry = new HandlerRegistry();
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly connection: RedisConnectionOptions;

  constructor(
    private readonly options: BullMqOptions,
    private readonly logger = new Logger('BullMqJobQueue'),
  ) {
    // BullMQ's workers require maxRetriesPerRequest null: their blocking reads wait through a reconnection.
    this.connection = redisConnectionOptions(options.redis, { maxRetriesPerRequest: null });
  }

  async add<P>(job: JobDefinition<P>, payload: P, options?: AddJobOptions): Promise<void> {
    await this.queue(job.queue.name).add(job.name, payload, {
      ...toBullOptions(job.retry, this.options.backoffScale),
      jobId: options?.jobId,
      delay: options?.delayMs,
    });
  }

  async schedule<P>(job: JobDefinition<P>, payload: P, everyMs: number): Promise<void> {
    await this.queue(job.queue.name).upsertJobScheduler(
      `scheduled:${job.name}`,
      { every: everyMs },
      { name: job.name, data: payload, opts: toBullOptions(job.retry, this.options.backoffScale) },
    );
  }

  async scheduleCron<P>(job: JobDefinition<P>, payload: P, schedule: CronSchedule): Promise<void> {
    // BullMQ's job scheduler: one repeatable entry per id in Redis, so every worker process may upsert it.
    await this.queue(job.queue.name).upsertJobScheduler(
      schedule.id,
      { pattern: schedule.pattern, tz: schedule.tz },
      { name: job.name, data: payload, opts: toBullOptions(job.retry, this.options.backoffScale) },
    );
  }

  process<P>(job: JobDefinition<P>, handler: JobHandler<P>, owner?: string): void {
    this.registry.register(job, handler, owner);
  }

  async startWorkers(options?: { readonly catalogue?: JobCatalogue }): Promise<void> {
    for (const { name: queueName, rateLimit: limit } of this.registry.consumedQueues(options?.catalogue)) {
      const worker = new Worker(queueName, (job: Job) => this.dispatch(job), {
        connection: this.connection,
        prefix: this.options.prefix,
        concurrency: this.options.concurrency ?? 4,
        limiter: limit ? { max: limit.max, duration: limit.durationMs } : undefined,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn(
          `job ${job?.id} (${job?.name}) attempt ${job?.attemptsMade} failed: ${error.message}`,
        ),
      );
      worker.on('error', (error) => this.logger.error(`worker of ${queueName}: ${error.message}`));
      this.workers.push(worker);
      await worker.waitUntilReady();
    }
  }

  async close(): Promise<void> {
    // Workers first, so in-flight jobs finish before the connections go.
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private async dispatch(job: Job): Promise<void> {
    const registered = this.registry.get(job.name);
    if (!registered) throw new Error(`no processor for job "${job.name}"`);
    const attempt = job.attemptsMade + 1;
    await registered.handler(job.data, {
      jobId: String(job.id),
      attempt,
      finalAttempt: attempt >= (job.opts.attempts ?? 1),
    });
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.options.prefix });
      queue.on('error', (error) => this.logger.error(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }
}
