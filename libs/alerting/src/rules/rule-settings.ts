import type { AlertRule, AlertRuleKind } from '../storage/alerting.types';

/**
 * What a rule's `settings` may say. Every value has a default per kind, so a rule row only states what
 * differs. None of these numbers is law: they are the operator's policy, edited per station, park and
 * parameter (POST /api/alerts/rules).
 */
export interface RuleSettings {
  /** The trigger condition must hold this long before the alert opens (0: at once). */
  readonly forSeconds: number;
  /** The clear condition must hold this long before the alert resolves. */
  readonly clearForSeconds: number;
  /** Hysteresis: a value above the limit opens; it clears only at or below clearRatio x limit. */
  readonly clearRatio: number;
  /** Hysteresis for ranges (pH): it clears only when back inside the range by this margin. */
  readonly clearMargin: number;
  /** window_mean: the rolling window. */
  readonly windowMinutes: number;
  /** rate_of_change: largest change per minute accepted. */
  readonly maxChangePerMinute: number;
  /** no_data / device_offline / status_stuck: how long before it counts. */
  readonly minutes: number;
  /** An explicit upper limit instead of the permit's Cmax (threshold, window_mean). */
  readonly max?: number;
  /** An explicit lower limit (ranges). */
  readonly min?: number;
}

const BASE: RuleSettings = {
  forSeconds: 0,
  clearForSeconds: 0,
  clearRatio: 0.9,
  clearMargin: 0.2,
  windowMinutes: 60,
  maxChangePerMinute: Number.POSITIVE_INFINITY,
  minutes: 30,
};

export const DEFAULT_RULE_SETTINGS: Readonly<Record<AlertRuleKind, RuleSettings>> = {
  threshold: { ...BASE, forSeconds: 300, clearForSeconds: 300 },
  window_mean: { ...BASE, windowMinutes: 60, clearForSeconds: 600 },
  rate_of_change: { ...BASE, forSeconds: 0, clearForSeconds: 600 },
  no_data: { ...BASE, minutes: 30 },
  device_offline: { ...BASE, minutes: 5 },
  status_stuck: { ...BASE, minutes: 120 },
  waste_violation: BASE,
  daily_exceedance: BASE,
  data_quality: BASE,
};

export function settingsOf(rule: Pick<AlertRule, 'kind' | 'settings'>): RuleSettings {
  return { ...DEFAULT_RULE_SETTINGS[rule.kind], ...(rule.settings as Partial<RuleSettings>) };
}

/** Names of the settings a rule may carry, for validating what an operator sends. */
export const RULE_SETTING_NAMES: readonly (keyof RuleSettings)[] = [
  'forSeconds',
  'clearForSeconds',
  'clearRatio',
  'clearMargin',
  'windowMinutes',
  'maxChangePerMinute',
  'minutes',
  'max',
  'min',
];
