import { sql } from './sql-template';

// SQL shared by the dashboards. Only base tables are read (readings, compliance_*, waste_*, alerts and the
// registry), never readings_hourly/readings_daily: those are continuous aggregates under TimescaleDB and
// plain views elsewhere, and the base tables behave the same on both. Days are local days
// (Asia/Ho_Chi_Minh, UTC+7 all year), as the compliance engine judges them.

export const LOCAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** date_bin origin at a local midnight: buckets of whole local days (as the plain schema's readings_daily). */
export const LOCAL_MIDNIGHT_ORIGIN = `TIMESTAMPTZ '2000-01-01 00:00:00+07'`;

/** The local day the dashboard's time range starts on. */
export const RANGE_FIRST_DAY = `($__timeFrom()::timestamptz AT TIME ZONE '${LOCAL_TIME_ZONE}')::date`;

/** The local day the dashboard's time range ends on. */
export const RANGE_LAST_DAY = `($__timeTo()::timestamptz AT TIME ZONE '${LOCAL_TIME_ZONE}')::date`;

/** The last local day of the range that has begun: today for a range that ends now or later ("this month"). */
export const RANGE_LAST_DAY_SO_FAR = `(least($__timeTo()::timestamptz, now()) AT TIME ZONE '${LOCAL_TIME_ZONE}')::date`;

/**
 * `period`: the local days of the range judged so far, [first_day, end_day), and how many. Judging stops
 * at today, as the compliance API's period views do.
 */
export const PERIOD_CTE = sql`
  period AS (
    SELECT first_day, end_day, greatest(end_day - first_day, 0) AS days
      FROM (SELECT ${RANGE_FIRST_DAY} AS first_day,
                   ${RANGE_LAST_DAY_SO_FAR} + 1 AS end_day) AS bounds
  )`;

/** Rows of the whole local days the range touches, so a day's counts are never cut at the range's edges. */
export function wholeDaysOfRange(timeColumn: string): string {
  return sql`
    ${timeColumn} >= date_bin(INTERVAL '1 day', $__timeFrom()::timestamptz, ${LOCAL_MIDNIGHT_ORIGIN})
    AND ${timeColumn} < date_bin(INTERVAL '1 day', $__timeTo()::timestamptz, ${LOCAL_MIDNIGHT_ORIGIN}) + INTERVAL '1 day'`;
}

/** Station-day verdicts, worst first. */
export function verdictRank(column: string): string {
  return `CASE ${column} WHEN 'exceedance' THEN 0 WHEN 'suspected_exceedance' THEN 1 WHEN 'insufficient_data' THEN 2 WHEN 'no_permit' THEN 3 ELSE 4 END`;
}

/** Alert severities, most severe first. */
export function severityRank(column: string): string {
  return `CASE ${column} WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END`;
}

/**
 * CTEs `period` and `park_standings` (park_id, code, name, operating_status, outlets, standing): every park's
 * standing over the range by the one rule of /api/compliance/kpi, the SQL function park_standings_between
 * (migration 0023; standings met, exceedance, suspected_exceedance, insufficient_data, no_permit,
 * no_operating_plant).
 */
export const PARK_STANDINGS_CTE = sql`
  WITH ${PERIOD_CTE},
  park_standings AS (
    SELECT s.park_id, s.park_code AS code, s.park_name AS name, k.operating_status, s.outlets, s.standing
      FROM period
     CROSS JOIN park_standings_between(period.first_day, period.end_day) AS s
      JOIN parks k ON k.id = s.park_id
  )`;

/** CTEs `period` and `kpi` (operating_parks, parks_meeting, share): the 2030 measure by the same rule. */
export const PARKS_MEETING_STANDARD_CTE = sql`
  WITH ${PERIOD_CTE},
  kpi AS (SELECT k.* FROM period CROSS JOIN parks_meeting_standard(period.first_day, period.end_day) AS k)`;

/** Joins giving `ALERT_PARK_ID`, the park an alert `a` concerns: its own, else its station's. */
export const ALERT_PARK_JOIN = sql`
  LEFT JOIN stations alert_station ON alert_station.id = a.station_id
  LEFT JOIN treatment_plants alert_plant ON alert_plant.id = alert_station.plant_id`;
export const ALERT_PARK_ID = 'coalesce(a.park_id, alert_plant.park_id)';
