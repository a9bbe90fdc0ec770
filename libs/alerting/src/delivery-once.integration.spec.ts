import { randomUUID } from 'node:crypto';
import { BullMqJobQueue, redisUrl, registerJobHandlers } from '@hp/queue';
import { Database } from '@hp/storage';
import { RegistryAdmin } from '@hp/registry';
import { startWebhookReceiver, waitFor, WebhookReceiver } from '@hp/testing';
import { openTestStore, TestStore } from '@hp/testing-store';
import { AlertDelivery } from './delivery/alert-delivery.service';
import { OutboxRelay } from './delivery/outbox-relay.service';
import { ALERT_DELIVER_WEBHOOK_JOB } from './jobs/alerting-jobs';
import { AlertLifecycle } from './lifecycle/alert-lifecycle.service';
import { AlertOutboxRepository } from './storage/alert-outbox.repository';
import { AlertRecipientsRepository } from './storage/alert-recipients.repository';
import { AlertRulesRepository } from './storage/alert-rules.repository';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const SETTINGS = {
  smtpUrl: undefined,
  mailFrom: 'x@y',
  webhookSecret: 's',
  escalateAfterMinutes: 30,
  remindEveryMinutes: 60,
};

// What a Redis failover can do to a delivery job, played without one: the job run twice at once (a stalled
// job handed to a second worker while the first still sends), and a message whose job Redis still holds
// under its id but will not run.
describe('a notification is sent once, whatever the queue does with its jobs', () => {
  let store: TestStore;
  let db: Database;
  let webhook: WebhookReceiver;
  let outbox: AlertOutboxRepository;
  let raised = 0;

  /** Raises an alert of a new subject; returns its one webhook notification's outbox id. */
  async function notification(): Promise<number> {
    const rule = await new AlertRulesRepository(db).upsert({ code: 'once', kind: 'waste_violation' });
    const n = raised++;
    const { alert } = await new AlertLifecycle(db, null).raise({
      ruleId: rule.id,
      subject: `lot:ONCE-${n}`,
      kind: 'waste_violation',
      severity: 'warning',
      parkId: null,
      stationId: null,
      reason: { code: 'TEXT', params: { text: `lot ONCE-${n}` } },
      details: {},
      at: new Date(),
    });
    const [message] = await outbox.listForAlert(alert.id);
    return message.id;
  }

  beforeAll(async () => {
    store = await openTestStore('pg');
    db = store.db;
    webhook = await startWebhookReceiver('s');
    outbox = new AlertOutboxRepository(db);
    await new RegistryAdmin(db).registerPark({ code: 'ONCE-PARK', name: 'park' });
    await new AlertRecipientsRepository(db).insert({
      name: 'Officer',
      role: 'officer',
      webhookUrl: webhook.url,
    });
  });

  afterAll(async () => {
    await webhook?.close();
    await store?.cleanup();
  });

  it('two deliveries of one message at once send it once (the database claim)', async () => {
    const id = await notification();
    const delivery = new AlertDelivery(outbox, SETTINGS);
    const context = { jobId: `outbox-${id}`, attempt: 1, finalAttempt: false };
    await Promise.all([
      delivery.deliverWebhook({ outboxId: id }, context),
      delivery.deliverWebhook({ outboxId: id }, context),
    ]);
    expect(webhook.received.filter((r) => r.delivery === id)).toHaveLength(1);
    expect((await outbox.find(id))?.deliveredAt).toBeInstanceOf(Date);
    // Delivered: a third job (a relay again) sends nothing either.
    await delivery.deliverWebhook({ outboxId: id }, context);
    expect(webhook.received.filter((r) => r.delivery === id)).toHaveLength(1);
  });

  it('a failed send gives its claim up, so the retry sends at once', async () => {
    const id = await notification();
    const delivery = new AlertDelivery(outbox, SETTINGS);
    webhook.failNext(1);
    const context = { jobId: `outbox-${id}`, attempt: 1, finalAttempt: false };
    await expect(delivery.deliverWebhook({ outboxId: id }, context)).rejects.toThrow();
    await delivery.deliverWebhook({ outboxId: id }, { ...context, attempt: 2 });
    expect(webhook.received.filter((r) => r.delivery === id)).toHaveLength(1);
  });

  it('relays a stale message under a new job id when Redis still holds the former one', async () => {
    const queue = new BullMqJobQueue({ redis: redisUrl(REDIS_URL), prefix: `once-${randomUUID()}` });
    const relay = new OutboxRelay(queue, outbox, { redeliverAfterMs: 500 });
    try {
      registerJobHandlers(queue, new AlertDelivery(outbox, SETTINGS));
      await queue.startWorkers();
      const id = await notification();
      // The former job is there but will not run (as a job failed for good whose dead letter could not be
      // written): adding a job under its id again adds nothing.
      await queue.add(
        ALERT_DELIVER_WEBHOOK_JOB,
        { outboxId: id },
        { jobId: `outbox-${id}`, delayMs: 3_600_000 },
      );
      relay.onApplicationBootstrap();
      await waitFor(() => webhook.received.some((r) => r.delivery === id), {
        timeoutMs: 10_000,
        description: 'the stale message delivered through a relay again',
      });
      expect((await outbox.find(id))?.relays).toBeGreaterThan(0);
    } finally {
      await relay.onApplicationShutdown();
      await queue.close();
    }
  });
});
