import { Logger } from '@nestjs/common';
import { RedisEndpoint } from '@hp/config';
import { BullMqJobQueue } from './drivers/bullmq.driver';
import { InProcessJobQueue } from './drivers/in-process.driver';
import { JobQueue } from './job-queue';
import { connectRedis, describeRedisEndpoint } from './redis-connection';

/** The queue driver, chosen by configuration (QUEUE_DRIVER, REDIS_URL or REDIS_SENTINELS): never guessed at run time. */
export type QueueSettings =
  | { readonly driver: 'bullmq'; readonly redis: RedisEndpoint; readonly prefix?: string }
  | { readonly driver: 'in-process' };

/** Answers whether the Redis of `endpoint` (through its sentinels, if so) replies to PING within `timeoutMs`. */
export async function redisReachable(endpoint: RedisEndpoint, timeoutMs = 750): Promise<boolean> {
  const client = connectRedis(endpoint, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
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
  const where = describeRedisEndpoint(settings.redis);
  if (!(await redisReachable(settings.redis, 3000))) {
    throw new Error(`QUEUE_DRIVER=bullmq: Redis does not answer at ${where}`);
  }
  logger.log(`jobs: BullMQ on ${settings.redis.kind === 'url' ? 'REDIS_URL' : where}`);
  return new BullMqJobQueue({ redis: settings.redis, prefix: settings.prefix });
}
