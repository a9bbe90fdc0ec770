import { DayContext, Finding, NOT_HELD, num } from './rule-types';

/**
 * STUCK_VALUE: the longest run of identical consecutive valid (00) values of a parameter in the day reaches
 * the parameter's run length (settings.runRecords[parameter], else defaultRunRecords; 0: not checked).
 * The run lengths are per parameter because some repeat legitimately: a fixed-rate pump's Flow for hours,
 * Temp and pH at instrument resolution. Reports the parameter whose run is longest against its threshold.
 */
export function stuckValue(ctx: DayContext, settings: Readonly<Record<string, unknown>>): Finding {
  const perParameter = (settings['runRecords'] ?? {}) as Record<string, unknown>;
  const fallback = num(settings, 'defaultRunRecords', 24);
  const byParameter = new Map<string, { time: Date; value: number }[]>();
  for (const r of ctx.readings) {
    if (r.status !== 0) continue;
    const list = byParameter.get(r.parameterCode) ?? [];
    list.push(r);
    byParameter.set(r.parameterCode, list);
  }
  let worst: { ratio: number; params: Record<string, unknown> } | null = null;
  const stuck: string[] = [];
  for (const [parameter, list] of byParameter) {
    const own = perParameter[parameter];
    const threshold = typeof own === 'number' ? own : fallback;
    if (threshold <= 0) continue;
    let best = { start: 0, length: 0 };
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && list[i].value === list[start].value) continue;
      if (i - start > best.length) best = { start, length: i - start };
      start = i;
    }
    if (best.length < threshold) continue;
    stuck.push(parameter);
    const ratio = best.length / threshold;
    if (!worst || ratio > worst.ratio)
      worst = {
        ratio,
        params: {
          parameter,
          value: list[best.start].value,
          records: best.length,
          runRecords: threshold,
          from: list[best.start].time.toISOString(),
          to: list[best.start + best.length - 1].time.toISOString(),
        },
      };
  }
  return worst ? { holds: true, params: { ...worst.params, parameters: stuck.sort() } } : NOT_HELD;
}
