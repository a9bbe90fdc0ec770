/** Vietnam local time (ICT, UTC+7, no daylight saving): the clock station loggers stamp readings with. */

// Math is aliased at module scope: in a vm context (jest) every global lookup is slow in hot code.
const { abs, floor } = Math;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
const ICT_OFFSET_MS = 7 * HOUR_MS;

/** `2026-11-27T10:05:00+07:00` for an instant. */
export function toIctIso(timeMs: number): string {
  return `${new Date(timeMs + ICT_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** Days since 1970-01-01 in local time (the local calendar day an instant falls on). */
export function ictDayIndex(timeMs: number): number {
  return floor((timeMs + ICT_OFFSET_MS) / DAY_MS);
}

/** The instant local midnight of day `dayIndex` begins. */
export function ictDayStart(dayIndex: number): number {
  return dayIndex * DAY_MS - ICT_OFFSET_MS;
}

/** Local hour of day as a fraction, 0 <= h < 24. */
export function ictHourOfDay(timeMs: number): number {
  return (timeMs - ictDayStart(ictDayIndex(timeMs))) / HOUR_MS;
}

/** Local day of week of a day index: 0 Sunday .. 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(dayIndex: number): number {
  return (((dayIndex + 4) % 7) + 7) % 7;
}

/** Local day of year, 0-based, as a fraction (for seasons). */
export function ictDayOfYear(timeMs: number): number {
  const local = new Date(timeMs + ICT_OFFSET_MS);
  return (local.getTime() - Date.UTC(local.getUTCFullYear(), 0, 1)) / DAY_MS;
}

/** First day of the lunar new year (Tết Nguyên Đán), 2020-2040. */
const TET_DATES = [
  '2020-01-25',
  '2021-02-12',
  '2022-02-01',
  '2023-01-22',
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
  '2027-02-06',
  '2028-01-26',
  '2029-02-13',
  '2030-02-03',
  '2031-01-23',
  '2032-02-11',
  '2033-01-31',
  '2034-02-19',
  '2035-02-08',
  '2036-01-28',
  '2037-02-15',
  '2038-02-04',
  '2039-01-24',
  '2040-02-12',
];
const TET_DAY_INDEXES = TET_DATES.map((date) => Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** Fractional local days from the nearest Tết (negative before it); null outside the table's years. */
export function daysFromTet(timeMs: number): number | null {
  const localDays = (timeMs + ICT_OFFSET_MS) / DAY_MS;
  let nearest: number | null = null;
  for (const tet of TET_DAY_INDEXES) {
    const delta = localDays - tet;
    if (nearest === null || abs(delta) < abs(nearest)) nearest = delta;
  }
  return nearest !== null && abs(nearest) < 60 ? nearest : null;
}
