import { randomUUID } from 'node:crypto';
import { BullMqJobQueue } from './drivers/bullmq.driver';
import { InProcessJobQueue } from './drivers/in-process.driver';
import { JobContext, JobQueue, JobRegistrationError } from './job-queue';
import { MAINTENANCE_RETRY_POLICY } from './jobs';
import { redisReachable } from './resolve-queue';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

async function until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

// The same behaviour is required of both drivers: the in-process one stands in when Redis is absent.
const drivers: [string, () => JobQueue][] = [
  ['in-process', () => new InProcessJobQueue(0.001)],
  [
    'bullmq (real Redis)',
    () => new BullMqJobQueue({ redisUrl: REDIS_URL, prefix: `test-${randomUUID()}`, backoffScale: 0.001 }),
  ],
];

describe.each(drivers)('JobQueue contract: %s', (_name, create) => {
  let queue: JobQueue;
  beforeEach(() => {
    queue = create();
  });
  afterEach(async () => {
    await queue.close();
  });

  it('runs an added job once with its payload', async () => {
    const seen: string[] = [];
    queue.process('storage.maintain', async (payload) => {
      seen.push(payload.requestedAt);
    });
    await queue.startWorkers();
    await queue.add('storage.maintain', { requestedAt: '2026-11-27T00:00:00Z' });
    await until(() => seen.length === 1);
    expect(seen).toEqual(['2026-11-27T00:00:00Z']);
  });

  it('retries a failing job per its named policy, then gives up', async () => {
    const attempts: JobContext[] = [];
    queue.process('storage.maintain', async (_payload, context) => {
      attempts.push(context);
      throw new Error('database is away');
    });
    await queue.startWorkers();
    await queue.add('storage.maintain', { requestedAt: 'x' });
    await until(() => attempts.length === MAINTENANCE_RETRY_POLICY.attempts);
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts.map((a) => [a.attempt, a.finalAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it('refuses to start a worker when some job of the platform has no processor', async () => {
    queue.process('storage.maintain', async () => undefined);
    await expect(queue.startWorkers({ requireEveryJob: true })).rejects.toThrow(
      'job "compliance.recompute" of queue "compliance" has no processor',
    );
  });

  it('refuses a second processor for the same job', () => {
    queue.process('storage.maintain', async () => undefined);
    expect(() => queue.process('storage.maintain', async () => undefined)).toThrow(JobRegistrationError);
  });

  it('runs a scheduled job repeatedly', async () => {
    let runs = 0;
    queue.process('storage.maintain', async () => {
      runs++;
    });
    await queue.startWorkers();
    await queue.schedule('storage.maintain', { requestedAt: 'schedule' }, 100);
    await until(() => runs >= 2);
    expect(runs).toBeGreaterThanOrEqual(2);
  });

  it('runs a job at the times of a cron pattern in a time zone, one schedule per id', async () => {
    const seen: string[] = [];
    queue.process('storage.maintain', async (payload) => {
      seen.push(payload.requestedAt);
    });
    await queue.startWorkers();
    // Every second (6-field pattern); upserting the same id again replaces the schedule instead of adding one.
    await queue.scheduleCron(
      'storage.maintain',
      { requestedAt: 'old' },
      { id: 'spec', pattern: '* * * * * *', tz: 'Asia/Ho_Chi_Minh' },
    );
    await queue.scheduleCron(
      'storage.maintain',
      { requestedAt: 'cron' },
      { id: 'spec', pattern: '* * * * * *', tz: 'Asia/Ho_Chi_Minh' },
    );
    await until(() => seen.length >= 2, 5_000);
    expect(new Set(seen)).toEqual(new Set(['cron']));
  });
});

describe('redisReachable', () => {
  it('answers true for the local Redis and false for a closed port', async () => {
    expect(await redisReachable(REDIS_URL)).toBe(true);
    expect(await redisReachable('redis://127.0.0.1:1', 300)).toBe(false);
  });
});
