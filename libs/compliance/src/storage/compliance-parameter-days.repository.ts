import type { SqlExecutor } from '@hp/storage';
import { ComplianceParameterDay, ParameterExceedanceCounts } from './compliance.types';

const COLUMNS: [keyof ComplianceParameterDay, string, string][] = [
  ['stationId', 'station_id', 'int'],
  ['day', 'day', 'date'],
  ['parameterCode', 'parameter_code', 'text'],
  ['permitId', 'permit_id', 'int'],
  ['limitMin', 'limit_min', 'float8'],
  ['limitMax', 'limit_max', 'float8'],
  ['cadenceSeconds', 'cadence_seconds', 'int'],
  ['expectedRecords', 'expected_records', 'int'],
  ['totalRecords', 'total_records', 'int'],
  ['validRecords', 'valid_records', 'int'],
  ['capture', 'capture', 'float8'],
  ['meanValue', 'mean_value', 'float8'],
  ['maxValue', 'max_value', 'float8'],
  ['minValue', 'min_value', 'float8'],
  ['hourWindowsValid', 'hour_windows_valid', 'int'],
  ['hourExceedances', 'hour_exceedances', 'int'],
  ['dayWindowValid', 'day_window_valid', 'bool'],
  ['dayExceedance', 'day_exceedance', 'bool'],
  ['verdict', 'verdict', 'text'],
  ['flatlineRecords', 'flatline_records', 'int'],
  ['setAsideRecords', 'set_aside_records', 'int'],
  ['setAsideMax', 'set_aside_max', 'float8'],
  ['setAsideMin', 'set_aside_min', 'float8'],
  ['setAsideBeyondLimit', 'set_aside_beyond_limit', 'bool'],
  ['reviewDecision', 'review_decision', 'text'],
];

const SELECT = `SELECT ${COLUMNS.map(([key, column]) => `${column} AS "${key}"`).join(', ')} FROM compliance_parameter_days`;

export class ComplianceParameterDaysRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Replaces every parameter result of these station-days with `rows` (a parameter no longer judged goes). */
  async replaceDays(
    stationDays: readonly { stationId: number; day: string }[],
    rows: readonly ComplianceParameterDay[],
  ): Promise<void> {
    if (stationDays.length > 0)
      await this.db.query(
        `DELETE FROM compliance_parameter_days c USING unnest($1::int[], $2::date[]) AS u (s, d)
          WHERE c.station_id = u.s AND c.day = u.d`,
        [stationDays.map((d) => d.stationId), stationDays.map((d) => d.day)],
      );
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO compliance_parameter_days (${COLUMNS.map(([, column]) => column).join(', ')})
       SELECT * FROM unnest(${COLUMNS.map(([, , type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
      COLUMNS.map(([key]) => rows.map((r) => r[key])),
    );
  }

  /**
   * Per station and parameter over [fromDay, toDay): the hourly means judged over the limit, the days judged
   * an exceedance (or a suspected one) and the days judged at all; stations without judged days are absent.
   */
  async exceedanceCounts(
    stationIds: readonly number[],
    fromDay: string,
    toDay: string,
  ): Promise<ParameterExceedanceCounts[]> {
    if (stationIds.length === 0) return [];
    return (
      await this.db.query<ParameterExceedanceCounts>(
        `SELECT station_id AS "stationId", parameter_code AS "parameterCode",
                sum(hour_exceedances)::int AS "hourExceedances",
                count(*) FILTER (WHERE verdict = 'exceedance')::int AS "exceedanceDays",
                count(*) FILTER (WHERE verdict = 'suspected_exceedance')::int AS "suspectedDays",
                count(*)::int AS "judgedDays"
           FROM compliance_parameter_days
          WHERE station_id = ANY($1::int[]) AND day >= $2::date AND day < $3::date
          GROUP BY 1, 2 ORDER BY 1, 2`,
        [stationIds, fromDay, toDay],
      )
    ).rows;
  }

  /** A station's parameter results in [fromDay, toDay), by day then parameter. */
  async listForStation(stationId: number, fromDay: string, toDay: string): Promise<ComplianceParameterDay[]> {
    return (
      await this.db.query<ComplianceParameterDay>(
        `${SELECT} WHERE station_id = $1 AND day >= $2::date AND day < $3::date ORDER BY day, parameter_code`,
        [stationId, fromDay, toDay],
      )
    ).rows;
  }
}
