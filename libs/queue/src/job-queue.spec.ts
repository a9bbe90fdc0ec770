import { randomUUID } from 'node:crypto';
import { waitFor } from '@hp/testing';
import { BullMqJobQueue } from './drivers/bullmq.driver';
import { InProcessJobQueue } from './drivers/in-process.driver';
import { JobContext, JobQueue, JobRegistrationError } from './job-queue';
import { composeJobs, defineJob, RetryPolicy } from './jobs';
import { redisReachable, resolveJobQueue } from './resolve-queue';
import { redisUrl } from './redis-connection';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

async function until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  await waitFor(predicate, { timeoutMs, intervalMs: 20 });
}

const RETRY: RetryPolicy = { attempts: 3, backoff: { type: 'exponential', delayMs: 5_000 } };
const TASKS = { name: 'tasks' };
const TASK = defineJob<{ readonly requestedAt: string }>({ name: 'test.task', queue: TASKS, retry: RETRY });
const OTHER = defineJob<{ readonly n: number }>({ name: 'test.other', queue: TASKS, retry: RETRY });

// The same behaviour is required of both drivers: the in-process one stands in when Redis is absent.
const drivers: [string, () => JobQueue][] = [
  ['in-process', () => new InProcessJobQueue(0.001)],
  [
    'bullmq (real Redis)',
    () =>
      new BullMqJobQueue({ redis: redisUrl(REDIS_URL), prefix: `test-${randomUUID()}`, backoffScale: 0.001 }),
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
    queue.process(TASK, async (payload) => {
      seen.push(payload.requestedAt);
    });
    await queue.startWorkers();
    await queue.add(TASK, { requestedAt: '2026-11-27T00:00:00Z' });
    await until(() => seen.length === 1);
    expect(seen).toEqual(['2026-11-27T00:00:00Z']);
  });

  it('retries a failing job per its named policy, then gives up', async () => {
    const attempts: JobContext[] = [];
    queue.process(TASK, async (_payload, context) => {
      attempts.push(context);
      throw new Error('database is away');
    });
    await queue.startWorkers();
    await queue.add(TASK, { requestedAt: 'x' });
    await until(() => attempts.length === RETRY.attempts);
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts.map((a) => [a.attempt, a.finalAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it('refuses to start a worker when some job of the catalogue has no processor', async () => {
    queue.process(TASK, async () => undefined);
    await expect(queue.startWorkers({ catalogue: composeJobs([TASK, OTHER]) })).rejects.toThrow(
      'job "test.other" of queue "tasks" has no processor',
    );
  });

  it('refuses a processor whose job is missing from the catalogue', async () => {
    queue.process(TASK, async () => undefined);
    queue.process(OTHER, async () => undefined, 'Other.handle');
    await expect(queue.startWorkers({ catalogue: [TASK] })).rejects.toThrow(
      `job "test.other" has a processor (Other.handle) but is not in the platform's job catalogue`,
    );
  });

  it('refuses a second processor for the same job, naming both', () => {
    queue.process(TASK, async () => undefined, 'First.run');
    expect(() => queue.process(TASK, async () => undefined, 'Second.run')).toThrow(JobRegistrationError);
    expect(() => queue.process(TASK, async () => undefined, 'Second.run')).toThrow(
      'job "test.task" already has a processor (First.run); Second.run is a second one',
    );
  });

  it('runs a scheduled job repeatedly', async () => {
    let runs = 0;
    queue.process(TASK, async () => {
      runs++;
    });
    await queue.startWorkers();
    await queue.schedule(TASK, { requestedAt: 'schedule' }, 100);
    await until(() => runs >= 2);
    expect(runs).toBeGreaterThanOrEqual(2);
  });

  it('runs a job at the times of a cron pattern in a time zone, one schedule per id', async () => {
    const seen: string[] = [];
    queue.process(TASK, async (payload) => {
      seen.push(payload.requestedAt);
    });
    await queue.startWorkers();
    // Every second (6-field pattern); upserting the same id again replaces the schedule instead of adding one.
    await queue.scheduleCron(
      TASK,
      { requestedAt: 'old' },
      { id: 'spec', pattern: '* * * * * *', tz: 'Asia/Ho_Chi_Minh' },
    );
    await queue.scheduleCron(
      TASK,
      { requestedAt: 'cron' },
      { id: 'spec', pattern: '* * * * * *', tz: 'Asia/Ho_Chi_Minh' },
    );
    await until(() => seen.length >= 2, 5_000);
    expect(new Set(seen)).toEqual(new Set(['cron']));
  });
});

describe('composeJobs', () => {
  it('refuses two jobs of one name, and one queue name defined two ways', () => {
    expect(() => composeJobs([TASK], [TASK])).toThrow('job "test.task" is defined twice');
    const limited = defineJob<number>({
      name: 'x',
      queue: { name: 'tasks', rateLimit: { max: 1, durationMs: 1 } },
      retry: RETRY,
    });
    expect(() => composeJobs([TASK], [limited])).toThrow('queue "tasks" is defined twice, differently');
    expect(composeJobs([TASK], [OTHER]).map((j) => j.name)).toEqual(['test.task', 'test.other']);
  });
});

describe('resolveJobQueue', () => {
  it('opens the configured driver and never falls back when Redis is away', async () => {
    const inProcess = await resolveJobQueue({ driver: 'in-process' });
    expect(inProcess.kind).toBe('in-process');
    await inProcess.close();
    await expect(
      resolveJobQueue({ driver: 'bullmq', redis: redisUrl('redis://127.0.0.1:1') }),
    ).rejects.toThrow('QUEUE_DRIVER=bullmq: Redis does not answer at REDIS_URL redis://127.0.0.1:1');
  });
});

describe('redisReachable', () => {
  it('answers true for the local Redis and false for a closed port', async () => {
    expect(await redisReachable(redisUrl(REDIS_URL))).toBe(true);
    expect(await redisReachable(redisUrl('redis://127.0.0.1:1'), 300)).toBe(false);
  });
});
