/** Local days (Asia/Ho_Chi_Minh, UTC+7, no daylight saving) as 'YYYY-MM-DD' strings. */
const DAY_MS = 86_400_000;
const LOCAL_OFFSET_MS = 7 * 3_600_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Whether text is a day that exists, 'YYYY-MM-DD' in ASCII digits (no 2026-02-30, no month 13). */
export function isDay(text: string): boolean {
  if (!DAY_PATTERN.test(text)) return false;
  // Checked by arithmetic: an impossible date is no Date at all, and toISOString() of one throws.
  const [year, month, day] = text.split('-').map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every day of [from, to). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The local day of an instant. */
export function localDayOf(instant: Date): string {
  return new Date(instant.getTime() + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as local time, ISO 8601 with +07:00 (milliseconds only when there are any). */
export function localIso(instant: Date): string {
  return new Date(instant.getTime() + LOCAL_OFFSET_MS)
    .toISOString()
    .replace(/\.000Z$/, 'Z')
    .replace(/Z$/, '+07:00');
}

/** First day of the month of a day, and of the next month. */
export function monthOf(day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number);
  const from = `${y}-${String(m).padStart(2, '0')}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: next };
}

/** The instant a local day starts (00:00 in Hai Phong). */
export function localDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - LOCAL_OFFSET_MS);
}
