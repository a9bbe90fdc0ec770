/**
 * Every queue, job and payload of the platform, in one place. A job name maps to exactly one queue
 * and one payload type; a worker fails fast at start when a job has no processor or two.
 */
export const QueueName = {
  Maintenance: 'maintenance',
  Compliance: 'compliance',
  /** Alert sweeps: no-data, offline devices, waste and daily verdicts, escalations and reminders. */
  Alerting: 'alerting',
  /** One queue per notification channel, each with its own rate limit. */
  AlertEmail: 'alerts-email',
  AlertWebhook: 'alerts-webhook',
  AlertGrafana: 'alerts-grafana',
  /** Progress reports: generated on a calendar schedule, then e-mailed to subscribers. */
  Reports: 'reports',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface JobPayloads {
  /** Refresh aggregates, compress and drop old chunks where the database runs no background jobs. */
  'storage.maintain': { readonly requestedAt: string };
  /** Judge again the station-days ingestion marked (late or corrected data). */
  'compliance.recompute': { readonly requestedAt: string };
  /** Time-driven alert rules, escalations and reminders. */
  'alert.sweep': { readonly requestedAt: string };
  /** Send one outbox message (alert_outbox.id) by e-mail / to a webhook. */
  'alert.deliver.email': { readonly outboxId: number };
  'alert.deliver.webhook': { readonly outboxId: number };
  /** Post an alert's opening or resolution as an annotation on Grafana (when GRAFANA_URL is set). */
  'alert.deliver.grafana': { readonly outboxId: number };
  /**
   * Generate the progress reports of a period (vi and en, city-wide and each subscribed park) and e-mail
   * them to the subscribers of its kind. Without `period` ('2026-10', '2026-Q4', '2026'): the last complete
   * period before the job runs (what the calendar schedule wants).
   */
  'report.generate': { readonly kind: 'month' | 'quarter' | 'year'; readonly period?: string };
  /** E-mail one report run (report_runs.id) to one subscription, once. */
  'report.email': { readonly runId: number; readonly subscriptionId: number };
}
export type JobName = keyof JobPayloads;

export interface RetryPolicy {
  readonly attempts: number;
  readonly backoff: { readonly type: 'exponential' | 'fixed'; readonly delayMs: number };
}

/** Named retry/backoff policies; jobs refer to them, never to literals. */
export const MAINTENANCE_RETRY_POLICY: RetryPolicy = {
  attempts: 3,
  backoff: { type: 'exponential', delayMs: 5_000 },
};

/** Recompute is idempotent and runs again a minute later anyway: a couple of quick retries suffice. */
export const COMPLIANCE_RETRY_POLICY: RetryPolicy = {
  attempts: 2,
  backoff: { type: 'fixed', delayMs: 10_000 },
};

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

/** Reading a period's figures is idempotent; retried over about half an hour if the database is away. */
export const REPORT_GENERATE_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 60_000 },
};

/** A report e-mail retried for about 2 hours (30 s doubling), e.g. while the mail relay is down. */
export const REPORT_EMAIL_RETRY_POLICY: RetryPolicy = {
  attempts: 8,
  backoff: { type: 'exponential', delayMs: 30_000 },
};

/** Most jobs a queue's workers start per period (BullMQ limiter); queues not named are unlimited. */
export const QUEUE_RATE_LIMITS: {
  readonly [Q in QueueName]?: { readonly max: number; readonly durationMs: number };
} = {
  // A mail relay throttles or blacklists bursts; a storm of alerts is sent at this pace.
  [QueueName.AlertEmail]: { max: 20, durationMs: 1_000 },
  [QueueName.AlertWebhook]: { max: 200, durationMs: 1_000 },
};

export interface JobDefinition {
  readonly queue: QueueName;
  readonly retry: RetryPolicy;
}

export const JOBS: { readonly [N in JobName]: JobDefinition } = {
  'storage.maintain': { queue: QueueName.Maintenance, retry: MAINTENANCE_RETRY_POLICY },
  'compliance.recompute': { queue: QueueName.Compliance, retry: COMPLIANCE_RETRY_POLICY },
  'alert.sweep': { queue: QueueName.Alerting, retry: ALERT_SWEEP_RETRY_POLICY },
  'alert.deliver.email': { queue: QueueName.AlertEmail, retry: ALERT_DELIVERY_RETRY_POLICY },
  'alert.deliver.webhook': { queue: QueueName.AlertWebhook, retry: ALERT_DELIVERY_RETRY_POLICY },
  'alert.deliver.grafana': { queue: QueueName.AlertGrafana, retry: ALERT_DELIVERY_RETRY_POLICY },
  'report.generate': { queue: QueueName.Reports, retry: REPORT_GENERATE_RETRY_POLICY },
  'report.email': { queue: QueueName.Reports, retry: REPORT_EMAIL_RETRY_POLICY },
};

/** How often time-driven alert rules, escalations and reminders are looked at. */
export const ALERT_SWEEP_EVERY_MS = 10_000;

/** How often marked station-days are judged again. */
export const COMPLIANCE_RECOMPUTE_EVERY_MS = 60_000;

/** How often the maintenance job runs when scheduled. */
export const STORAGE_MAINTENANCE_EVERY_MS = 5 * 60_000;

/** Delay before the next try after `attemptsMade` failed ones; `scale` lets tests shrink real delays. */
export function retryDelayMs(policy: RetryPolicy, attemptsMade: number, scale = 1): number {
  const base = policy.backoff.delayMs * scale;
  return policy.backoff.type === 'fixed' ? base : base * 2 ** (attemptsMade - 1);
}
