import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { BullMqJobQueue, redisUrl, registerJobHandlers } from '@hp/queue';
import { Database } from '@hp/storage';
import { RegistryAdmin } from '@hp/registry';
import { startWebhookReceiver, waitFor, WebhookReceiver } from '@hp/testing';
import { openTestStore, TestStore } from '@hp/testing-store';
import { AlertDelivery } from './delivery/alert-delivery.service';
import { OutboxRelay } from './delivery/outbox-relay.service';
import { wasteAlertRaiser } from './spec-support/waste-alert-raiser';
import { AlertOutboxRepository } from './storage/alert-outbox.repository';
import { AlertRecipientsRepository } from './storage/alert-recipients.repository';

const OUTAGE_MS = 30_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Redis of this test's own (the shared one must stay up for the other suites), without persistence. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await waitFor(
    () =>
      new Promise<true | null>((resolve) => {
        const socket = createServer().listen(port, '127.0.0.1');
        socket.on('error', () => resolve(true)); // taken: redis is listening
        socket.on('listening', () => socket.close(() => resolve(null)));
      }),
    { timeoutMs: 10_000, description: `redis-server on ${port}` },
  );
  return child;
}

describe('alert delivery across a 30 s Redis outage', () => {
  let store: TestStore;
  let db: Database;
  let redis: ChildProcess;
  let port: number;
  let webhook: WebhookReceiver;
  let queue: BullMqJobQueue;
  let relay: OutboxRelay;

  beforeAll(async () => {
    store = await openTestStore('pg');
    db = store.db;
    port = await freePort();
    redis = await startRedis(port);
    webhook = await startWebhookReceiver('s');
    const park = await new RegistryAdmin(db).registerPark({ code: 'RO-PARK', name: 'park' });
    await new AlertRecipientsRepository(db).insert({
      name: 'Officer',
      role: 'officer',
      parkId: park.id,
      webhookUrl: webhook.url,
    });
    queue = new BullMqJobQueue({
      redis: redisUrl(`redis://127.0.0.1:${port}`),
      prefix: 'hp-outage',
      backoffScale: 0.01,
    });
    const outbox = new AlertOutboxRepository(db);
    registerJobHandlers(
      queue,
      new AlertDelivery(outbox, {
        smtpUrl: undefined,
        mailFrom: 'x@y',
        webhookSecret: 's',
        escalateAfterMinutes: 30,
        remindEveryMinutes: 60,
      }),
    );
    await queue.startWorkers();
    relay = new OutboxRelay(queue, outbox, { redeliverAfterMs: 3_000 });
    relay.onApplicationBootstrap();
  });

  afterAll(async () => {
    await relay?.onApplicationShutdown();
    await queue?.close();
    redis?.kill('SIGKILL');
    await webhook?.close();
    await store?.cleanup();
  });

  it('loses no notification raised before, during or right after the outage, and sends none twice', async () => {
    const raise = await wasteAlertRaiser(db, 'outage', 'RO-PARK', 'OUT');

    for (let n = 0; n < 5; n++) await raise(n);
    await waitFor(async () => (webhook.received.length >= 5 ? true : null), {
      timeoutMs: 10_000,
      description: 'first 5 delivered',
    });

    // One more while the receiver is failing: its job sits in Redis, retrying, when Redis dies.
    webhook.failNext(1_000_000);
    const { alert } = await raise(5);
    const outbox = new AlertOutboxRepository(db);
    await waitFor(async () => ((await outbox.listForAlert(alert.id))[0].relayedAt ? true : null), {
      timeoutMs: 10_000,
      description: 'the 6th notification handed to Redis',
    });
    // Redis dies (no persistence: whatever it held is gone); alerts keep firing for 30 s.
    redis.kill('SIGKILL');
    const outageEnds = Date.now() + OUTAGE_MS;
    let n = 6;
    while (Date.now() < outageEnds) {
      await raise(n++);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
    }
    expect(webhook.received.length).toBe(5); // nothing could be delivered meanwhile
    redis = await startRedis(port);
    webhook.failNext(0);
    await raise(n++);

    const expected = n;
    await waitFor(
      async () => (new Set(webhook.received.map((r) => r.delivery)).size === expected ? true : null),
      {
        timeoutMs: 30_000,
        description: `all ${expected} notifications delivered after the outage`,
      },
    );
    const ids = webhook.received.map((r) => r.delivery);
    expect(ids.length).toBe(new Set(ids).size); // exactly once
    for (const id of ids) expect((await outbox.find(id))?.deliveredAt).toBeInstanceOf(Date);
  }, 120_000);
});
