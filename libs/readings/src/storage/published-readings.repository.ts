import type { ReadingStatusValue } from '@hp/contracts';
import { SqlExecutor } from '@hp/storage';

/** An active outlet station whose automatic monitoring results are published (Decree 08/2022 Art. 102). */
export interface PublishedStation {
  stationId: number;
  stationCode: string;
  stationName: string;
  stationNameVi: string | null;
  plantCode: string;
  parkCode: string;
  parkName: string;
  parkNameVi: string | null;
}

/** A reading as published: its latest correction applied; never a device, a quarantine entry or a person. */
export interface PublishedReading {
  time: Date;
  parameterCode: string;
  value: number;
  /** The parameter's unit in the registry; null for a parameter it does not define. */
  unit: string | null;
  status: ReadingStatusValue;
  /** True when an officer's correction replaced the value or status as received. */
  corrected: boolean;
}

const STATION_COLUMNS = `s.id AS "stationId", s.code AS "stationCode", s.name AS "stationName",
  s.name_vi AS "stationNameVi",
  p.code AS "plantCode", k.code AS "parkCode", k.name AS "parkName", k.name_vi AS "parkNameVi"`;
const ACTIVE_OUTLETS = `stations s
  JOIN treatment_plants p ON p.id = s.plant_id
  JOIN parks k ON k.id = p.park_id
 WHERE s.kind = 'outlet' AND s.active`;

/**
 * The public read of monitoring results: only active outlet stations, readings as their latest correction
 * leaves them (withdrawn readings left out). Nothing here reads devices or quarantine.
 */
export class PublishedReadingsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Every active outlet station, by park then station code. */
  async listStations(): Promise<PublishedStation[]> {
    return (
      await this.db.query<PublishedStation>(
        `SELECT ${STATION_COLUMNS} FROM ${ACTIVE_OUTLETS} ORDER BY k.code, s.code`,
      )
    ).rows;
  }

  /** The station if it is an active outlet; null otherwise (an inlet or inactive one is not published). */
  async findStation(stationId: number): Promise<PublishedStation | null> {
    return (
      (
        await this.db.query<PublishedStation>(
          `SELECT ${STATION_COLUMNS} FROM ${ACTIVE_OUTLETS} AND s.id = $1`,
          [stationId],
        )
      ).rows[0] ?? null
    );
  }

  /** A station's readings in [from, to), oldest first, at most `limit` rows. */
  async list(
    stationId: number,
    query: { from: Date; to: Date; parameter?: string; limit: number },
  ): Promise<PublishedReading[]> {
    return (
      await this.db.query<PublishedReading>(
        `WITH c AS (
           SELECT DISTINCT ON (parameter_code, time) parameter_code, time, withdrawn, value, status
             FROM reading_corrections
            WHERE station_id = $1 AND time >= $2 AND time < $3
            ORDER BY parameter_code, time, id DESC
         )
         SELECT r.time, r.parameter_code AS "parameterCode", coalesce(c.value, r.value) AS value,
                m.unit, coalesce(c.status, r.status)::int AS status, c.time IS NOT NULL AS corrected
           FROM readings r
           LEFT JOIN c ON c.parameter_code = r.parameter_code AND c.time = r.time
           LEFT JOIN parameters m ON m.code = r.parameter_code
          WHERE r.station_id = $1 AND r.time >= $2 AND r.time < $3 AND c.withdrawn IS NOT TRUE
            AND ($4::text IS NULL OR r.parameter_code = $4)
          ORDER BY r.time, r.parameter_code
          LIMIT $5`,
        [stationId, query.from, query.to, query.parameter ?? null, query.limit],
      )
    ).rows;
  }
}
