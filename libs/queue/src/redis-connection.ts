import Redis, { RedisOptions } from 'ioredis';
import { redact, RedisEndpoint } from '@hp/config';

/**
 * The one place ioredis connection options are built, for a single server (REDIS_URL) or a primary found
 * through Redis Sentinel (REDIS_SENTINELS). BullMQ is handed these options and makes its own connections
 * from them; other clients come from `connectRedis`.
 */
export type RedisConnectionOptions = Omit<RedisOptions, 'retryStrategy'> & {
  url?: string;
  // Narrower than ioredis's own (which also takes null), as BullMQ's options type wants it.
  retryStrategy?: (times: number) => number | void | null;
};

/**
 * `extra` tunes the client (timeouts, retries); `maxRetriesPerRequest: null` is BullMQ's requirement for its
 * workers (a blocked command must wait through a reconnection, not fail after a few retries).
 */
export function redisConnectionOptions(
  endpoint: RedisEndpoint,
  extra: RedisConnectionOptions = {},
): RedisConnectionOptions {
  if (endpoint.kind === 'url') return { ...extra, url: endpoint.url };
  return {
    ...extra,
    sentinels: endpoint.sentinels.map(({ host, port }) => ({ host, port })),
    name: endpoint.name,
    password: endpoint.password,
    sentinelPassword: endpoint.sentinelPassword,
    // A primary the sentinels demoted answers writes with READONLY: reconnect (asking the sentinels again)
    // and resend. No failoverDetector: its sentinel subscriptions outlived close() (a test process that
    // would not exit), and a lost primary's connections fail and are redirected without it.
    reconnectOnError: (error: Error) => (error.message.startsWith('READONLY') ? 2 : false),
  };
}

/** An ioredis client on the endpoint, built from the same options BullMQ gets. */
export function connectRedis(endpoint: RedisEndpoint, extra: RedisConnectionOptions = {}): Redis {
  const { url, ...options } = redisConnectionOptions(endpoint, extra);
  return url === undefined ? new Redis(options) : new Redis(url, options);
}

/** The endpoint as a log or error may show it: the URL without its password, or the sentinels and name. */
export function describeRedisEndpoint(endpoint: RedisEndpoint): string {
  if (endpoint.kind === 'url') return `REDIS_URL ${redact(endpoint.url)}`;
  const sentinels = endpoint.sentinels.map(({ host, port }) => `${host}:${port}`).join(',');
  return `REDIS_SENTINELS ${sentinels} (master ${endpoint.name})`;
}

/** A single-server endpoint (tests and tools that start their own Redis). */
export function redisUrl(url: string): RedisEndpoint {
  return { kind: 'url', url };
}
