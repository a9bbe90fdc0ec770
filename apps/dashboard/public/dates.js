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
