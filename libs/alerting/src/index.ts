export { AlertingApiModule, AlertingIngestionModule, AlertingWorkerModule } from './alerting.module';
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
  OutboxRelay,
  OUTBOX_POLL_MS,
  OUTBOX_REDELIVER_AFTER_MS,
  OUTBOX_RELAY_OPTIONS,
} from './delivery/outbox-relay.service';
export { SmtpMailer, webhookSignature } from './delivery/senders';
export { AlertSweep } from './sweep/alert-sweep.service';
export { DEFAULT_ALERT_RULES, seedDefaultAlertRules } from './rules/default-rules';
export { DEFAULT_RULE_SETTINGS, settingsOf } from './rules/rule-settings';
export type { RuleSettings } from './rules/rule-settings';
