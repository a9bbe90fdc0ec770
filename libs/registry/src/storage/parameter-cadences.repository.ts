import { SqlExecutor } from '@hp/storage';

/** How often a parameter is measured at a station, and where that figure comes from. */
export interface ParameterCadence {
  parameterCode: string;
  cadenceSeconds: number;
  /** 'station': registered for this station; 'default': the parameter's default; 'station_interval': neither. */
  source: 'station' | 'default' | 'station_interval';
}

/**
 * Measurement cadences (domain.md 7.1): a default per parameter (seeded by migration 0018) overridable per
 * station and parameter. A parameter with neither falls back to the station's expected interval. The rule
 * itself is the SQL function parameter_cadence_seconds (migration 0018), which Grafana's capture panel uses too.
 */
export class ParameterCadencesRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** The cadence of each of `parameterCodes` at a station (all of them, each with its source). */
  async forStation(
    stationId: number,
    parameterCodes: readonly string[],
  ): Promise<Map<string, ParameterCadence>> {
    if (parameterCodes.length === 0) return new Map();
    const { rows } = await this.db.query<ParameterCadence>(
      `SELECT c.code AS "parameterCode", parameter_cadence_seconds(s.id, c.code) AS "cadenceSeconds",
              CASE WHEN o.cadence_seconds IS NOT NULL THEN 'station'
                   WHEN d.cadence_seconds IS NOT NULL THEN 'default' ELSE 'station_interval' END AS source
         FROM unnest($2::text[]) AS c (code)
         JOIN stations s ON s.id = $1
         LEFT JOIN station_parameter_cadences o ON o.station_id = s.id AND o.parameter_code = c.code
         LEFT JOIN parameter_cadence_defaults d ON d.parameter_code = c.code`,
      [stationId, [...new Set(parameterCodes)]],
    );
    return new Map(rows.map((r) => [r.parameterCode, r]));
  }

  /** The cadence of every water parameter at each of these stations (one query): station id -> code -> seconds. */
  async forStations(
    stationIds: readonly number[],
    parameterCodes: readonly string[],
  ): Promise<Map<number, Map<string, number>>> {
    const out = new Map<number, Map<string, number>>(stationIds.map((id) => [id, new Map()]));
    if (stationIds.length === 0 || parameterCodes.length === 0) return out;
    const { rows } = await this.db.query<{
      stationId: number;
      parameterCode: string;
      cadenceSeconds: number;
    }>(
      `SELECT s.id AS "stationId", c.code AS "parameterCode",
              parameter_cadence_seconds(s.id, c.code) AS "cadenceSeconds"
         FROM stations s CROSS JOIN unnest($2::text[]) AS c (code)
        WHERE s.id = ANY($1::int[])`,
      [stationIds, [...new Set(parameterCodes)]],
    );
    for (const r of rows) out.get(r.stationId)?.set(r.parameterCode, r.cadenceSeconds);
    return out;
  }

  /** The default cadence of every parameter that has one. */
  async defaults(): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ parameterCode: string; cadenceSeconds: number }>(
      `SELECT parameter_code AS "parameterCode", cadence_seconds AS "cadenceSeconds"
         FROM parameter_cadence_defaults ORDER BY parameter_code`,
    );
    return new Map(rows.map((r) => [r.parameterCode, r.cadenceSeconds]));
  }

  /** Registers a station's cadence for a parameter (replacing its earlier one). */
  async setForStation(stationId: number, parameterCode: string, cadenceSeconds: number): Promise<void> {
    await this.db.query(
      `INSERT INTO station_parameter_cadences (station_id, parameter_code, cadence_seconds) VALUES ($1, $2, $3)
       ON CONFLICT (station_id, parameter_code) DO UPDATE SET cadence_seconds = EXCLUDED.cadence_seconds`,
      [stationId, parameterCode, cadenceSeconds],
    );
  }

  /** Drops a station's own cadence for a parameter: the default applies again. Returns whether one existed. */
  async clearForStation(stationId: number, parameterCode: string): Promise<boolean> {
    const result = await this.db.query(
      `DELETE FROM station_parameter_cadences WHERE station_id = $1 AND parameter_code = $2`,
      [stationId, parameterCode],
    );
    return result.rowCount > 0;
  }
}
