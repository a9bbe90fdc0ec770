import type { Reason } from '@hp/contracts';

export const ALERT_RULE_KINDS = [
  'threshold',
  'window_mean',
  'rate_of_change',
  'no_data',
  'device_offline',
  'status_stuck',
  'waste_violation',
  'daily_exceedance',
  'data_quality',
] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export type AlertPhase = 'normal' | 'pending' | 'firing' | 'clearing';
export type AlertChannel = 'email' | 'webhook' | 'grafana' | 'in_app';
export type OutboxEvent = 'opened' | 'escalated' | 'reminder' | 'resolved';

export interface AlertRuleInput {
  code: string;
  kind: AlertRuleKind;
  parkId?: number | null;
  stationId?: number | null;
  parameter?: string | null;
  severity?: AlertSeverity;
  settings?: Record<string, number>;
  enabled?: boolean;
}

export interface AlertRule extends Required<AlertRuleInput> {
  id: number;
}

export interface AlertRuleState {
  ruleId: number;
  subject: string;
  phase: AlertPhase;
  since: Date | null;
  lastAt: Date | null;
  lastValue: number | null;
}

export interface AlertRecord {
  id: number;
  ruleId: number;
  subject: string;
  kind: AlertRuleKind;
  severity: AlertSeverity;
  parkId: number | null;
  stationId: number | null;
  status: AlertStatus;
  /** Why the alert is open: a reason code with its parameters, worded by the message catalogue. */
  reason: Reason;
  details: Record<string, unknown>;
  firstSeen: Date;
  lastSeen: Date;
  occurrences: number;
  silenced: boolean;
  escalationLevel: number;
  nextEscalationAt: Date | null;
  nextReminderAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  updatedAt: Date;
}

/** What opens (or repeats) an alert. */
export interface AlertOccurrence {
  ruleId: number;
  subject: string;
  kind: AlertRuleKind;
  severity: AlertSeverity;
  parkId: number | null;
  stationId: number | null;
  reason: Reason;
  details: Record<string, unknown>;
  at: Date;
}

export interface AlertRecipientInput {
  name: string;
  role: string;
  parkId?: number | null;
  level?: number;
  minSeverity?: AlertSeverity;
  email?: string | null;
  webhookUrl?: string | null;
  /** A platform user told in the dashboard's notification centre (in-app channel). */
  userId?: number | null;
}

export interface AlertRecipient extends Required<AlertRecipientInput> {
  id: number;
}

export interface AlertSilenceInput {
  parkId?: number | null;
  stationId?: number | null;
  ruleKind?: AlertRuleKind | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdBy?: string | null;
}

export interface AlertSilence extends Required<AlertSilenceInput> {
  id: number;
}

export interface NewOutboxMessage {
  alertId: number;
  event: OutboxEvent;
  channel: AlertChannel;
  recipientId: number | null;
  target: string;
  payload: Record<string, unknown>;
}

export interface OutboxMessage extends NewOutboxMessage {
  id: number;
  createdAt: Date;
  relayedAt: Date | null;
  deliveredAt: Date | null;
  attempts: number;
  /** Relays after the first (a message the queue may have lost is relayed again under a new job id). */
  relays: number;
}

/** A user's own choice of alerts ("notify me"); parkIds null: every park the user may see. */
export interface AlertSubscriptionInput {
  parkIds: number[] | null;
  topics: string[];
  minSeverity: AlertSeverity;
  inApp: boolean;
  /** The address e-mail goes to; null: no e-mail. */
  email: string | null;
}

export interface AlertSubscription extends AlertSubscriptionInput {
  userId: number;
  updatedAt: Date | null;
}

/** A subscriber an alert is delivered to, with the channels they chose. */
export interface AlertSubscriber {
  userId: number;
  inApp: boolean;
  email: string | null;
}
