import { FieldProblem, json, refuseFields } from '@hp/contracts';
import {
  ALERT_RULE_KINDS,
  ALERT_SEVERITIES,
  AlertRecipientInput,
  AlertRuleInput,
  AlertRuleKind,
  AlertSeverity,
  AlertSilenceInput,
} from '../storage/alerting.types';
import { RULE_SETTING_NAMES } from '../rules/rule-settings';

/**
 * The bodies of the alert settings routes (served as their requestBody; every problem a schema can name is
 * reported at once), and the rules beyond them, checked after. Optional fields take null as left out.
 */
const id = json.nullable(json.integer({ minimum: 0 }));

export const ALERT_RULE_BODY_SCHEMA = json.body(
  {
    code: json.text({ example: 'vsip-cod' }),
    kind: json.oneOf(ALERT_RULE_KINDS),
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
  },
  ['severity', 'parkId', 'stationId', 'parameter', 'settings', 'enabled'],
);

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
  if (email && !/^[^@\s]+@[^@\s]+$/.test(email))
    problems.push({ field: 'email', problem: 'must be an e-mail address' });
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
