import { defineJob, RetryPolicy } from '@hp/queue';

/** A notification retried for about 17 minutes (1 s, 2 s, 4 s ... 512 s), then dead-lettered. */
export const ALERT_DELIVERY_RETRY_POLICY: RetryPolicy = {
  attempts: 10,
  backoff: { type: 'exponential', delayMs: 1_000 },
};

/** A sweep runs again within seconds anyway. */
export const ALERT_SWEEP_RETRY_POLICY: RetryPolicy = {
  attempts: 1,
  backoff: { type: 'fixed', delayMs: 1_000 },
};

/** Time-driven alert rules, escalations and reminders. */
export const ALERT_SWEEP_JOB = defineJob<{ readonly requestedAt: string }>({
  name: 'alert.sweep',
  queue: { name: 'alerting' },
  retry: ALERT_SWEEP_RETRY_POLICY,
});

// One queue per notification channel, each with its own rate limit: a mail relay throttles or
// blacklists bursts, so a storm of alerts is sent at this pace.

/** Send one outbox message (alert_outbox.id) by e-mail. */
export const ALERT_DELIVER_EMAIL_JOB = defineJob<{ readonly outboxId: number }>({
  name: 'alert.deliver.email',
  queue: { name: 'alerts-email', rateLimit: { max: 20, durationMs: 1_000 } },
  retry: ALERT_DELIVERY_RETRY_POLICY,
});

/** Send one outbox message to a webhook. */
export const ALERT_DELIVER_WEBHOOK_JOB = defineJob<{ readonly outboxId: number }>({
  name: 'alert.deliver.webhook',
  queue: { name: 'alerts-webhook', rateLimit: { max: 200, durationMs: 1_000 } },
  retry: ALERT_DELIVERY_RETRY_POLICY,
});

/** Post an alert's opening or resolution as an annotation on Grafana (when GRAFANA_URL is set). */
export const ALERT_DELIVER_GRAFANA_JOB = defineJob<{ readonly outboxId: number }>({
  name: 'alert.deliver.grafana',
  queue: { name: 'alerts-grafana' },
  retry: ALERT_DELIVERY_RETRY_POLICY,
});

/** Write one outbox message into its user's in-app notification centre. */
export const ALERT_DELIVER_IN_APP_JOB = defineJob<{ readonly outboxId: number }>({
  name: 'alert.deliver.in-app',
  queue: { name: 'alerts-in-app' },
  retry: ALERT_DELIVERY_RETRY_POLICY,
});

/** Alerting's jobs, for the platform's job catalogue. */
export const ALERTING_JOBS = [
  ALERT_SWEEP_JOB,
  ALERT_DELIVER_EMAIL_JOB,
  ALERT_DELIVER_WEBHOOK_JOB,
  ALERT_DELIVER_GRAFANA_JOB,
  ALERT_DELIVER_IN_APP_JOB,
] as const;

/** How often time-driven alert rules, escalations and reminders are looked at. */
export const ALERT_SWEEP_EVERY_MS = 10_000;
