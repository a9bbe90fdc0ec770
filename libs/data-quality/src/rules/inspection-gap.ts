import { DayContext, Finding, MINUTE_MS, NOT_HELD, num } from './rule-types';

const HOUR_MS = 60 * MINUTE_MS;

/**
 * INSPECTION_GAP: around an announced inspection (hoursBefore its start to hoursAfter its end, the part of
 * that window inside the day), the station's valid records per hour fell more than maxCaptureDrop below
 * its baseline (the baselineDays before the window), or no record at all arrived for gapMinutes.
 */
export function inspectionGap(ctx: DayContext, settings: Readonly<Record<string, unknown>>): Finding {
  const before = num(settings, 'hoursBefore', 24) * HOUR_MS;
  const after = num(settings, 'hoursAfter', 24) * HOUR_MS;
  const maxDrop = num(settings, 'maxCaptureDrop', 0.3);
  const gapMs = num(settings, 'gapMinutes', 60) * MINUTE_MS;
  for (const inspection of ctx.inspections) {
    const from = Math.max(inspection.startsAt.getTime() - before, ctx.dayStart.getTime());
    const to = Math.min(inspection.endsAt.getTime() + after, ctx.dayEnd.getTime());
    if (to <= from) continue;
    const inside = ctx.readings.filter((r) => r.time.getTime() >= from && r.time.getTime() < to);
    let longest = 0;
    let last = from;
    for (const r of inside) {
      longest = Math.max(longest, r.time.getTime() - last);
      last = r.time.getTime();
    }
    longest = Math.max(longest, to - last);
    const baseline = ctx.baselinePerHour.get(inspection.id) ?? 0;
    const rate = inside.filter((r) => r.status === 0).length / ((to - from) / HOUR_MS);
    const drop = baseline > 0 ? 1 - rate / baseline : 0;
    const params = {
      inspectionId: inspection.id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      longestGapMinutes: Math.round(longest / MINUTE_MS),
      validPerHour: Number(rate.toFixed(2)),
      baselinePerHour: Number(baseline.toFixed(2)),
    };
    if (baseline > 0 && longest >= gapMs) return { holds: true, params: { reason: 'GAP', ...params } };
    if (baseline > 0 && drop > maxDrop) return { holds: true, params: { reason: 'CAPTURE_DROP', ...params } };
  }
  return NOT_HELD;
}
