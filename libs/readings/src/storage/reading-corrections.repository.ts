import type { ReadingStatusValue } from '@hp/contracts';
import { SqlExecutor } from '@hp/storage';
import { DataVersion } from './readings.types';

/**
 * A correction to record: a new value and/or status (one left out stays as the reading stands now, i.e. as
 * its latest correction or, without one, as received), or a withdrawal (the reading is declared invalid and
 * no longer counts at all).
 */
export type ReadingCorrectionChange =
  { withdrawn: false; value?: number; status?: ReadingStatusValue } | { withdrawn: true };

export type NewReadingCorrection = ReadingCorrectionChange & {
  stationId: number;
  parameterCode: string;
  /** The corrected reading's time (exactly as stored). */
  time: Date;
  reason: string;
  /** The signed-in user's username. */
  author: string;
};

export interface ReadingCorrection {
  id: number;
  stationId: number;
  parameterCode: string;
  time: Date;
  withdrawn: boolean;
  /** Null for a withdrawal. */
  value: number | null;
  status: ReadingStatusValue | null;
  /** The reading as received. */
  originalValue: number;
  originalStatus: ReadingStatusValue;
  reason: string;
  author: string;
  createdAt: Date;
  /** The correction of the same reading this one replaces (null: the first). */
  supersedes: number | null;
}

/** How a reading stood: as received, or as its latest correction left it. */
export interface ReadingState {
  withdrawn: boolean;
  value: number | null;
  status: ReadingStatusValue | null;
}

export type AppendCorrectionResult =
  /** `before`: the reading as it stood until this correction. */
  | { outcome: 'appended'; correction: ReadingCorrection; before: ReadingState }
  /** No reading of that station, parameter and time is stored. */
  | { outcome: 'no_reading' }
  /** Another correction of the same reading was recorded at the same moment; nothing was written. */
  | { outcome: 'corrected_meanwhile' };

const COLUMNS = `id, station_id AS "stationId", parameter_code AS "parameterCode", time, withdrawn, value, status,
  original_value AS "originalValue", original_status AS "originalStatus", reason, author,
  created_at AS "createdAt", supersedes`;

/** [fromDay, toDay) of local days (UTC+7) as a time condition on `time`; $2 and $3 are the days. */
const LOCAL_DAYS = `time >= ($2::date - interval '7 hours') AT TIME ZONE 'UTC'
  AND time < ($3::date - interval '7 hours') AT TIME ZONE 'UTC'`;

/**
 * Corrections of readings: append-only (the table refuses UPDATE and DELETE). A reading's latest correction
 * (highest id: each one supersedes the previous) gives its effective value; ReadingsRepository applies them
 * where compliance asks.
 */
export class ReadingCorrectionsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Records a correction of a stored reading, superseding its latest correction, in one statement: the
   * original value is read and copied in the same snapshot. A concurrent correction of the same reading
   * makes one of the two a no-op ('corrected_meanwhile') through the unique chain indexes.
   */
  async append(input: NewReadingCorrection): Promise<AppendCorrectionResult> {
    const { rows } = await this.db.query<{
      found: boolean;
      correction: ReadingCorrection | null;
      before: ReadingState | null;
    }>(
      `WITH reading AS (
         SELECT value, status FROM readings WHERE station_id = $1 AND parameter_code = $2 AND time = $3
       ), latest AS (
         SELECT id, withdrawn, value, status FROM reading_corrections
          WHERE station_id = $1 AND parameter_code = $2 AND time = $3
          ORDER BY id DESC LIMIT 1
       ), inserted AS (
         INSERT INTO reading_corrections (station_id, parameter_code, time, withdrawn, value, status,
                                          original_value, original_status, reason, author, supersedes)
         SELECT $1, $2, $3, $4,
                CASE WHEN $4 THEN NULL ELSE coalesce($5::float8, latest.value, reading.value) END,
                CASE WHEN $4 THEN NULL ELSE coalesce($6::smallint, latest.status, reading.status) END,
                reading.value, reading.status, $7, $8, latest.id
           FROM reading LEFT JOIN latest ON true
         ON CONFLICT DO NOTHING
         RETURNING ${COLUMNS}
       )
       SELECT EXISTS (SELECT 1 FROM reading) AS found,
              (SELECT row_to_json(inserted) FROM inserted) AS correction,
              (SELECT CASE WHEN latest.id IS NULL
                           THEN json_build_object('withdrawn', false, 'value', reading.value, 'status', reading.status)
                           ELSE json_build_object('withdrawn', latest.withdrawn, 'value', latest.value,
                                                  'status', latest.status) END
                 FROM reading LEFT JOIN latest ON true) AS before`,
      [
        input.stationId,
        input.parameterCode,
        input.time,
        input.withdrawn,
        input.withdrawn ? null : (input.value ?? null),
        input.withdrawn ? null : (input.status ?? null),
        input.reason,
        input.author,
      ],
    );
    const { found, correction, before } = rows[0];
    if (!found) return { outcome: 'no_reading' };
    if (!correction) return { outcome: 'corrected_meanwhile' };
    // row_to_json leaves times as text.
    return {
      outcome: 'appended',
      correction: {
        ...correction,
        time: new Date(correction.time),
        createdAt: new Date(correction.createdAt),
      },
      before: before!,
    };
  }

  /** A station's corrections whose reading lies in [from, to), newest first. */
  async listForStation(
    stationId: number,
    query: { from: Date; to: Date; parameter?: string; limit: number },
  ): Promise<ReadingCorrection[]> {
    return (
      await this.db.query<ReadingCorrection>(
        `SELECT ${COLUMNS} FROM reading_corrections
          WHERE station_id = $1 AND time >= $2 AND time < $3 AND ($4::text IS NULL OR parameter_code = $4)
          ORDER BY id DESC LIMIT $5`,
        [stationId, query.from, query.to, query.parameter ?? null, query.limit],
      )
    ).rows;
  }

  /**
   * The data version of each local day of [fromDay, toDay) whose readings have corrections: how many, and
   * the highest id. Days without corrections are absent (their version is 0 / null).
   */
  async versionsByDay(stationId: number, fromDay: string, toDay: string): Promise<Map<string, DataVersion>> {
    const { rows } = await this.db.query<DataVersion & { day: string }>(
      `SELECT to_char((time AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day,
              count(*)::int AS corrections, max(id) AS "lastCorrectionId"
         FROM reading_corrections
        WHERE station_id = $1 AND ${LOCAL_DAYS}
        GROUP BY 1`,
      [stationId, fromDay, toDay],
    );
    return new Map(rows.map(({ day, ...version }) => [day, version]));
  }
}
