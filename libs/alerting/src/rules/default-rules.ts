import { SqlExecutor } from '@hp/storage';
import { AlertRulesRepository } from '../storage/alert-rules.repository';
import { AlertRuleInput } from '../storage/alerting.types';

/**
 * The rules a new installation starts with: everywhere, limits from each station's permit. Operators
 * edit or disable them and add their own per station, park and parameter. A rate-of-change rule has no
 * sensible default (it depends on the parameter and the plant) and ships as none.
 */
export const DEFAULT_ALERT_RULES: readonly AlertRuleInput[] = [
  {
    code: 'default-threshold',
    kind: 'threshold',
    severity: 'critical',
    settings: { forSeconds: 300, clearForSeconds: 300 },
  },
  { code: 'default-window-mean', kind: 'window_mean', severity: 'warning', settings: { windowMinutes: 60 } },
  { code: 'default-no-data', kind: 'no_data', severity: 'warning', settings: { minutes: 30 } },
  { code: 'default-device-offline', kind: 'device_offline', severity: 'warning', settings: { minutes: 5 } },
  { code: 'default-status-stuck', kind: 'status_stuck', severity: 'info', settings: { minutes: 120 } },
  { code: 'default-waste-violation', kind: 'waste_violation', severity: 'warning' },
  { code: 'default-daily-exceedance', kind: 'daily_exceedance', severity: 'critical' },
  // Data-quality signals (libs/data-quality): raised and cleared by their own hysteresis, per station-day.
  { code: 'default-data-quality', kind: 'data_quality', severity: 'warning' },
];

/** Adds the default rules that are missing; never overwrites an operator's edit. Returns how many. */
export async function seedDefaultAlertRules(db: SqlExecutor): Promise<number> {
  const repo = new AlertRulesRepository(db);
  const present = new Set((await repo.list()).map((r) => r.code));
  let added = 0;
  for (const rule of DEFAULT_ALERT_RULES) {
    if (present.has(rule.code)) continue;
    await repo.upsert(rule);
    added++;
  }
  return added;
}
