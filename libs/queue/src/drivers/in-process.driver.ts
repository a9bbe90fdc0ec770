import { Logger } from '@nestjs/common';
import { defaultRepeatStrategy } from 'bullmq';
import { HandlerRegistry } from '../handler-registry';
import { AddJobOptions, CronSchedule, JobHandler, JobQueue } from '../job-queue';
import { JobCatalogue, JobDefinition, retryDelayMs } from '../jobs';

/** Longest delay setTimeout honours (2^31 - 1 ms). */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs jobs in this process with the same retry policies as BullMQ. Nothing survives a restart,
 * which is why the platform warns when it falls back to this driver.
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process';
  readonly durable = false;
  private readonly registry = new HandlerRegistry();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly cronTimers = new Map<string, NodeJS.Timeout>();
  private readonly pendingIds = new Set<string>();
  private readonly pending: { job: JobDefinition; payload: unknown; options?: AddJobOptions }[] = [];
  private running = false;
  private closed = false;
  private nextId = 1;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    /** Multiplies retry delays (tests use a small value). */
    private readonly backoffScale = 1,
    private readonly logger = new Logger('InProcessJobQueue'),
  ) {}

  async add<P>(job: JobDefinition<P>, payload: P, options?: AddJobOptions): Promise<void> {
    if (this.closed) throw new Error('queue is closed');
    if (options?.jobId && this.pendingIds.has(options.jobId)) return;
    if (!this.running) {
      this.pending.push({ job, payload, options });
      return;
    }
    this.enqueue(job, payload, options);
  }

  async schedule<P>(job: JobDefinition<P>, payload: P, everyMs: number): Promise<void> {
    const timer = setInterval(() => void this.add(job, payload, { jobId: `scheduled:${job.name}` }), everyMs);
    timer.unref();
    this.timers.add(timer);
  }

  /**
   * The next time of the pattern is computed by BullMQ's own cron strategy, so both drivers fire alike.
   * Times missed while the process was down are not made up (not durable, like every in-process job).
   */
  async scheduleCron<P>(job: JobDefinition<P>, payload: P, schedule: CronSchedule): Promise<void> {
    clearTimeout(this.cronTimers.get(schedule.id));
    const arm = (): void => {
      const next = defaultRepeatStrategy(Date.now(), { pattern: schedule.pattern, tz: schedule.tz });
      if (next === undefined || this.closed) return;
      // setTimeout holds at most ~24.8 days; a longer wait is taken in steps.
      const delay = Math.min(Math.max(0, next - Date.now()), MAX_TIMER_MS);
      const timer = setTimeout(() => {
        if (Date.now() >= next) void this.add(job, payload, { jobId: `${schedule.id}:${next}` });
        arm();
      }, delay);
      timer.unref();
      this.cronTimers.set(schedule.id, timer);
    };
    arm();
  }

  process<P>(job: JobDefinition<P>, handler: JobHandler<P>, owner?: string): void {
    this.registry.register(job, handler, owner);
  }

  async startWorkers(options?: { readonly catalogue?: JobCatalogue }): Promise<void> {
    this.registry.consumedQueues(options?.catalogue);
    this.running = true;
    for (const p of this.pending.splice(0)) this.enqueue(p.job, p.payload, p.options);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const timer of this.cronTimers.values()) clearTimeout(timer);
    this.cronTimers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private enqueue(job: JobDefinition, payload: unknown, options?: AddJobOptions): void {
    const jobId = options?.jobId ?? `${job.name}:${this.nextId++}`;
    this.pendingIds.add(jobId);
    this.later(options?.delayMs ?? 0, () => this.run(job, payload, jobId, 1));
  }

  private later(delayMs: number, fn: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const p = fn().finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }, delayMs);
    this.timers.add(timer);
  }

  private async run(job: JobDefinition, payload: unknown, jobId: string, attempt: number): Promise<void> {
    if (this.closed) return;
    const { name, retry: policy } = job;
    const handler = this.registry.get(name)?.handler;
    if (!handler) {
      this.logger.error(`job ${jobId} (${name}) has no processor; dropped`);
      this.pendingIds.delete(jobId);
      return;
    }
    try {
      await handler(payload, {
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
        this.run(job, payload, jobId, attempt + 1),
      );
    }
  }
}
