import { SqlExecutor } from '@hp/storage';

/** Where one station's Circular 10/2021 relay stands (circular10_relay_cursors). */
export interface Circular10RelayCursor {
  stationId: number;
  /** Start of the first transmission interval not yet pushed. */
  nextFrom: Date;
  filesPushed: number;
  lastFile: string | null;
  pushedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

const COLUMNS = `station_id AS "stationId", next_from AS "nextFrom", files_pushed::int AS "filesPushed",
  last_file AS "lastFile", pushed_at AS "pushedAt", last_error AS "lastError", last_error_at AS "lastErrorAt"`;

/**
 * The relay's per-station cursors, each held by one relay at a time through a lease: a cursor moves only
 * in the hands of its lease owner, so two worker instances never push one station's files at once.
 */
export class Circular10RelayCursorsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Takes (or renews) the lease of a station's cursor for leaseMs, creating the cursor at `startFrom` on
   * first use. Null when another owner holds an unexpired lease.
   */
  async claim(
    stationId: number,
    owner: string,
    leaseMs: number,
    startFrom: Date,
  ): Promise<Circular10RelayCursor | null> {
    await this.db.query(
      `INSERT INTO circular10_relay_cursors (station_id, next_from) VALUES ($1, $2)
       ON CONFLICT (station_id) DO NOTHING`,
      [stationId, startFrom],
    );
    const result = await this.db.query<Circular10RelayCursor>(
      `UPDATE circular10_relay_cursors
          SET lease_owner = $2, lease_until = now() + make_interval(secs => $3::double precision / 1000)
        WHERE station_id = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until < now())
        RETURNING ${COLUMNS}`,
      [stationId, owner, leaseMs],
    );
    return result.rows[0] ?? null;
  }

  /** Records a pushed file and moves the cursor; false when the lease was lost (nothing changed). */
  async advance(stationId: number, owner: string, nextFrom: Date, fileName: string | null): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE circular10_relay_cursors
          SET next_from = $3,
              files_pushed = files_pushed + CASE WHEN $4::text IS NULL THEN 0 ELSE 1 END,
              last_file = COALESCE($4, last_file),
              pushed_at = CASE WHEN $4::text IS NULL THEN pushed_at ELSE now() END,
              last_error = NULL, last_error_at = NULL
        WHERE station_id = $1 AND lease_owner = $2`,
      [stationId, owner, nextFrom, fileName],
    );
    return result.rowCount === 1;
  }

  /** Records why the last push failed (shown to operators; the cursor stays where it was). */
  async recordError(stationId: number, owner: string, message: string): Promise<void> {
    await this.db.query(
      `UPDATE circular10_relay_cursors SET last_error = $3, last_error_at = now()
        WHERE station_id = $1 AND lease_owner = $2`,
      [stationId, owner, message],
    );
  }

  /** Gives the lease up, so another instance may take the station at once. */
  async release(stationId: number, owner: string): Promise<void> {
    await this.db.query(
      `UPDATE circular10_relay_cursors SET lease_owner = NULL, lease_until = NULL
        WHERE station_id = $1 AND lease_owner = $2`,
      [stationId, owner],
    );
  }

  async find(stationId: number): Promise<Circular10RelayCursor | null> {
    const result = await this.db.query<Circular10RelayCursor>(
      `SELECT ${COLUMNS} FROM circular10_relay_cursors WHERE station_id = $1`,
      [stationId],
    );
    return result.rows[0] ?? null;
  }

  /**
   * The time of a station's first reading in [from, before): where the next file starts. Null when there
   * is none (the relay then waits; empty intervals produce no file).
   */
  async nextReadingTime(stationId: number, from: Date, before: Date): Promise<Date | null> {
    const result = await this.db.query<{ time: Date }>(
      `SELECT time FROM readings WHERE station_id = $1 AND time >= $2 AND time < $3 ORDER BY time LIMIT 1`,
      [stationId, from, before],
    );
    return result.rows[0]?.time ?? null;
  }
}
