import { SqlExecutor } from '../driver/database';

export interface RecomputeMark {
  stationId: number;
  /** Local day (Asia/Ho_Chi_Minh), 'YYYY-MM-DD'. */
  day: string;
  markedAt: Date;
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

  async list(): Promise<RecomputeMark[]> {
    return (
      await this.db.query<RecomputeMark>(
        `SELECT station_id AS "stationId", day, marked_at AS "markedAt" FROM recompute_marks ORDER BY day, station_id`,
      )
    ).rows;
  }
}
