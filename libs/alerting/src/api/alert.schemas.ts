import { apiSchema, json, REASON_API_SCHEMA } from '@hp/contracts';
import { ALERT_TOPICS } from '../rules/alert-topics';
import { ALERT_RULE_KINDS, ALERT_SEVERITIES, ALERT_STATUSES } from '../storage/alerting.types';

/** The response schemas of the alert routes (served in OpenAPI; the dashboard's types come from them). */

const nullableId = json.nullable(json.integer());
const nullableTime = json.nullable(json.dateTime());

export const SEVERITY_SCHEMA = apiSchema('Severity', json.oneOf(ALERT_SEVERITIES));
export const ALERT_STATUS_SCHEMA = apiSchema('AlertStatus', json.oneOf(ALERT_STATUSES));

export const ALERT_SCHEMA = apiSchema(
  'Alert',
  json.object({
    id: json.integer(),
    ruleId: json.integer(),
    subject: json.string(),
    kind: json.oneOf(ALERT_RULE_KINDS),
    severity: SEVERITY_SCHEMA,
    parkId: nullableId,
    stationId: nullableId,
    status: ALERT_STATUS_SCHEMA,
    reason: REASON_API_SCHEMA,
    message: json.string({ description: 'the reason worded in Vietnamese by the message catalogue' }),
    details: json.record({}),
    firstSeen: json.dateTime(),
    lastSeen: json.dateTime(),
    occurrences: json.integer(),
    silenced: json.boolean(),
    escalationLevel: json.integer(),
    nextEscalationAt: nullableTime,
    nextReminderAt: nullableTime,
    acknowledgedAt: nullableTime,
    acknowledgedBy: json.nullable(json.string()),
    resolvedAt: nullableTime,
    updatedAt: json.dateTime(),
  }),
);

export const ALERT_RULE_SCHEMA = apiSchema(
  'AlertRule',
  json.object({
    id: json.integer(),
    code: json.string(),
    kind: json.oneOf(ALERT_RULE_KINDS),
    parkId: nullableId,
    stationId: nullableId,
    parameter: json.nullable(json.string()),
    severity: SEVERITY_SCHEMA,
    settings: json.record(json.number()),
    enabled: json.boolean(),
  }),
);

export const ALERT_RECIPIENT_SCHEMA = apiSchema(
  'AlertRecipient',
  json.object({
    id: json.integer(),
    name: json.string(),
    role: json.string(),
    parkId: nullableId,
    level: json.integer(),
    minSeverity: SEVERITY_SCHEMA,
    email: json.nullable(json.string()),
    webhookUrl: json.nullable(json.string()),
    userId: nullableId,
  }),
);

export const ALERT_SILENCE_SCHEMA = apiSchema(
  'AlertSilence',
  json.object({
    id: json.integer(),
    parkId: nullableId,
    stationId: nullableId,
    ruleKind: json.nullable(json.oneOf(ALERT_RULE_KINDS)),
    startsAt: json.dateTime(),
    endsAt: json.dateTime(),
    reason: json.string(),
    createdBy: json.nullable(json.string()),
    state: json.oneOf(['upcoming', 'active', 'ended', 'withdrawn']),
  }),
);

export const NOTIFICATION_PREFERENCES_SCHEMA = apiSchema(
  'NotificationPreferences',
  json.object({
    parkIds: json.nullable({
      ...json.array(json.integer()),
      description: 'the parks followed; null: every park the user may see',
    }),
    topics: json.array(json.oneOf(ALERT_TOPICS)),
    minSeverity: SEVERITY_SCHEMA,
    inApp: json.boolean(),
    email: json.nullable(json.string()),
    subscribed: { ...json.boolean(), description: 'true when some topic reaches some channel' },
    updatedAt: nullableTime,
  }),
);

export const ALERT_NOTIFICATION_SCHEMA = apiSchema(
  'AlertNotification',
  json.object({
    id: json.integer(),
    alertId: json.integer(),
    event: json.oneOf(['opened', 'escalated', 'reminder', 'resolved']),
    channel: json.oneOf(['email', 'webhook', 'grafana']),
    recipientId: nullableId,
    target: json.string(),
    payload: json.record({}),
    createdAt: json.dateTime(),
    relayedAt: nullableTime,
    deliveredAt: nullableTime,
    attempts: json.integer(),
  }),
);

export const ALERT_DETAIL_SCHEMA = apiSchema('AlertDetail', {
  allOf: [ALERT_SCHEMA, json.object({ notifications: json.array(ALERT_NOTIFICATION_SCHEMA) })],
});

export const DEAD_LETTER_SCHEMA = apiSchema(
  'AlertDeadLetter',
  json.object({
    outboxId: json.integer(),
    channel: json.string(),
    target: json.string(),
    error: json.string(),
    attempts: json.integer(),
    failedAt: json.dateTime(),
  }),
);
