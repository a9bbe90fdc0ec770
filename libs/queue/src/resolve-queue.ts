import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { redact } from '@hp/config';
import { BullMqJobQueue } from './drivers/bullmq.driver';
import { InProcessJobQueue } from './drivers/in-process.driver';
import { JobQueue } from './job-queue';

export interface QueueSettings {
  /** Explicit Redis: it must be reachable. */
  readonly url: string | undefined;
  /** Probed when `url` is unset; the in-process driver is used if nothing answers. */
  readonly probeUrl: string;
  readonly prefix?: string;
}

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

/** Picks the queue driver: REDIS_URL if set, else local Redis when it answers, else in-process with a warning. */
export async function resolveJobQueue(
  settings: QueueSettings,
  logger = new Logger('JobQueue'),
): Promise<JobQueue> {
  if (settings.url) {
    if (!(await redisReachable(settings.url, 3000))) {
      throw new Error(`REDIS_URL is set but Redis does not answer at ${redact(settings.url)}`);
    }
    logger.log('jobs: BullMQ on REDIS_URL');
    return new BullMqJobQueue({ redisUrl: settings.url, prefix: settings.prefix });
  }
  if (await redisReachable(settings.probeUrl)) {
    logger.log(`jobs: BullMQ on ${settings.probeUrl} (found by probing; set REDIS_URL to choose)`);
    return new BullMqJobQueue({ redisUrl: settings.probeUrl, prefix: settings.prefix });
  }
  logger.warn(
    `jobs: no Redis at ${settings.probeUrl}; using the in-process queue. Jobs are NOT durable across restarts.`,
  );
  return new InProcessJobQueue();
}
