import { DayContext, Finding, NOT_HELD, num } from './rule-types';

/**
 * NEAR_LIMIT_CLUSTER: for a parameter with a maximum (Cmax, not a range), at least minShare of the day's
 * valid values lie in [bandLow x Cmax, Cmax] and none lies above Cmax: values held just under the limit
 * (a plant steered by the analyser, or values edited down) rather than spread as a real process spreads.
 */
export function nearLimitCluster(ctx: DayContext, settings: Readonly<Record<string, unknown>>): Finding {
  const bandLow = num(settings, 'bandLow', 0.9);
  const minShare = num(settings, 'minShare', 0.5);
  const minRecords = num(settings, 'minRecords', 12);
  let worst: Record<string, unknown> | null = null;
  let worstShare = -1;
  for (const limit of ctx.limits) {
    if (limit.max === null || limit.min !== null || limit.max <= 0) continue;
    const cmax = limit.max;
    const values = ctx.readings
      .filter((r) => r.status === 0 && r.parameterCode === limit.parameter)
      .map((r) => r.value);
    if (values.length < minRecords || values.some((v) => v > cmax)) continue;
    const inBand = values.filter((v) => v >= bandLow * cmax).length;
    const share = inBand / values.length;
    if (share >= minShare && share > worstShare) {
      worstShare = share;
      worst = {
        parameter: limit.parameter,
        cmax,
        bandLow,
        share: Number(share.toFixed(3)),
        inBand,
        records: values.length,
      };
    }
  }
  return worst ? { holds: true, params: worst } : NOT_HELD;
}
