import { DomainError, FieldProblem, json, refuseFields } from '@hp/contracts';
import {
  ALERT_RULE_KINDS,
  ALERT_SEVERITIES,
  AlertRecipientInput,
  AlertRuleInput,
  AlertRuleKind,
  AlertSeverity,
  AlertSilenceInput,
  AlertSubscriptionInput,
} from '../storage/alerting.types';
import { RULE_SETTING_NAMES } from '../rules/rule-settings';
import { ALERT_TOPICS, AlertTopic } from '../rules/alert-topics';

/**
 * The bodies of the alert settings routes (served as their requestBody; every problem a schema can name is
 * reported at once), and the rules beyond them, checked after. Optional fields take null as left out.
 */
const id = json.nullable(json.integer({ minimum: 0 }));

const RULE_FIELDS = {
  severity: { ...json.oneOf(ALERT_SEVERITIES), default: 'warning' },
  parkId: id,
  stationId: id,
  parameter: json.nullable(json.text({ example: 'COD' })),
  settings: {
    type: 'object',
    propertyNames: { enum: [...RULE_SETTING_NAMES], description: 'a rule setting' },
    additionalProperties: json.number({ minimum: 0 }),
  },
  enabled: { ...json.boolean(), default: true },
};

export const ALERT_RULE_BODY_SCHEMA = json.body(
  { code: json.text({ example: 'vsip-cod' }), kind: json.oneOf(ALERT_RULE_KINDS), ...RULE_FIELDS },
  Object.keys(RULE_FIELDS),
);

/** An edit of a rule: only what it names changes (its code and kind stay); `enabled: false` disables it. */
export const ALERT_RULE_CHANGES_SCHEMA = json.body(RULE_FIELDS, Object.keys(RULE_FIELDS));

export type AlertRuleChangesBody = Omit<AlertRuleBody, 'code' | 'kind'>;

export interface AlertRuleBody {
  code: string;
  kind: AlertRuleKind;
  severity?: AlertSeverity;
  parkId?: number | null;
  stationId?: number | null;
  parameter?: string | null;
  settings?: Record<string, number>;
  enabled?: boolean;
}

export const ALERT_RECIPIENT_BODY_SCHEMA = json.body(
  {
    name: json.text(),
    role: json.text({ example: 'officer' }),
    parkId: id,
    level: json.nullable(json.integer({ minimum: 0, description: 'escalation level; default 0' })),
    minSeverity: { ...json.oneOf(ALERT_SEVERITIES), default: 'info' },
    email: json.nullable(json.text({ example: 'officer@example.vn' })),
    webhookUrl: json.nullable(json.text({ example: 'https://hooks.example.vn/alerts' })),
    userId: json.nullable(
      json.integer({
        minimum: 1,
        description: "a platform user told in-app (the user's notification centre)",
      }),
    ),
  },
  ['parkId', 'level', 'minSeverity', 'email', 'webhookUrl', 'userId'],
);

export interface AlertRecipientBody {
  name: string;
  role: string;
  parkId?: number | null;
  level?: number | null;
  minSeverity?: AlertSeverity;
  email?: string | null;
  webhookUrl?: string | null;
  userId?: number | null;
}

export const ALERT_SILENCE_BODY_SCHEMA = json.body(
  {
    parkId: id,
    stationId: id,
    ruleKind: json.nullable(json.oneOf(ALERT_RULE_KINDS)),
    startsAt: json.dateTime(),
    endsAt: json.dateTime(),
    reason: json.text({ example: 'planned calibration' }),
    createdBy: json.nullable(json.text()),
  },
  ['parkId', 'stationId', 'ruleKind', 'createdBy'],
);

export interface AlertSilenceBody {
  parkId?: number | null;
  stationId?: number | null;
  ruleKind?: AlertRuleKind | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy?: string | null;
}

/** A user's own subscription ("notify me"), replaced whole by PUT /api/me/notification-preferences. */
export const SUBSCRIPTION_BODY_SCHEMA = json.body(
  {
    parkIds: json.nullable({
      ...json.array(json.integer({ minimum: 1 })),
      maxItems: 200,
      uniqueItems: true,
      description: 'the parks followed; null: every park the user may see',
    }),
    topics: {
      ...json.array(json.oneOf(ALERT_TOPICS)),
      uniqueItems: true,
      description: 'what to be told of; empty: nothing (unsubscribed)',
    },
    minSeverity: { ...json.oneOf(ALERT_SEVERITIES), default: 'warning' },
    inApp: { ...json.boolean(), default: true, description: 'in the notification centre' },
    email: json.nullable(
      json.text({
        maxLength: 254,
        example: 'lanh.dao@bqlkkt.haiphong.gov.vn',
        description: 'null: no e-mail',
      }),
    ),
  },
  ['minSeverity', 'inApp', 'email'],
);

export interface SubscriptionBody {
  parkIds: number[] | null;
  topics: AlertTopic[];
  minSeverity?: AlertSeverity;
  inApp?: boolean;
  email?: string | null;
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

export function parseRule(body: AlertRuleBody): AlertRuleInput {
  return {
    code: body.code,
    kind: body.kind,
    severity: body.severity ?? 'warning',
    parkId: body.parkId ?? null,
    stationId: body.stationId ?? null,
    parameter: body.parameter ?? null,
    settings: body.settings ?? {},
    enabled: body.enabled !== false,
  };
}

export function parseRecipient(body: AlertRecipientBody): AlertRecipientInput {
  const email = body.email ?? null;
  const webhookUrl = body.webhookUrl ?? null;
  const problems: FieldProblem[] = [];
  if (email && !EMAIL.test(email)) problems.push({ field: 'email', problem: 'must be an e-mail address' });
  if (webhookUrl && !/^https?:\/\//.test(webhookUrl))
    problems.push({ field: 'webhookUrl', problem: 'must be an http(s) URL' });
  if (!email && !webhookUrl && !body.userId)
    problems.push({ field: 'email', problem: 'or webhookUrl or userId is required' });
  if (problems.length > 0) refuseFields(problems);
  return {
    name: body.name,
    role: body.role,
    parkId: body.parkId ?? null,
    level: body.level ?? 0,
    minSeverity: body.minSeverity ?? 'info',
    email,
    webhookUrl,
    userId: body.userId ?? null,
  };
}

export function parseSilence(body: AlertSilenceBody): AlertSilenceInput {
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  if (endsAt <= startsAt) refuseFields([{ field: 'endsAt', problem: 'must be after startsAt' }]);
  return {
    parkId: body.parkId ?? null,
    stationId: body.stationId ?? null,
    ruleKind: body.ruleKind ?? null,
    startsAt,
    endsAt,
    reason: body.reason,
    createdBy: body.createdBy ?? null,
  };
}

/**
 * A subscription as stored: the channels checked (e-mail needs an address), and the parks within what the
 * user may see (`parks`: a park operator's own; null: every park). A park outside them is refused (403).
 */
export function parseSubscription(
  body: SubscriptionBody,
  parks: readonly number[] | null,
): AlertSubscriptionInput {
  const email = body.email?.trim() || null;
  if (email && !EMAIL.test(email)) refuseFields([{ field: 'email', problem: 'must be an e-mail address' }]);
  const outside = parks && body.parkIds ? body.parkIds.filter((p) => !parks.includes(p)) : [];
  if (outside.length > 0)
    throw new DomainError('FORBIDDEN', `parkIds ${outside.join(', ')}: not among your parks`, {
      field: 'parkIds',
    });
  return {
    // A park operator following "every park" follows their own parks (checked again on delivery).
    parkIds: body.parkIds ? [...body.parkIds].sort((a, b) => a - b) : null,
    topics: ALERT_TOPICS.filter((t) => body.topics.includes(t)),
    minSeverity: body.minSeverity ?? 'warning',
    inApp: body.inApp !== false,
    email,
  };
}
