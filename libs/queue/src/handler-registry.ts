import { JobHandler, JobRegistrationError } from './job-queue';
import { JobName, JOBS, QueueName } from './jobs';

/** Holds the processors of a driver and checks that each consumed job has exactly one. */
export class HandlerRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new JobRegistrationError(`job "${name}" already has a processor`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  get(name: string): JobHandler<JobName> | undefined {
    return this.handlers.get(name as JobName);
  }

  /**
   * The queues that have at least one processor; every job of such a queue must have one, and with
   * `requireEveryJob` every job of the platform.
   */
  consumedQueues(requireEveryJob = false): QueueName[] {
    const queues = new Set<QueueName>();
    for (const name of this.handlers.keys()) queues.add(JOBS[name].queue);
    for (const [name, def] of Object.entries(JOBS) as [JobName, (typeof JOBS)[JobName]][]) {
      if ((requireEveryJob || queues.has(def.queue)) && !this.handlers.has(name)) {
        throw new JobRegistrationError(`job "${name}" of queue "${def.queue}" has no processor`);
      }
    }
    return [...queues];
  }
}
