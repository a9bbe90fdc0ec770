import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { JobContext, OnJob } from '@hp/queue';
import { AlertOutboxRepository } from '../storage/alert-outbox.repository';
import { ALERT_SETTINGS, AlertSettings, DEFAULT_ALERT_SETTINGS } from '../lifecycle/alert-settings';
import {
  ALERT_DELIVER_EMAIL_JOB,
  ALERT_DELIVER_GRAFANA_JOB,
  ALERT_DELIVER_IN_APP_JOB,
  ALERT_DELIVER_WEBHOOK_JOB,
} from '../jobs/alerting-jobs';
import { NotificationsRepository } from '../storage/notifications.repository';
import { OutboxEvent } from '../storage/alerting.types';
import { AlertMailer, postWebhook } from './senders';
import { GrafanaAnnotation, GrafanaClient } from '@hp/grafana';
import { redact } from '@hp/config';

/**
 * How long a delivery's claim of a message holds: longer than any send may take (nodemailer's default
 * connection and socket timeouts add up to about 12 minutes; webhooks 5 s, Grafana 10 s).
 */
export const DELIVERY_CLAIM_MS = 15 * 60_000;

/**
 * The processors of the per-channel delivery jobs. A message already delivered is not sent again (a job
 * relayed twice sends once); a failure is retried by the queue with backoff; the last failure goes to
 * alert_dead_letters, never silently away.
 */
@Injectable()
export class AlertDelivery implements OnModuleDestroy {
  private readonly log = new Logger(AlertDelivery.name);
  private readonly settings: AlertSettings;
  private readonly mailer: AlertMailer | null;
  private readonly grafana: GrafanaClient | null;

  constructor(
    private readonly outbox: AlertOutboxRepository,
    @Optional() @Inject(ALERT_SETTINGS) settings: AlertSettings | null,
    @Optional()
    @Inject(NotificationsRepository)
    private readonly notifications: NotificationsRepository | null = null,
  ) {
    this.settings = settings ?? DEFAULT_ALERT_SETTINGS;
    this.mailer = this.settings.smtpUrl
      ? new AlertMailer(this.settings.smtpUrl, this.settings.mailFrom)
      : null;
    if (!this.settings.webhookSecret)
      this.log.warn('ALERT_WEBHOOK_SECRET is unset: webhooks are sent unsigned');
    const g = this.settings.grafana;
    this.grafana = g?.url && g.token ? new GrafanaClient({ url: g.url, token: g.token }) : null;
  }

  @OnJob(ALERT_DELIVER_WEBHOOK_JOB)
  deliverWebhook({ outboxId }: { outboxId: number }, context: JobContext): Promise<void> {
    return this.deliver(outboxId, context, (m) =>
      postWebhook(m.target, m.payload, m.id, this.settings.webhookSecret),
    );
  }

  @OnJob(ALERT_DELIVER_EMAIL_JOB)
  deliverEmail({ outboxId }: { outboxId: number }, context: JobContext): Promise<void> {
    return this.deliver(outboxId, context, (m) => {
      if (!this.mailer) throw new Error('ALERT_SMTP_URL is unset: e-mail cannot be sent');
      return this.mailer.send(m.target, m.payload, m.id);
    });
  }

  @OnJob(ALERT_DELIVER_GRAFANA_JOB)
  deliverGrafana({ outboxId }: { outboxId: number }, context: JobContext): Promise<void> {
    return this.deliver(outboxId, context, async (m) => {
      if (!this.grafana)
        throw new Error('GRAFANA_URL or GRAFANA_TOKEN is unset: no annotation can be posted');
      await this.grafana.postAnnotation(annotationOf(m.payload));
    });
  }

  /** The in-app channel: the notification lands in its user's notification centre (once per message). */
  @OnJob(ALERT_DELIVER_IN_APP_JOB)
  deliverInApp({ outboxId }: { outboxId: number }, context: JobContext): Promise<void> {
    return this.deliver(outboxId, context, async (m) => {
      const userId = Number(/^user:(\d+)$/.exec(m.target)?.[1]);
      if (!Number.isSafeInteger(userId)) throw new Error(`in-app target ${m.target} names no user`);
      if (!this.notifications)
        throw new Error('no notification store: in-app notifications cannot be written');
      await this.notifications.insertForOutbox({
        userId,
        alertId: m.alertId,
        outboxId: m.id,
        event: m.event,
      });
    });
  }

  onModuleDestroy(): void {
    this.mailer?.close();
  }

  private async deliver(
    outboxId: number,
    context: JobContext,
    send: (m: {
      id: number;
      alertId: number;
      event: OutboxEvent;
      target: string;
      payload: Record<string, unknown>;
    }) => Promise<void>,
  ): Promise<void> {
    const found = await this.outbox.find(outboxId);
    if (!found || found.deliveredAt) return;
    // Claimed in the database first: a second job of this message (redelivered after a Redis failover, a
    // stalled job run again, a relay again) finds it claimed and leaves it to the delivery holding it; if
    // that one crashed, the claim runs out and the relay's redelivery sends it.
    const message = await this.outbox.claim(outboxId, DELIVERY_CLAIM_MS);
    if (!message) {
      this.log.debug(`notification ${outboxId} is delivered or being sent by another delivery`);
      return;
    }
    try {
      await send(message);
    } catch (error) {
      await this.outbox.releaseClaim(outboxId);
      const reason = (error as Error).message;
      if (context.finalAttempt) {
        await this.outbox.deadLetter(outboxId, reason, context.attempt);
        this.log.error(
          `notification ${outboxId} to ${redact(message.target)} dead-lettered after ${context.attempt} attempts: ${reason}`,
        );
      }
      throw error;
    }
    await this.outbox.markDelivered(outboxId, context.attempt);
  }
}

/** An alert's opening or resolution as a Grafana annotation, found by its tags on every dashboard. */
export function annotationOf(payload: Record<string, unknown>): GrafanaAnnotation {
  const { event, alert } = payload as { event: string; alert: Record<string, unknown> };
  return {
    time: new Date(String(event === 'resolved' ? alert['lastSeen'] : alert['firstSeen'])),
    text: `${event === 'resolved' ? 'resolved' : String(alert['severity'])}: ${String(alert['message'])}`,
    tags: ['hp-alert', String(alert['kind']), String(alert['severity']), event],
  };
}
