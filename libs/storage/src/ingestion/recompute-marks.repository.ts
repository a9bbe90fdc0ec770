import { SqlExecutor } from '../driver/database';

export interface RecomputeMark {
  stationId: number;
  /** Local day (Asia/Ho_Chi_Minh), 'YYYY-MM-DD'. */
  day: string;
  markedAt: Date;
}

/** A mark as taken for recomputation; `markedAtMicros` identifies this marking exactly. */
export interface TakenMark extends RecomputeMark {
  markedAtMicros: string;
}

export class RecomputeMarksRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Marks station-days (local days, 'YYYY-MM-DD') for recomputation; one statement. */
  async mark(marks: readonly { stationId: number; day: string }[]): Promise<void> {
    if (marks.length === 0) return;
    await this.db.query(
      `INSERT INTO recompute_marks (station_id, day)
       SELECT DISTINCT s, d FROM unnest($1::int[], $2::date[]) AS u (s, d)
       ORDER BY s, d -- one lock order for every writer: concurrent batches cannot deadlock here
       ON CONFLICT (station_id, day) DO UPDATE SET marked_at = now()`,
      [marks.map((m) => m.stationId), marks.map((m) => m.day)],
    );
  }

  /** Up to `limit` marks, oldest day first, each with the exact (microsecond) time it was last marked. */
  async take(limit: number): Promise<TakenMark[]> {
    return (
      await this.db.query<TakenMark>(
        `SELECT station_id AS "stationId", day, marked_at AS "markedAt",
                (extract(epoch FROM marked_at) * 1000000)::bigint::text AS "markedAtMicros"
           FROM recompute_marks ORDER BY day, station_id LIMIT $1`,
        [limit],
      )
    ).rows;
  }

  /**
   * Removes marks that were handled: only where nothing marked them again since they were taken (a reading
   * stored meanwhile moved marked_at on), so late data is never lost. Compared to the microsecond: a JS
   * Date would round the stored time and leave the mark behind forever.
   */
  async acknowledge(marks: readonly TakenMark[]): Promise<void> {
    if (marks.length === 0) return;
    await this.db.query(
      `DELETE FROM recompute_marks m USING unnest($1::int[], $2::date[], $3::bigint[]) AS u (s, d, t)
        WHERE m.station_id = u.s AND m.day = u.d AND (extract(epoch FROM m.marked_at) * 1000000)::bigint <= u.t`,
      [marks.map((m) => m.stationId), marks.map((m) => m.day), marks.map((m) => m.markedAtMicros)],
    );
  }

  async list(): Promise<RecomputeMark[]> {
    return (
      await this.db.query<RecomputeMark>(
        `SELECT station_id AS "stationId", day, marked_at AS "markedAt" FROM recompute_marks ORDER BY day, station_id`,
      )
    ).rows;
  }
}
