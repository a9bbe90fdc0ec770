import { Logger } from '@nestjs/common';
import { HandlerRegistry } from '../handler-registry';
import { AddJobOptions, JobHandler, JobQueue } from '../job-queue';
import { JobName, JobPayloads, JOBS, retryDelayMs } from '../jobs';

/**
 * Runs jobs in this process with the same retry policies as BullMQ. Nothing survives a restart,
 * which is why the platform warns when it falls back to this driver.
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process';
  readonly durable = false;
  private readonly registry = new HandlerRegistry();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pendingIds = new Set<string>();
  private readonly pending: { name: JobName; payload: unknown; options?: AddJobOptions }[] = [];
  private running = false;
  private closed = false;
  private nextId = 1;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    /** Multiplies retry delays (tests use a small value). */
    private readonly backoffScale = 1,
    private readonly logger = new Logger('InProcessJobQueue'),
  ) {}

  async add<N extends JobName>(name: N, payload: JobPayloads[N], options?: AddJobOptions): Promise<void> {
    if (this.closed) throw new Error('queue is closed');
    if (options?.jobId && this.pendingIds.has(options.jobId)) return;
    if (!this.running) {
      this.pending.push({ name, payload, options });
      return;
    }
    this.enqueue(name, payload, options);
  }

  async schedule<N extends JobName>(name: N, payload: JobPayloads[N], everyMs: number): Promise<void> {
    const timer = setInterval(() => void this.add(name, payload, { jobId: `scheduled:${name}` }), everyMs);
    timer.unref();
    this.timers.add(timer);
  }

  process<N extends JobName>(name: N, handler: JobHandler<N>): void {
    this.registry.register(name, handler);
  }

  async startWorkers(options?: { readonly requireEveryJob?: boolean }): Promise<void> {
    this.registry.consumedQueues(options?.requireEveryJob);
    this.running = true;
    for (const job of this.pending.splice(0)) this.enqueue(job.name, job.payload, job.options);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private enqueue(name: JobName, payload: unknown, options?: AddJobOptions): void {
    const jobId = options?.jobId ?? `${name}:${this.nextId++}`;
    this.pendingIds.add(jobId);
    this.later(options?.delayMs ?? 0, () => this.run(name, payload, jobId, 1));
  }

  private later(delayMs: number, fn: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const p = fn().finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }, delayMs);
    this.timers.add(timer);
  }

  private async run(name: JobName, payload: unknown, jobId: string, attempt: number): Promise<void> {
    if (this.closed) return;
    const handler = this.registry.get(name);
    if (!handler) {
      this.logger.error(`job ${jobId} (${name}) has no processor; dropped`);
      this.pendingIds.delete(jobId);
      return;
    }
    const policy = JOBS[name].retry;
    try {
      await handler(payload as JobPayloads[JobName], {
        jobId,
        attempt,
        finalAttempt: attempt >= policy.attempts,
      });
      this.pendingIds.delete(jobId);
    } catch (error) {
      if (attempt >= policy.attempts) {
        this.pendingIds.delete(jobId);
        this.logger.error(
          `job ${jobId} (${name}) failed after ${attempt} attempts: ${(error as Error).message}`,
        );
        return;
      }
      this.later(retryDelayMs(policy, attempt, this.backoffScale), () =>
        this.run(name, payload, jobId, attempt + 1),
      );
    }
  }
}
