import { DomainError } from '@hp/contracts';
import {
  ALERT_RULE_KINDS,
  ALERT_SEVERITIES,
  AlertRecipientInput,
  AlertRuleInput,
  AlertRuleKind,
  AlertSeverity,
  AlertSilenceInput,
} from '@hp/storage';
import { RULE_SETTING_NAMES } from '../rules/rule-settings';

/** Checks of request bodies: each problem names its field; all of them are reported at once. */
type Body = Record<string, unknown> | undefined;

class Problems {
  readonly list: string[] = [];
  text(body: Body, key: string, required: boolean): string | null {
    const v = body?.[key];
    if (v === undefined || v === null) {
      if (required) this.list.push(`${key} is required`);
      return null;
    }
    if (typeof v !== 'string' || v.trim() === '') this.list.push(`${key} must be a non-empty string`);
    return typeof v === 'string' ? v : null;
  }
  int(body: Body, key: string): number | null {
    const v = body?.[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      this.list.push(`${key} must be a whole number`);
    return typeof v === 'number' ? v : null;
  }
  oneOf<T extends string>(body: Body, key: string, allowed: readonly T[], fallback: T | null): T | null {
    const v = body?.[key];
    if (v === undefined || v === null) {
      if (fallback === null) this.list.push(`${key} is required, one of ${allowed.join(', ')}`);
      return fallback;
    }
    if (!(allowed as readonly unknown[]).includes(v))
      this.list.push(`${key} must be one of ${allowed.join(', ')}`);
    return v as T;
  }
  time(body: Body, key: string): Date | null {
    const v = this.text(body, key, true);
    if (v === null) return null;
    const at = new Date(v);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(at.getTime()))
      this.list.push(`${key} must be an ISO 8601 date-time`);
    return at;
  }
  done(): void {
    if (this.list.length > 0) throw new DomainError('INVALID_ARGUMENT', this.list.join('; '));
  }
}

export function parseRule(body: Body): AlertRuleInput {
  const p = new Problems();
  const code = p.text(body, 'code', true);
  const kind = p.oneOf<AlertRuleKind>(body, 'kind', ALERT_RULE_KINDS, null);
  const severity = p.oneOf<AlertSeverity>(body, 'severity', ALERT_SEVERITIES, 'warning');
  const parkId = p.int(body, 'parkId');
  const stationId = p.int(body, 'stationId');
  const parameter = p.text(body, 'parameter', false);
  const settings: Record<string, number> = {};
  const raw = body?.['settings'];
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    p.list.push('settings must be an object');
  } else {
    for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
      if (!(RULE_SETTING_NAMES as readonly string[]).includes(key))
        p.list.push(`settings.${key} is not a rule setting (${RULE_SETTING_NAMES.join(', ')})`);
      else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        p.list.push(`settings.${key} must be a number >= 0`);
      else settings[key] = value;
    }
  }
  const enabled = body?.['enabled'];
  if (enabled !== undefined && typeof enabled !== 'boolean') p.list.push('enabled must be true or false');
  p.done();
  return {
    code: code!,
    kind: kind!,
    severity: severity!,
    parkId,
    stationId,
    parameter,
    settings,
    enabled: enabled !== false,
  };
}

export function parseRecipient(body: Body): AlertRecipientInput {
  const p = new Problems();
  const name = p.text(body, 'name', true);
  const role = p.text(body, 'role', true);
  const email = p.text(body, 'email', false);
  const webhookUrl = p.text(body, 'webhookUrl', false);
  if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) p.list.push('email must be an e-mail address');
  if (webhookUrl && !/^https?:\/\//.test(webhookUrl)) p.list.push('webhookUrl must be an http(s) URL');
  if (!email && !webhookUrl) p.list.push('email or webhookUrl is required');
  const input: AlertRecipientInput = {
    name: name!,
    role: role!,
    parkId: p.int(body, 'parkId'),
    level: p.int(body, 'level') ?? 0,
    minSeverity: p.oneOf<AlertSeverity>(body, 'minSeverity', ALERT_SEVERITIES, 'info')!,
    email,
    webhookUrl,
  };
  p.done();
  return input;
}

export function parseSilence(body: Body): AlertSilenceInput {
  const p = new Problems();
  const startsAt = p.time(body, 'startsAt');
  const endsAt = p.time(body, 'endsAt');
  const reason = p.text(body, 'reason', true);
  const input: AlertSilenceInput = {
    parkId: p.int(body, 'parkId'),
    stationId: p.int(body, 'stationId'),
    ruleKind:
      body?.['ruleKind'] === undefined
        ? null
        : p.oneOf<AlertRuleKind>(body, 'ruleKind', ALERT_RULE_KINDS, null),
    startsAt: startsAt!,
    endsAt: endsAt!,
    reason: reason!,
    createdBy: p.text(body, 'createdBy', false),
  };
  if (startsAt && endsAt && endsAt <= startsAt) p.list.push('endsAt must be after startsAt');
  p.done();
  return input;
}
