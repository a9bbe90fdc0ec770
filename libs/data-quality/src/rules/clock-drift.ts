import { DayContext, Finding, NOT_HELD, num } from './rule-types';

/**
 * CLOCK_DRIFT: the device's clock against the platform's (received_at). Holds when a reading is stamped
 * more than futureToleranceSeconds after it was received (it comes from the future), or when the day's
 * median lag exceeds maxMedianLagSeconds while the lags barely spread (interquartile range within
 * maxLagSpreadSeconds): a steady offset, not a late batch (a buffer flush spreads its lags widely).
 * Results are due within 5 minutes of measurement (Circular 24/2017 Art. 56, domain.md 2.2 [V]).
 */
export function clockDrift(ctx: DayContext, settings: Readonly<Record<string, unknown>>): Finding {
  const future = num(settings, 'futureToleranceSeconds', 120) * 1000;
  const maxMedian = num(settings, 'maxMedianLagSeconds', 900) * 1000;
  const maxSpread = num(settings, 'maxLagSpreadSeconds', 120) * 1000;
  const minRecords = num(settings, 'minRecords', 12);
  if (ctx.readings.length < minRecords) return NOT_HELD;
  const lags = ctx.readings.map((r) => r.receivedAt.getTime() - r.time.getTime()).sort((a, b) => a - b);
  const ahead = lags.filter((l) => l < -future).length;
  const median = quantile(lags, 0.5);
  const spread = quantile(lags, 0.75) - quantile(lags, 0.25);
  const params = {
    records: lags.length,
    futureRecords: ahead,
    medianLagSeconds: Math.round(median / 1000),
    lagSpreadSeconds: Math.round(spread / 1000),
  };
  if (ahead > 0) return { holds: true, params: { reason: 'FUTURE_TIMESTAMPS', ...params } };
  if (median > maxMedian && spread <= maxSpread)
    return { holds: true, params: { reason: 'STEADY_OFFSET', ...params } };
  return NOT_HELD;
}

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}
