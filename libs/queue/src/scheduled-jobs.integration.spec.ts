import { randomUUID } from 'node:crypto';
import { waitFor } from '@hp/testing';
import { BullMqJobQueue } from './drivers/bullmq.driver';
import { defineJob } from './jobs';
import { redisUrl } from './redis-connection';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const EVERY_MS = 300;
const TICK = defineJob<{ readonly kind: string }>({
  name: 'test.tick',
  queue: { name: 'ticks' },
  retry: { attempts: 1, backoff: { type: 'fixed', delayMs: 10 } },
});

// Two worker replicas (two drivers on one Redis, as two worker processes are) both declare the platform's
// schedules at start, as every worker does: each tick must run once, on one of them.
describe('scheduled jobs across two worker replicas', () => {
  const replicas: BullMqJobQueue[] = [];
  /** Each run: the replica that ran it and its job id (one per tick). */
  const runs: { replica: number; jobId: string; kind: string; at: number }[] = [];

  beforeEach(async () => {
    runs.length = 0;
    const prefix = `ticks-${randomUUID()}`;
    for (let replica = 0; replica < 2; replica++) {
      const queue = new BullMqJobQueue({ redis: redisUrl(REDIS_URL), prefix });
      queue.process(TICK, async ({ kind }, { jobId }) => {
        runs.push({ replica, jobId, kind, at: Date.now() });
      });
      await queue.startWorkers();
      replicas.push(queue);
    }
  });

  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((q) => q.close()));
  });

  /** Every tick ran once: no job id twice, and no more runs than ticks in the time they took. */
  function expectOncePerTick(periodMs: number): void {
    const ids = runs.map((r) => r.jobId);
    expect(new Set(ids).size).toBe(ids.length);
    const span = runs[runs.length - 1].at - runs[0].at;
    // n runs at one per period span (n - 1) periods; twice per tick would span half that. Timers may lag,
    // never run ahead: a generous lower bound still fails at double the rate.
    expect(span).toBeGreaterThanOrEqual((runs.length - 1) * periodMs * 0.75);
  }

  it('runs an every-N-ms schedule once per tick, though both replicas declare it', async () => {
    await Promise.all(replicas.map((q) => q.schedule(TICK, { kind: 'every' }, EVERY_MS)));
    await waitFor(() => runs.length >= 8, { timeoutMs: 15_000, description: '8 ticks run' });
    expectOncePerTick(EVERY_MS);
  });

  it('runs a cron schedule once per tick, though both replicas declare it', async () => {
    const schedule = { id: 'tick-cron', pattern: '* * * * * *', tz: 'Asia/Ho_Chi_Minh' };
    await Promise.all(replicas.map((q) => q.scheduleCron(TICK, { kind: 'cron' }, schedule)));
    await waitFor(() => runs.length >= 4, { timeoutMs: 15_000, description: '4 cron ticks run' });
    expectOncePerTick(1_000);
    expect(new Set(runs.map((r) => r.kind))).toEqual(new Set(['cron']));
  });
});
