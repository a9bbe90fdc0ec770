export {
  AlertingApiModule,
  AlertingIngestionModule,
  AlertingMailboxModule,
  AlertingWorkerModule,
} from './alerting.module';
export { MailCatcher } from './delivery/mail-catcher';
export type { CaughtMail } from './delivery/mail-catcher';
export { AlertLifecycle, notificationPayload } from './lifecycle/alert-lifecycle.service';
export { ALERT_SETTINGS, DEFAULT_ALERT_SETTINGS } from './lifecycle/alert-settings';
export type { AlertSettings } from './lifecycle/alert-settings';
export {
  DEFAULT_READING_EVALUATION,
  READING_EVALUATION_OPTIONS,
  ReadingAlertEvaluator,
} from './evaluation/reading-alert-evaluator.service';
export type { ReadingEvaluationOptions } from './evaluation/reading-alert-evaluator.service';
export { step, NORMAL } from './evaluation/hysteresis';
export type { HysteresisState, Observation } from './evaluation/hysteresis';
export { AlertDelivery } from './delivery/alert-delivery.service';
export {
  ALERT_DELIVER_EMAIL_JOB,
  ALERT_DELIVER_GRAFANA_JOB,
  ALERT_DELIVER_IN_APP_JOB,
  ALERT_DELIVER_WEBHOOK_JOB,
  ALERT_DELIVERY_RETRY_POLICY,
  ALERT_SWEEP_EVERY_MS,
  ALERT_SWEEP_JOB,
  ALERT_SWEEP_RETRY_POLICY,
  ALERTING_JOBS,
} from './jobs/alerting-jobs';
export {
  OutboxRelay,
  OUTBOX_POLL_MS,
  OUTBOX_REDELIVER_AFTER_MS,
  OUTBOX_RELAY_OPTIONS,
} from './delivery/outbox-relay.service';
export { SmtpMailer, webhookSignature } from './delivery/senders';
export { AlertSweep } from './sweep/alert-sweep.service';
export { AlertHistory, HistoryCut } from './sweep/alert-history';
export { DEFAULT_ALERT_RULES, seedDefaultAlertRules } from './rules/default-rules';
export { DEFAULT_RULE_SETTINGS, settingsOf } from './rules/rule-settings';
export type { RuleSettings } from './rules/rule-settings';
export { AlertingDataModule } from './storage/alerting-data.module';
export { AlertsReader } from './storage/alerts.reader';
export type {
  AlertNotificationReads,
  AlertReads,
  AlertRecipientReads,
  AlertRuleReads,
  AlertSubscriptionReads,
} from './storage/alerts.reader';
export { AlertConfiguration } from './rules/alert-configuration.service';
export type { AlertRuleChanges, SilenceState } from './rules/alert-configuration.service';
export { ALERT_TOPICS, TOPIC_OF_KIND } from './rules/alert-topics';
export type { AlertTopic } from './rules/alert-topics';
export type * from './storage/alerting.types';
export { ALERT_RULE_KINDS, ALERT_SEVERITIES, ALERT_STATUSES } from './storage/alerting.types';
export type { AlertChangeCursor } from './storage/alerts.repository';
export { alertMessage, viewOf } from './lifecycle/alert-view';
export type { AlertView } from './lifecycle/alert-view';
