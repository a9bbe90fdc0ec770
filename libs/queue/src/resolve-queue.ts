import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { redact } from '@hp/config';
import { BullMqJobQueue } from './drivers/bullmq.driver';
import { InProcessJobQueue } from './drivers/in-process.driver';
import { JobQueue } from './job-queue';

/** The queue driver, chosen by configuration (QUEUE_DRIVER, REDIS_URL): never guessed at run time. */
export type QueueSettings =
  | { readonly driver: 'bullmq'; readonly url: string; readonly prefix?: string }
  | { readonly driver: 'in-process' };

/** Answers whether a Redis server replies to PING at `url` within `timeoutMs`. */
export async function redisReachable(url: string, timeoutMs = 750): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Opens the configured driver. BullMQ's Redis must answer at start; there is no fallback to the
 * in-process queue, which only the all-in-one platform process may be configured to use.
 */
export async function resolveJobQueue(
  settings: QueueSettings,
  logger = new Logger('JobQueue'),
): Promise<JobQueue> {
  if (settings.driver === 'in-process') {
    logger.warn('jobs: in-process queue (QUEUE_DRIVER=in-process). Jobs are NOT durable across restarts.');
    return new InProcessJobQueue();
  }
  if (!(await redisReachable(settings.url, 3000))) {
    throw new Error(`QUEUE_DRIVER=bullmq: Redis does not answer at REDIS_URL ${redact(settings.url)}`);
  }
  logger.log('jobs: BullMQ on REDIS_URL');
  return new BullMqJobQueue({ redisUrl: settings.url, prefix: settings.prefix });
}
