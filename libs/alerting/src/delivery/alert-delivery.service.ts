import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { JOB_QUEUE, JobContext, JobQueue } from '@hp/queue';
import { AlertOutboxRepository } from '@hp/storage';
import { ALERT_SETTINGS, AlertSettings, DEFAULT_ALERT_SETTINGS } from '../lifecycle/alert-settings';
import { AlertMailer, postWebhook } from './senders';

/**
 * The processors of the per-channel delivery jobs. A message already delivered is not sent again (a job
 * relayed twice sends once); a failure is retried by the queue with backoff; the last failure goes to
 * alert_dead_letters, never silently away.
 */
@Injectable()
export class AlertDelivery implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(AlertDelivery.name);
  private readonly settings: AlertSettings;
  private readonly mailer: AlertMailer | null;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly outbox: AlertOutboxRepository,
    @Optional() @Inject(ALERT_SETTINGS) settings: AlertSettings | null,
  ) {
    this.settings = settings ?? DEFAULT_ALERT_SETTINGS;
    this.mailer = this.settings.smtpUrl
      ? new AlertMailer(this.settings.smtpUrl, this.settings.mailFrom)
      : null;
    if (!this.settings.webhookSecret)
      this.log.warn('ALERT_WEBHOOK_SECRET is unset: webhooks are sent unsigned');
  }

  onModuleInit(): void {
    this.queue.process('alert.deliver.webhook', ({ outboxId }, context) =>
      this.deliver(outboxId, context, (m) =>
        postWebhook(m.target, m.payload, m.id, this.settings.webhookSecret),
      ),
    );
    this.queue.process('alert.deliver.email', ({ outboxId }, context) =>
      this.deliver(outboxId, context, (m) => {
        if (!this.mailer) throw new Error('ALERT_SMTP_URL is unset: e-mail cannot be sent');
        return this.mailer.send(m.target, m.payload, m.id);
      }),
    );
  }

  onModuleDestroy(): void {
    this.mailer?.close();
  }

  private async deliver(
    outboxId: number,
    context: JobContext,
    send: (m: { id: number; target: string; payload: Record<string, unknown> }) => Promise<void>,
  ): Promise<void> {
    const message = await this.outbox.find(outboxId);
    if (!message || message.deliveredAt) return;
    try {
      await send(message);
    } catch (error) {
      const reason = (error as Error).message;
      if (context.finalAttempt) {
        await this.outbox.deadLetter(outboxId, reason, context.attempt);
        this.log.error(
          `notification ${outboxId} to ${message.target} dead-lettered after ${context.attempt} attempts: ${reason}`,
        );
      }
      throw error;
    }
    await this.outbox.markDelivered(outboxId, context.attempt);
  }
}
