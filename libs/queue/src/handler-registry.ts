import { JobHandler, JobRegistrationError } from './job-queue';
import { JobCatalogue, JobDefinition, QueueDefinition } from './jobs';

interface Registered {
  readonly job: JobDefinition;
  readonly handler: JobHandler<unknown>;
  readonly owner: string;
}

/** Holds the processors of a driver and checks that each consumed job has exactly one. */
export class HandlerRegistry {
  private readonly handlers = new Map<string, Registered>();

  register<P>(job: JobDefinition<P>, handler: JobHandler<P>, owner = 'a processor'): void {
    const existing = this.handlers.get(job.name);
    if (existing)
      throw new JobRegistrationError(
        `job "${job.name}" already has a processor (${existing.owner}); ${owner} is a second one`,
      );
    this.handlers.set(job.name, { job, handler: handler as JobHandler<unknown>, owner });
  }

  get(name: string): Registered | undefined {
    return this.handlers.get(name);
  }

  /**
   * The queues that have at least one processor. With a catalogue (a worker process), every job of it
   * must have a processor and every processor's job must be in it: a job nobody runs is a silent loss.
   */
  consumedQueues(catalogue?: JobCatalogue): QueueDefinition[] {
    const queues = new Map<string, QueueDefinition>();
    for (const { job } of this.handlers.values()) queues.set(job.queue.name, job.queue);
    if (catalogue) {
      const listed = new Set(catalogue.map((j) => j.name));
      for (const { job, owner } of this.handlers.values())
        if (!listed.has(job.name))
          throw new JobRegistrationError(
            `job "${job.name}" has a processor (${owner}) but is not in the platform's job catalogue`,
          );
      for (const job of catalogue)
        if (!this.handlers.has(job.name))
          throw new JobRegistrationError(`job "${job.name}" of queue "${job.queue.name}" has no processor`);
    }
    return [...queues.values()];
  }
}
