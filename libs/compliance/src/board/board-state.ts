/**
 * The live board's judgement of one latest value and of a station's link: pure, so the rule is tested
 * without a database. A value is judged against the permit's limit instantly (one reading, not the hourly
 * or daily mean the verdict uses): an early warning, never a verdict.
 */

/**
 * ok / near (within 20 % of the limit) / over / stale (older than STALE_CADENCES cadences, or none) /
 * no_limit (the permit in force sets none) / not_measuring (status 01 calibrating or 02 device error).
 */
export const VALUE_STATES = ['ok', 'near', 'over', 'stale', 'no_limit', 'not_measuring'] as const;
export type ValueState = (typeof VALUE_STATES)[number];

export const LINK_STATES = ['online', 'offline', 'never'] as const;
export type LinkState = (typeof LINK_STATES)[number];

/** A value at or beyond this share of its maximum is near it. */
export const NEAR_SHARE = 0.8;
/** A value (or a station's last message) older than this many cadences (intervals) is stale (offline). */
export const STALE_CADENCES = 3;

export interface BoardLimit {
  readonly min: number | null;
  readonly max: number | null;
}

export interface BoardReading {
  readonly time: Date;
  readonly value: number;
  /** Circular 10/2021 status: 0 measuring, 1 calibrating, 2 device error. */
  readonly status: number;
}

/** Seconds from `then` to `now` (0 for a time in the future: clocks drift). */
export function ageSeconds(then: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - then.getTime()) / 1000));
}

/**
 * Near a one-sided maximum: value >= NEAR_SHARE x max. Near a range (pH 5.5-9): within (1 - NEAR_SHARE) / 2 of
 * its width from either end, so the band's outer fifth (pH below 5.85 or above 8.65), not 80 % of 9, which
 * would call neutral water near. Near a minimum alone: min >= NEAR_SHARE x value.
 */
export function valueState(
  reading: BoardReading | null,
  limit: BoardLimit | null,
  cadenceSeconds: number,
  now: Date,
): ValueState {
  if (!reading || ageSeconds(reading.time, now) > STALE_CADENCES * cadenceSeconds) return 'stale';
  if (reading.status !== 0) return 'not_measuring';
  if (!limit || (limit.min === null && limit.max === null)) return 'no_limit';
  const { value } = reading;
  const { min, max } = limit;
  if ((max !== null && value > max) || (min !== null && value < min)) return 'over';
  if (min !== null && max !== null) {
    const margin = ((1 - NEAR_SHARE) / 2) * (max - min);
    return value >= max - margin || value <= min + margin ? 'near' : 'ok';
  }
  if (max !== null) return value >= NEAR_SHARE * max ? 'near' : 'ok';
  return min !== null && min >= NEAR_SHARE * value ? 'near' : 'ok';
}

/** A station's link: online while its last message is at most STALE_CADENCES expected intervals old. */
export function linkState(lastMessage: Date | null, expectedIntervalSeconds: number, now: Date): LinkState {
  if (!lastMessage) return 'never';
  return ageSeconds(lastMessage, now) <= STALE_CADENCES * expectedIntervalSeconds ? 'online' : 'offline';
}

/** Records a cadence expects over `seconds` (whole records only). */
export function expectedRecords(seconds: number, cadenceSeconds: number): number {
  return seconds > 0 && cadenceSeconds > 0 ? Math.floor(seconds / cadenceSeconds) : 0;
}

/** received / expected, to 4 decimals; null when nothing was expected. */
export function rate(received: number, expected: number): number | null {
  return expected > 0 ? Math.round((received / expected) * 10_000) / 10_000 : null;
}
