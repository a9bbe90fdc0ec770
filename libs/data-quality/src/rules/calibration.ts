import { CalibrationSchedule, DayContext, Finding, MINUTE_MS, NOT_HELD, num } from './rule-types';

/** The schedule that applies to a parameter: its own, else the station's 'ALL' schedule. */
export const ALL_PARAMETERS = 'ALL';

/**
 * CALIBRATION_OFF_SCHEDULE: calibration episodes (status 01 records, split where they pause longer than
 * episodeGapMinutes) of a parameter on a day the schedule does not make due, or outside its window, or more
 * of them than the schedule's maxPerDay. Without a declared schedule only "too often" is judged, against
 * maxEpisodesWithoutSchedule (pH is often calibrated daily, domain.md 5.2 [V2]).
 */
export function calibrationOffSchedule(
  ctx: DayContext,
  settings: Readonly<Record<string, unknown>>,
): Finding {
  const gapMs = num(settings, 'episodeGapMinutes', 60) * MINUTE_MS;
  const maxWithout = num(settings, 'maxEpisodesWithoutSchedule', 2);
  const episodes = new Map<string, { start: Date; end: Date }[]>();
  for (const r of ctx.readings) {
    if (r.status !== 1) continue;
    const list = episodes.get(r.parameterCode) ?? [];
    const last = list[list.length - 1];
    if (last && r.time.getTime() - last.end.getTime() <= gapMs) last.end = r.time;
    else list.push({ start: r.time, end: r.time });
    episodes.set(r.parameterCode, list);
  }
  const found: Record<string, unknown>[] = [];
  for (const [parameter, list] of [...episodes].sort(([a], [b]) => a.localeCompare(b))) {
    const schedule =
      ctx.schedules.find((s) => s.parameterCode === parameter) ??
      ctx.schedules.find((s) => s.parameterCode === ALL_PARAMETERS);
    if (!schedule) {
      if (list.length > maxWithout)
        found.push({
          parameter,
          reason: 'TOO_OFTEN',
          episodes: list.length,
          maxPerDay: maxWithout,
          schedule: false,
        });
      continue;
    }
    const due = isDue(schedule, ctx.day);
    const [h, m] = schedule.windowStart.split(':').map(Number);
    const opens = ctx.dayStart.getTime() + (h * 60 + m) * MINUTE_MS;
    const closes = opens + schedule.windowMinutes * MINUTE_MS;
    const outside = list.filter((e) => !due || e.start.getTime() < opens || e.end.getTime() > closes);
    if (outside.length > 0)
      found.push({
        parameter,
        reason: due ? 'OUTSIDE_WINDOW' : 'NOT_DUE',
        episodes: list.length,
        first: outside[0].start.toISOString(),
        schedule: true,
      });
    else if (list.length > schedule.maxPerDay)
      found.push({
        parameter,
        reason: 'TOO_OFTEN',
        episodes: list.length,
        maxPerDay: schedule.maxPerDay,
        schedule: true,
      });
  }
  return found.length > 0
    ? { holds: true, params: { ...found[0], parameters: found.map((f) => f['parameter']) } }
    : NOT_HELD;
}

/** Whether a schedule makes calibration due on a local day: every everyDays days from its anchor. */
export function isDue(schedule: CalibrationSchedule, day: string): boolean {
  const days = Math.round(
    (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${schedule.anchorDay}T00:00:00Z`)) / 86_400_000,
  );
  return ((days % schedule.everyDays) + schedule.everyDays) % schedule.everyDays === 0;
}
