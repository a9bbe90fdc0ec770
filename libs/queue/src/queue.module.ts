import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { QueueSettings, resolveJobQueue } from './resolve-queue';

export const JOB_QUEUE = Symbol('JOB_QUEUE');

@Injectable()
class JobQueueCloser implements OnApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

@Global()
@Module({})
export class QueueModule {
  static forRoot(settings: QueueSettings): DynamicModule {
    return {
      module: QueueModule,
      providers: [{ provide: JOB_QUEUE, useFactory: () => resolveJobQueue(settings) }, JobQueueCloser],
      exports: [JOB_QUEUE],
    };
  }
}
