import { TIME_ZONE } from '../i18n/i18n';

/** A local day in Hai Phong (YYYY-MM-DD), `offset` days from today. */
export function localDay(offset = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(
    new Date(Date.now() + offset * 86_400_000),
  );
}

/** The last day of the month before the one holding `day` (YYYY-MM-DD). */
export function lastDayOfPreviousMonth(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
}
