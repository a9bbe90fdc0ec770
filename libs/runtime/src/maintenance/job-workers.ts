import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { JOB_QUEUE, JobQueue } from '@hp/queue';

/**
 * Starts consuming jobs once every provider has registered its processors (in onModuleInit). A worker
 * refuses to start when any job of the platform has no processor: a job nobody runs is a silent loss.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.startWorkers({ requireEveryJob: true });
  }
}
