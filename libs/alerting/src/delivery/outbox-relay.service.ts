import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { JOB_QUEUE, JobDefinition, JobQueue } from '@hp/queue';
import { AlertOutboxRepository } from '../storage/alert-outbox.repository';
import { AlertChannel } from '../storage/alerting.types';
import {
  ALERT_DELIVER_EMAIL_JOB,
  ALERT_DELIVER_GRAFANA_JOB,
  ALERT_DELIVER_IN_APP_JOB,
  ALERT_DELIVER_WEBHOOK_JOB,
} from '../jobs/alerting-jobs';

/** How often the outbox is polled for messages to hand to the queue. */
export const OUTBOX_POLL_MS = 100;
/** A relayed message not delivered after this is relayed again (the queue may have lost it). */
export const OUTBOX_REDELIVER_AFTER_MS = 60_000;
/** Optional tuning of the relay (tests shorten the redelivery delay). */
export const OUTBOX_RELAY_OPTIONS = Symbol('OUTBOX_RELAY_OPTIONS');
const BATCH = 500;
/** The delivery job of each channel. */
const DELIVERY_JOB: Record<AlertChannel, JobDefinition<{ readonly outboxId: number }>> = {
  email: ALERT_DELIVER_EMAIL_JOB,
  webhook: ALERT_DELIVER_WEBHOOK_JOB,
  grafana: ALERT_DELIVER_GRAFANA_JOB,
  in_app: ALERT_DELIVER_IN_APP_JOB,
};

/**
 * The job id of a message's relay: a message handed over twice before it was marked relayed is one job;
 * relayed again as stale (`relays` counted up) it is a new job, even if Redis still holds the former one.
 */
export function outboxJobId(message: { readonly id: number; readonly relays: number }): string {
  return message.relays === 0 ? `outbox-${message.id}` : `outbox-${message.id}-${message.relays}`;
}

/**
 * Moves committed notifications from alert_outbox to the per-channel queues. A message is marked relayed
 * only after the queue took it; while Redis is away the add waits or fails and the rows simply stay, to
 * be relayed when it is back. Job ids (outboxJobId) make a message relayed twice one job, and the delivery
 * claims the message in the database before sending besides (two jobs of one message send once).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private lastError = '';
  private lastRequeue = 0;
  private readonly redeliverAfterMs: number;
  relayed = 0;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly outbox: AlertOutboxRepository,
    @Optional() @Inject(OUTBOX_RELAY_OPTIONS) options: { redeliverAfterMs?: number } | null = null,
  ) {
    this.redeliverAfterMs = options?.redeliverAfterMs ?? OUTBOX_REDELIVER_AFTER_MS;
  }

  onApplicationBootstrap(): void {
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One relay pass; returns how many messages it handed over. */
  async relayOnce(): Promise<number> {
    if (Date.now() - this.lastRequeue >= this.redeliverAfterMs / 4) {
      this.lastRequeue = Date.now();
      const again = await this.outbox.requeueStale(this.redeliverAfterMs);
      if (again > 0) this.log.warn(`${again} notification(s) relayed but not delivered: relaying them again`);
    }
    const pending = await this.outbox.unrelayed(BATCH);
    const done: number[] = [];
    try {
      for (const m of pending) {
        await this.queue.add(DELIVERY_JOB[m.channel], { outboxId: m.id }, { jobId: outboxJobId(m) });
        done.push(m.id);
      }
    } finally {
      await this.outbox.markRelayed(done);
      this.relayed += done.length;
    }
    return done.length;
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = this.relayOnce().then(
      (n) => {
        if (this.lastError) this.log.log('outbox relay works again');
        this.lastError = '';
        this.schedule(n === BATCH ? 0 : OUTBOX_POLL_MS);
      },
      (error: unknown) => {
        const reason = (error as Error).message;
        if (reason !== this.lastError) this.log.warn(`outbox relay failed, retrying: ${reason}`);
        this.lastError = reason;
        this.schedule(1_000);
      },
    );
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.tick(), ms);
    this.timer.unref();
  }
}
