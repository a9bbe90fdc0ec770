/**
 * The time ranges of the data screens: a preset ending now, or a custom [from, to) typed as Hai Phong local
 * times (+07:00, no daylight saving), checked before anything is asked of the API.
 */
export const PRESETS = { '6h': 6, '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const;
export type Preset = keyof typeof PRESETS;
/** The longest span the readings API answers (MAX_SPAN_DAYS in libs/readings). */
export const MAX_SPAN_DAYS = 92;
const HOUR_MS = 3_600_000;
const LOCAL_OFFSET_MS = 7 * HOUR_MS;

export type RangeChoice = { kind: 'preset'; preset: Preset } | { kind: 'custom'; from: Date; to: Date };

/** The [from, to) of a choice at `now` (a preset moves with it: it is live). */
export function spanOf(choice: RangeChoice, now = new Date()): { from: Date; to: Date } {
  if (choice.kind === 'custom') return { from: choice.from, to: choice.to };
  return { from: new Date(now.getTime() - PRESETS[choice.preset] * HOUR_MS), to: now };
}

/** A `datetime-local` value (YYYY-MM-DDTHH:mm) read as Hai Phong time; null when it is not one. */
export function parseLocalInput(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const back = new Date(utc);
  // No 2026-02-30 or 25:00: the parts must survive the round trip.
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || back.getUTCHours() !== hour)
    return null;
  return new Date(utc - LOCAL_OFFSET_MS);
}

/** An instant as a `datetime-local` value in Hai Phong time. */
export function localInputOf(time: Date): string {
  return new Date(time.getTime() + LOCAL_OFFSET_MS).toISOString().slice(0, 16);
}

export type RangeProblem = 'fromInvalid' | 'toInvalid' | 'fromAfterTo' | 'spanTooLong';

/** A custom range from its two fields, or the first problem with the field it concerns. */
export function parseCustomRange(
  fromText: string,
  toText: string,
): { ok: true; from: Date; to: Date } | { ok: false; field: 'from' | 'to'; problem: RangeProblem } {
  const from = parseLocalInput(fromText);
  if (!from) return { ok: false, field: 'from', problem: 'fromInvalid' };
  const to = parseLocalInput(toText);
  if (!to) return { ok: false, field: 'to', problem: 'toInvalid' };
  if (from >= to) return { ok: false, field: 'from', problem: 'fromAfterTo' };
  if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * 24 * HOUR_MS)
    return { ok: false, field: 'to', problem: 'spanTooLong' };
  return { ok: true, from, to };
}

/** The local days (Hai Phong) a range touches, [from, to) as the compliance routes take them. */
export function localDaysOf(span: { from: Date; to: Date }): { from: string; to: string } {
  const day = (time: Date) => localInputOf(time).slice(0, 10);
  const last = new Date(span.to.getTime() - 1);
  return { from: day(span.from), to: day(new Date(last.getTime() + 24 * HOUR_MS)) };
}
