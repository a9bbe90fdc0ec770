import { DayContext, Finding, NOT_HELD, num } from './rule-types';

/**
 * DROP_BEFORE_EXCEEDANCE: a parameter with a Cmax climbs for climbSteps valid records to at least
 * approachRatio x Cmax (still within it), its trend would cross Cmax at the next record, and the next record
 * instead falls by at least dropRatio: the value cut at the moment an exceedance would start (a diluted
 * sample, a switched analyser range, an edited value). A real exceedance (values above Cmax) does not count.
 */
export function dropBeforeExceedance(ctx: DayContext, settings: Readonly<Record<string, unknown>>): Finding {
  const approach = num(settings, 'approachRatio', 0.85);
  const drop = num(settings, 'dropRatio', 0.4);
  const climb = Math.max(1, num(settings, 'climbSteps', 3));
  const minEvents = num(settings, 'minEvents', 1);
  const events: Record<string, unknown>[] = [];
  for (const limit of ctx.limits) {
    if (limit.max === null || limit.min !== null || limit.max <= 0) continue;
    const cmax = limit.max;
    const list = ctx.readings.filter((r) => r.status === 0 && r.parameterCode === limit.parameter);
    for (let i = climb + 1; i < list.length; i++) {
      const peak = list[i - 1].value;
      if (peak < approach * cmax || peak > cmax) continue;
      let rising = true;
      for (let k = i - climb; k < i; k++) if (list[k].value <= list[k - 1].value) rising = false;
      if (!rising) continue;
      const projected = peak + (peak - list[i - 2].value);
      if (projected < cmax) continue;
      if (list[i].value > peak * (1 - drop)) continue;
      events.push({
        parameter: limit.parameter,
        cmax,
        at: list[i].time.toISOString(),
        peak,
        after: list[i].value,
      });
    }
  }
  return events.length >= minEvents && events.length > 0
    ? { holds: true, params: { ...events[0], events: events.length } }
    : NOT_HELD;
}
