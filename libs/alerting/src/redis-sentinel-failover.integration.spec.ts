import { RedisEndpoint } from '@hp/config';
import { BullMqJobQueue, registerJobHandlers } from '@hp/queue';
import { Database } from '@hp/storage';
import { RegistryAdmin } from '@hp/registry';
import { RedisSentinelCluster, startWebhookReceiver, waitFor, WebhookReceiver } from '@hp/testing';
import { openTestStore, TestStore } from '@hp/testing-store';
import { AlertDelivery } from './delivery/alert-delivery.service';
import { OutboxRelay } from './delivery/outbox-relay.service';
import { wasteAlertRaiser } from './spec-support/waste-alert-raiser';
import { AlertOutboxRepository } from './storage/alert-outbox.repository';
import { AlertRecipientsRepository } from './storage/alert-recipients.repository';

/** The primary, its replica and the three sentinels of this drill (26000-26004 of the alerting drills). */
const BASE_PORT = 26000;
const RAISED_BEFORE_KILL = 20;
const RAISED_AFTER_KILL = 40;
/** Between two alerts raised: notifications keep flowing through the failover. */
const RAISE_EVERY_MS = 100;

/**
 * Two worker processes (two queue drivers, each with a relay and delivery workers) on a Redis behind
 * Sentinel. The primary is SIGKILLed while alerts are raised; its replica is promoted, and what it had
 * not yet received (asynchronous replication) is gone: the outbox relays it again.
 */
describe('alert delivery across a Redis Sentinel failover', () => {
  let cluster: RedisSentinelCluster;
  let store: TestStore;
  let db: Database;
  let webhook: WebhookReceiver;
  const queues: BullMqJobQueue[] = [];
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    cluster = await RedisSentinelCluster.start({ basePort: BASE_PORT });
    store = await openTestStore('pg');
    db = store.db;
    webhook = await startWebhookReceiver('s');
    const park = await new RegistryAdmin(db).registerPark({ code: 'SF-PARK', name: 'park' });
    await new AlertRecipientsRepository(db).insert({
      name: 'Officer',
      role: 'officer',
      parkId: park.id,
      webhookUrl: webhook.url,
    });
    const redis: RedisEndpoint = {
      kind: 'sentinel',
      sentinels: cluster.sentinels,
      name: cluster.name,
      password: undefined,
      sentinelPassword: undefined,
    };
    const outbox = new AlertOutboxRepository(db);
    for (let worker = 0; worker < 2; worker++) {
      const queue = new BullMqJobQueue({ redis, prefix: 'hp-failover', backoffScale: 0.01 });
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
      queues.push(queue);
      const relay = new OutboxRelay(queue, outbox, { redeliverAfterMs: 3_000 });
      relay.onApplicationBootstrap();
      relays.push(relay);
    }
  }, 60_000);

  afterAll(async () => {
    for (const relay of relays) await relay.onApplicationShutdown();
    for (const queue of queues) await queue.close();
    await cluster?.dispose();
    await webhook?.close();
    await store?.cleanup();
  });

  it('delivers every notification raised before, during and after the failover exactly once', async () => {
    const raise = await wasteAlertRaiser(db, 'failover', 'SF-PARK', 'SF');
    const pace = () => new Promise((resolve) => setTimeout(resolve, RAISE_EVERY_MS));

    let n = 0;
    while (n < RAISED_BEFORE_KILL) {
      await raise(n++);
      await pace();
    }
    // Flowing: the primary dies while notifications are being delivered.
    await waitFor(() => webhook.received.length > 0, {
      timeoutMs: 10_000,
      description: 'deliveries flowing',
    });
    const killedAt = Date.now();
    const deliveredBeforeKill = webhook.received.length;
    const formerPrimary = await cluster.killPrimary();
    // Alerts keep firing while the sentinels notice and promote the replica.
    const promoted = cluster.waitForFailover(formerPrimary);
    while (n < RAISED_BEFORE_KILL + RAISED_AFTER_KILL) {
      await raise(n++);
      await pace();
    }
    const primary = await promoted;
    const failoverMs = Date.now() - killedAt;
    expect(primary.port).not.toBe(formerPrimary);

    const expected = n;
    const delivered = () => new Set(webhook.received.map((r) => r.delivery)).size;
    await waitFor(() => delivered() === expected, {
      timeoutMs: 60_000,
      intervalMs: 200,
      description: `all ${expected} notifications delivered after the failover`,
    });
    const allDeliveredMs = Date.now() - killedAt;
    const firstAfterKill = webhook.received.find((r) => r.at > killedAt + failoverMs);
    // The promoted replica serves on; the old primary comes back as its replica.
    await cluster.restart(formerPrimary);

    const ids = webhook.received.map((r) => r.delivery);
    const outbox = new AlertOutboxRepository(db);
    const rows = await Promise.all(ids.map((id) => outbox.find(id)));
    const relayedAgain = rows.filter((m) => (m?.relays ?? 0) > 0).length;
    console.log(
      `Sentinel failover: ${deliveredBeforeKill} delivered before the kill; promoted in ${failoverMs} ms (${formerPrimary} -> ${primary.port}); ` +
        `${ids.length} sent for ${expected} expected, ${ids.length - new Set(ids).size} duplicates, ` +
        `${relayedAgain} relayed again; all delivered ${allDeliveredMs} ms after the kill` +
        (firstAfterKill ? `; first after the failover at +${firstAfterKill.at - killedAt} ms` : ''),
    );
    expect(ids.length).toBe(expected); // none twice
    for (const m of rows) expect(m?.deliveredAt).toBeInstanceOf(Date);
  }, 120_000);
});
