import { SqlExecutor } from '@hp/storage';

export interface RecomputeMark {
  stationId: number;
  /** Local day (Asia/Ho_Chi_Minh), 'YYYY-MM-DD'. */
  day: string;
  markedAt: Date;
}

/** A mark as taken for recomputation; `markedAtMicros` identifies this marking exactly. */
export interface TakenMark extends RecomputeMark {
  markedAtMicros: string;
  /** Failed recomputes of this mark so far. */
  attempts: number;
}

/** The recompute backlog, for metrics. */
export interface RecomputeBacklog {
  /** Marks waiting, due or in back-off. */
  waiting: number;
  /** Seconds since the oldest waiting mark was first marked (0 when none waits). */
  oldestAgeSeconds: number;
  /** Marks whose last recompute failed (waiting for a retry). */
  failing: number;
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

  /**
   * Up to `limit` due marks (not in back-off after a failure), oldest day first, each with the exact
   * (microsecond) time it was last marked.
   */
  async take(limit: number): Promise<TakenMark[]> {
    return (
      await this.db.query<TakenMark>(
        `SELECT station_id AS "stationId", day, marked_at AS "markedAt",
                (extract(epoch FROM marked_at) * 1000000)::bigint::text AS "markedAtMicros", attempts
           FROM recompute_marks WHERE retry_at IS NULL OR retry_at <= now()
          ORDER BY day, station_id LIMIT $1`,
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
    // Marked again meanwhile: those stay, due at once, and their age counts from the new marking.
    await this.db.query(
      `UPDATE recompute_marks m SET attempts = 0, retry_at = NULL, last_error = NULL, first_marked_at = m.marked_at
         FROM unnest($1::int[], $2::date[]) AS u (s, d)
        WHERE m.station_id = u.s AND m.day = u.d AND (m.attempts > 0 OR m.retry_at IS NOT NULL)`,
      [marks.map((m) => m.stationId), marks.map((m) => m.day)],
    );
  }

  /**
   * Keeps marks whose recompute failed, due again after an exponential back-off (firstRetryMs doubled per
   * earlier failure, at most maxRetryMs), with the error for an operator.
   */
  async retryLater(
    marks: readonly TakenMark[],
    error: string,
    backoff: { firstRetryMs: number; maxRetryMs: number },
  ): Promise<void> {
    if (marks.length === 0) return;
    await this.db.query(
      `UPDATE recompute_marks m
          SET attempts = m.attempts + 1, last_error = $3,
              retry_at = now() + least($5::float8, $4::float8 * power(2, least(m.attempts, 40))) * interval '1 millisecond'
         FROM unnest($1::int[], $2::date[]) AS u (s, d)
        WHERE m.station_id = u.s AND m.day = u.d`,
      [
        marks.map((m) => m.stationId),
        marks.map((m) => m.day),
        error.slice(0, 2000),
        backoff.firstRetryMs,
        backoff.maxRetryMs,
      ],
    );
  }

  async backlog(): Promise<RecomputeBacklog> {
    const row = (
      await this.db.query<{ waiting: string; oldest: number | null; failing: string }>(
        `SELECT count(*) AS waiting, count(*) FILTER (WHERE attempts > 0) AS failing,
                extract(epoch FROM now() - min(first_marked_at))::float8 AS oldest
           FROM recompute_marks`,
      )
    ).rows[0];
    return {
      waiting: Number(row.waiting),
      oldestAgeSeconds: Math.max(0, Number(row.oldest ?? 0)),
      failing: Number(row.failing),
    };
  }

  async list(): Promise<RecomputeMark[]> {
    return (
      await this.db.query<RecomputeMark>(
        `SELECT station_id AS "stationId", day, marked_at AS "markedAt" FROM recompute_marks ORDER BY day, station_id`,
      )
    ).rows;
  }
}
