import type { SqlExecutor } from '@hp/storage';
import { SetAsideReview } from './compliance.types';

const SELECT = `SELECT id::int AS id, station_id AS "stationId", to_char(day, 'YYYY-MM-DD') AS day,
  parameter_code AS "parameterCode", decision, set_aside_records AS "setAsideRecords", note, reviewer,
  reviewed_at AS "reviewedAt" FROM set_aside_reviews`;

/**
 * Officers' reviews of the readings the flat-line screen set aside (append-only: a new review supersedes,
 * the history stays), and the flat-line run lengths they were screened with.
 */
export class SetAsideReviewsRepository {
  constructor(private readonly db: SqlExecutor) {}

  async append(input: Omit<SetAsideReview, 'id' | 'reviewedAt'>): Promise<SetAsideReview> {
    const { rows } = await this.db.query<SetAsideReview>(
      `WITH inserted AS (
         INSERT INTO set_aside_reviews (station_id, day, parameter_code, decision, set_aside_records, note, reviewer)
         VALUES ($1, $2::date, $3, $4, $5, $6, $7) RETURNING *)
       ${SELECT.replace('FROM set_aside_reviews', 'FROM inserted')}`,
      [
        input.stationId,
        input.day,
        input.parameterCode,
        input.decision,
        input.setAsideRecords,
        input.note,
        input.reviewer,
      ],
    );
    return rows[0];
  }

  /** The review in force (the latest) of each day and parameter of a station in [fromDay, toDay). */
  async inForce(stationId: number, fromDay: string, toDay: string): Promise<SetAsideReview[]> {
    return (
      await this.db.query<SetAsideReview>(
        `${SELECT} WHERE id IN (
           SELECT max(id) FROM set_aside_reviews
            WHERE station_id = $1 AND day >= $2::date AND day < $3::date
            GROUP BY day, parameter_code)
         ORDER BY day, parameter_code`,
        [stationId, fromDay, toDay],
      )
    ).rows;
  }

  /** Every review of a station in [fromDay, toDay), newest first (the audit view and reports). */
  async history(stationId: number, fromDay: string, toDay: string): Promise<SetAsideReview[]> {
    return (
      await this.db.query<SetAsideReview>(
        `${SELECT} WHERE station_id = $1 AND day >= $2::date AND day < $3::date ORDER BY id DESC`,
        [stationId, fromDay, toDay],
      )
    ).rows;
  }

  /** Every review of these stations' days in [fromDay, toDay), by station, then day and parameter, oldest first. */
  async historyForStations(
    stationIds: readonly number[],
    fromDay: string,
    toDay: string,
  ): Promise<SetAsideReview[]> {
    if (stationIds.length === 0) return [];
    return (
      await this.db.query<SetAsideReview>(
        `${SELECT} WHERE station_id = ANY($1::int[]) AND day >= $2::date AND day < $3::date
          ORDER BY station_id, day, parameter_code, id`,
        [stationIds, fromDay, toDay],
      )
    ).rows;
  }

  /** The default flat-line run length of every parameter that has one (0: never screened). */
  async flatlineDefaults(): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ parameterCode: string; runRecords: number }>(
      `SELECT parameter_code AS "parameterCode", run_records AS "runRecords" FROM flatline_defaults`,
    );
    return new Map(rows.map((r) => [r.parameterCode, r.runRecords]));
  }
}
