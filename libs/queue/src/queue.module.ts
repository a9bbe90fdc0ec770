import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JOB_CATALOGUE, JOB_QUEUE, JobQueue } from './job-queue';
import { JobCatalogue } from './jobs';
import { JobHandlerDiscovery } from './on-job';
import { QueueSettings, resolveJobQueue } from './resolve-queue';

@Injectable()
class JobQueueCloser implements OnApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

export type QueueModuleOptions = QueueSettings & {
  /**
   * The platform's job catalogue, when this process runs jobs (a worker): every job of it must have
   * exactly one `@OnJob` processor in the app, or the start fails naming the job. Unset: adds jobs only.
   */
  readonly consume?: JobCatalogue;
};

/** The JobQueue of the process, and the `@OnJob` processors of its providers, found at start. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: JOB_QUEUE, useFactory: () => resolveJobQueue(options) },
        { provide: JOB_CATALOGUE, useValue: options.consume ?? null },
        JobHandlerDiscovery,
        JobQueueCloser,
      ],
      exports: [JOB_QUEUE],
    };
  }
}
