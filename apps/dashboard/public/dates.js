// @ts-check
// Local days of Hai Phong (Asia/Ho_Chi_Minh, UTC+7, no daylight saving), as the API counts them.

import { TIME_ZONE } from './i18n.js';

/**
 * The local day 'YYYY-MM-DD' of an instant.
 * @param {Date} [at]
 */
export function localDay(at = new Date()) {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * @param {string} day 'YYYY-MM-DD'
 * @param {number} n
 */
export function addDays(day, n) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** @typedef {'month' | 'quarter' | 'year'} PeriodKind */

/**
 * The key of the period of a kind holding a local day, as the reports API writes it: '2026-10', '2026-Q4'
 * or '2026'.
 * @param {PeriodKind} kind
 * @param {string} day 'YYYY-MM-DD'
 */
export function periodKey(kind, day) {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return day.slice(0, 7);
}

/**
 * The periods of a kind, newest first, starting with the one before the period holding `day` (the last
 * complete one), going `count` back.
 * @param {PeriodKind} kind
 * @param {string} day 'YYYY-MM-DD', a local day
 * @param {number} count
 */
export function previousPeriods(kind, day, count) {
  const step = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1;
  let year = Number(day.slice(0, 4));
  // Months counted from year 0, January = 0; start at the first month of the current period.
  let index = year * 12 + Number(day.slice(5, 7)) - 1;
  index -= index % step;
  /** @type {string[]} */
  const keys = [];
  for (let i = 0; i < count; i++) {
    index -= step;
    year = Math.floor(index / 12);
    const first = `${year}-${String((index % 12) + 1).padStart(2, '0')}-01`;
    keys.push(periodKey(kind, first));
  }
  return keys;
}
