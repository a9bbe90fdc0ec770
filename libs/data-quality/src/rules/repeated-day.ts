import { DayContext, DqReading, Finding, NOT_HELD, num } from './rule-types';

const DAY_MS = 86_400_000;

/**
 * REPEATED_DAY: a parameter's valid values of the day equal (within tolerance) those of an earlier day
 * (up to lookbackDays back) at the same local time of day, for at least minShare of at least minPairs
 * matched times. Series with fewer than minDistinct distinct values are left to STUCK_VALUE: a flat or
 * on/off series (a timer-driven fixed-rate pump) repeats every day legitimately.
 */
export function repeatedDay(ctx: DayContext, settings: Readonly<Record<string, unknown>>): Finding {
  const minPairs = num(settings, 'minPairs', 24);
  const minShare = num(settings, 'minShare', 0.9);
  const minDistinct = num(settings, 'minDistinct', 10);
  const tolerance = num(settings, 'tolerance', 0);
  const today = byParameterAndOffset(ctx.readings, ctx.dayStart.getTime());
  let worst: Record<string, unknown> | null = null;
  let worstShare = -1;
  for (const earlier of ctx.earlierDays) {
    const start = ctx.dayStart.getTime() - daysBetween(earlier.day, ctx.day) * DAY_MS;
    const before = byParameterAndOffset(earlier.readings, start);
    for (const [parameter, series] of today) {
      const other = before.get(parameter);
      if (!other) continue;
      let pairs = 0;
      let equal = 0;
      const distinct = new Set<number>();
      for (const [offset, value] of series) {
        const old = other.get(offset);
        if (old === undefined) continue;
        pairs++;
        distinct.add(value);
        if (Math.abs(old - value) <= tolerance) equal++;
      }
      if (pairs < minPairs || distinct.size < minDistinct) continue;
      const share = equal / pairs;
      if (share >= minShare && share > worstShare) {
        worstShare = share;
        worst = { parameter, sameAsDay: earlier.day, share: Number(share.toFixed(3)), pairs };
      }
    }
  }
  return worst ? { holds: true, params: worst } : NOT_HELD;
}

/** Valid values by parameter, keyed by milliseconds since the local day's start. */
function byParameterAndOffset(
  readings: readonly DqReading[],
  start: number,
): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const r of readings) {
    if (r.status !== 0) continue;
    const series = out.get(r.parameterCode) ?? new Map<number, number>();
    series.set(r.time.getTime() - start, r.value);
    out.set(r.parameterCode, series);
  }
  return out;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
