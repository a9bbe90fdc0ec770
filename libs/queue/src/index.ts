export * from './jobs';
export * from './job-queue';
export { InProcessJobQueue } from './drivers/in-process.driver';
export { BullMqJobQueue } from './drivers/bullmq.driver';
export type { BullMqOptions } from './drivers/bullmq.driver';
export { OnJob, registerJobHandlers } from './on-job';
export * from './resolve-queue';
export * from './queue.module';
export * from './redis-connection';
