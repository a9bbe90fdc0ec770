import {
  Database,
  isUniqueViolation,
  SqlExecutor,
  SqlSession,
  StorageFeatures,
  TimeSeriesUpkeep,
  usesTimescaleSchema,
} from '@hp/storage';
import {
  BucketQuery,
  BucketSize,
  HourWindowStats,
  InsertBatchResult,
  LatestReading,
  MaintenanceOptions,
  MaintenanceResult,
  NewReading,
  RawReading,
  RawReadingQuery,
  ReadingBucket,
  TimeRange,
} from './readings.types';

/**
 * Rows per INSERT statement. A batch is one statement of five array parameters (UNNEST), so the
 * parameter count never grows; this only bounds the size of one protocol message (~50 bytes a row).
 */
export const MAX_READINGS_PER_STATEMENT = 5000;

/** At most this many buckets in one gap-filled series. */
export const MAX_FILLED_BUCKETS = 10000;

const DAY_MS = 86_400_000;

/** Must match the bucketing of readings_hourly / readings_daily in the migrations. */
const BUCKETS: Record<BucketSize, { view: string; step: string; stepMs: number; origin: string }> = {
  hour: { view: 'readings_hourly', step: '1 hour', stepMs: 3_600_000, origin: '2000-01-01T00:00:00+00:00' },
  day: { view: 'readings_daily', step: '1 day', stepMs: DAY_MS, origin: '2000-01-01T00:00:00+07:00' },
};

const BUCKET_COLUMNS = `avg_value AS "avgValue", min_value AS "minValue", max_value AS "maxValue"`;

/** A PostgreSQL array literal of finite numbers. */
function numberArray<T>(rows: readonly T[], pick: (row: T) => number): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    const n = pick(rows[i]);
    if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
    out += i === 0 ? String(n) : `,${n}`;
  }
  return `${out}}`;
}

/** A PostgreSQL array literal of text, every element quoted and escaped. */
function textArray<T>(rows: readonly T[], pick: (row: T) => string): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    const quoted = `"${pick(rows[i]).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    out += i === 0 ? quoted : `,${quoted}`;
  }
  return `${out}}`;
}

/** A text value escaped for COPY's text format. */
function copyEscape(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : text;
}

/** Rows in COPY text format; a message's readings share one time, so its ISO form is made once. */
function copyRows(rows: readonly NewReading[]): string {
  let out = '';
  let lastMs = NaN;
  let lastIso = '';
  for (const r of rows) {
    const ms = r.time.getTime();
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = r.time.toISOString();
    }
    if (!Number.isFinite(r.value)) throw new RangeError(`not a finite number: ${r.value}`);
    out += `${lastIso}\t${r.stationId}\t${copyEscape(r.parameterCode)}\t${r.value}\t${r.status}\n`;
  }
  return out;
}

const COPY_READINGS = 'COPY readings (time, station_id, parameter_code, value, status) FROM STDIN';

/**
 * The readings of station $1 over local days [$3, $4) as their latest correction leaves them: the corrected
 * value and status, withdrawn readings left out. Only that station's corrections in that range are read
 * (they are few), then joined by hash; the outer query filters the readings themselves.
 */
const CORRECTED_READINGS = `(
  SELECT r.time, r.station_id, r.parameter_code, coalesce(c.value, r.value) AS value,
         coalesce(c.status, r.status) AS status
    FROM readings r
    LEFT JOIN (
      SELECT DISTINCT ON (parameter_code, time) parameter_code, time, withdrawn, value, status
        FROM reading_corrections
       WHERE station_id = $1
         AND time >= ($3::date - interval '7 hours') AT TIME ZONE 'UTC'
         AND time < ($4::date - interval '7 hours') AT TIME ZONE 'UTC'
       ORDER BY parameter_code, time, id DESC
    ) c ON c.parameter_code = r.parameter_code AND c.time = r.time
   WHERE c.withdrawn IS NOT TRUE
) AS readings`;

export class ReadingsRepository implements TimeSeriesUpkeep {
  private readonly features: StorageFeatures;

  constructor(
    private readonly db: SqlExecutor | SqlSession,
    features?: StorageFeatures,
  ) {
    this.features = features ?? (db as Database).features;
  }

  /** The same repository over a transaction, so a batch and its companions commit together. */
  inTransaction(tx: SqlExecutor): ReadingsRepository {
    return new ReadingsRepository(tx, this.features);
  }

  /**
   * Stores a batch. Inside a transaction on the pg driver it first tries COPY (the fastest way in, and
   * a batch almost never repeats a stored reading) under a savepoint; if any reading is already stored
   * (unique violation), the savepoint is rolled back and the batch goes the INSERT way below.
   */
  async insertBatch(rows: readonly NewReading[]): Promise<InsertBatchResult> {
    const session = this.db as Partial<SqlSession>;
    if (session.copyFrom && rows.length > 0) {
      const text = copyRows(rows);
      await this.db.query('SAVEPOINT readings_copy');
      try {
        const copied = await session.copyFrom(COPY_READINGS, text);
        await this.db.query('RELEASE SAVEPOINT readings_copy');
        return { inserted: copied, duplicates: rows.length - copied };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await this.db.query('ROLLBACK TO SAVEPOINT readings_copy');
      }
    }
    return this.insertSkippingDuplicates(rows);
  }

  /**
   * COPYs a batch inside the caller's transaction without a savepoint (two round trips fewer than
   * insertBatch, which ingestion's throughput feels). A reading already stored fails it with a unique
   * violation that aborts the whole transaction: the caller rolls back and writes the batch again with
   * insertSkippingDuplicates. Null when the driver cannot COPY.
   */
  async copyBatch(rows: readonly NewReading[]): Promise<InsertBatchResult | null> {
    const session = this.db as Partial<SqlSession>;
    if (!session.copyFrom) return null;
    if (rows.length === 0) return { inserted: 0, duplicates: 0 };
    const copied = await session.copyFrom(COPY_READINGS, copyRows(rows));
    return { inserted: copied, duplicates: rows.length - copied };
  }

  /**
   * One INSERT ... SELECT FROM unnest(...) per MAX_READINGS_PER_STATEMENT rows. Readings already stored
   * are skipped (ON CONFLICT DO NOTHING) and counted as duplicates.
   */
  async insertSkippingDuplicates(rows: readonly NewReading[]): Promise<InsertBatchResult> {
    let inserted = 0;
    for (let start = 0; start < rows.length; start += MAX_READINGS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + MAX_READINGS_PER_STATEMENT);
      const result = await this.db.query(
        `INSERT INTO readings (time, station_id, parameter_code, value, status)
         SELECT to_timestamp(t / 1000.0), s, p, v, st
           FROM unnest($1::float8[], $2::int[], $3::text[], $4::float8[], $5::smallint[]) AS u (t, s, p, v, st)
         ON CONFLICT (station_id, parameter_code, time) DO NOTHING`,
        // Array literals built here: the hot path of ingestion, and cheaper than the driver's generic
        // serializer (epoch milliseconds instead of ISO strings, too).
        [
          numberArray(chunk, (r) => r.time.getTime()),
          numberArray(chunk, (r) => r.stationId),
          textArray(chunk, (r) => r.parameterCode),
          numberArray(chunk, (r) => r.value),
          numberArray(chunk, (r) => r.status),
        ],
      );
      inserted += result.rowCount;
    }
    return { inserted, duplicates: rows.length - inserted };
  }

  /**
   * Per local hour (Asia/Ho_Chi_Minh, UTC+7 all year) of [fromDay, toDay) and parameter: how many readings,
   * how many valid (status 00 and not set aside), and the sum, max and min of the valid values; and of the
   * readings the flat-line screen set aside (status 00 in a run of at least the parameter's run length of
   * identical consecutive values of the same local day; run length 0: never screened), how many and their
   * sum, max and min, so nothing the screen removes goes unseen. `flatlineRecords` is the run length of every
   * parameter, or per parameter. Only hours with readings appear.
   * With `applyCorrections`, each reading counts as its latest correction says (withdrawn ones not at all);
   * callers ask for it only where corrections exist, so the usual path reads readings alone.
   */
  async hourWindowStats(
    stationId: number,
    parameters: readonly string[],
    fromDay: string,
    toDay: string,
    flatlineRecords: number | ReadonlyMap<string, number>,
    options: { applyCorrections?: boolean } = {},
  ): Promise<HourWindowStats[]> {
    const runRecords = parameters.map((code) =>
      typeof flatlineRecords === 'number' ? flatlineRecords : (flatlineRecords.get(code) ?? 0),
    );
    const result = await this.db.query<HourWindowStats>(
      `WITH screen AS (
         SELECT code, run_records FROM unnest($2::text[], $5::int[]) AS s (code, run_records)
       ), local AS (
         SELECT time, parameter_code, value, status, (time AT TIME ZONE 'UTC') + interval '7 hours' AS lt
           FROM ${options.applyCorrections ? CORRECTED_READINGS : 'readings'}
          WHERE station_id = $1 AND parameter_code = ANY($2::text[])
            AND time >= ($3::date - interval '7 hours') AT TIME ZONE 'UTC'
            AND time < ($4::date - interval '7 hours') AT TIME ZONE 'UTC'
       ), islands AS ( -- consecutive equal values share (row number - row number within the value)
         SELECT parameter_code, value, status, lt,
                row_number() OVER (PARTITION BY parameter_code, lt::date ORDER BY time)
                  - row_number() OVER (PARTITION BY parameter_code, lt::date, value ORDER BY time) AS island
           FROM local
       ), runs AS (
         SELECT parameter_code, value, status, lt,
                count(*) OVER (PARTITION BY parameter_code, lt::date, value, island) AS run
           FROM islands
       ), screened AS (
         SELECT r.parameter_code, r.value, r.status, r.lt,
                (r.status = 0 AND s.run_records > 0 AND r.run >= s.run_records) AS set_aside
           FROM runs r JOIN screen s ON s.code = r.parameter_code
       )
       SELECT to_char(lt::date, 'YYYY-MM-DD') AS day, parameter_code AS "parameterCode",
              extract(hour FROM lt)::int AS hour, count(*)::int AS total,
              count(*) FILTER (WHERE status = 0 AND NOT set_aside)::int AS valid,
              sum(value) FILTER (WHERE status = 0 AND NOT set_aside) AS sum,
              max(value) FILTER (WHERE status = 0 AND NOT set_aside) AS max,
              min(value) FILTER (WHERE status = 0 AND NOT set_aside) AS min,
              count(*) FILTER (WHERE set_aside)::int AS "setAside",
              sum(value) FILTER (WHERE set_aside) AS "setAsideSum",
              max(value) FILTER (WHERE set_aside) AS "setAsideMax",
              min(value) FILTER (WHERE set_aside) AS "setAsideMin"
         FROM screened
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      [stationId, parameters, fromDay, toDay, runRecords],
    );
    return result.rows;
  }

  /** Raw readings of a station in [from, to), newest first. */
  async findRaw(stationId: number, query: RawReadingQuery): Promise<RawReading[]> {
    const result = await this.db.query<RawReading>(
      `SELECT time, parameter_code AS "parameterCode", value, status, received_at AS "receivedAt"
         FROM readings
        WHERE station_id = $1 AND time >= $2 AND time < $3 AND ($4::text IS NULL OR parameter_code = $4)
        ORDER BY time DESC, parameter_code
        LIMIT $5`,
      [stationId, query.from, query.to, query.parameter ?? null, query.limit],
    );
    return result.rows;
  }

  /** Hourly or local-day aggregates of a station whose bucket starts in [from, to); only buckets with data. */
  async findBucketed(stationId: number, size: BucketSize, query: BucketQuery): Promise<ReadingBucket[]> {
    const result = await this.db.query<ReadingBucket>(
      `SELECT bucket, parameter_code AS "parameterCode", ${BUCKET_COLUMNS},
              valid_count AS "validCount", total_count AS "totalCount"
         FROM ${BUCKETS[size].view}
        WHERE station_id = $1 AND bucket >= $2 AND bucket < $3 AND ($4::text IS NULL OR parameter_code = $4)
        ORDER BY bucket, parameter_code`,
      [stationId, query.from, query.to, query.parameter ?? null],
    );
    return result.rows;
  }

  /** Like findBucketed for one parameter, with every bucket of [from, to) present (empty ones: null / 0). */
  async findBucketedFilled(
    stationId: number,
    size: BucketSize,
    query: TimeRange & { parameter: string },
  ): Promise<ReadingBucket[]> {
    const spec = BUCKETS[size];
    const buckets = (query.to.getTime() - query.from.getTime()) / spec.stepMs;
    if (buckets > MAX_FILLED_BUCKETS) {
      throw new RangeError(
        `${Math.ceil(buckets)} ${size} buckets requested; at most ${MAX_FILLED_BUCKETS} are returned`,
      );
    }
    const result = await this.db.query<ReadingBucket>(
      `SELECT g.bucket, $4::text AS "parameterCode", ${BUCKET_COLUMNS},
              coalesce(valid_count, 0) AS "validCount", coalesce(total_count, 0) AS "totalCount"
         FROM generate_series(date_bin($5::interval, $2::timestamptz, $6::timestamptz), $3::timestamptz, $5::interval) AS g (bucket)
         LEFT JOIN ${spec.view} v ON v.bucket = g.bucket AND v.station_id = $1 AND v.parameter_code = $4
        WHERE g.bucket >= $2 AND g.bucket < $3
        ORDER BY g.bucket`,
      [stationId, query.from, query.to, query.parameter, spec.step, spec.origin],
    );
    return result.rows;
  }

  async countForStation(stationId: number): Promise<number> {
    const result = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM readings WHERE station_id = $1`,
      [stationId],
    );
    return result.rows[0].n;
  }

  async latestTime(stationId: number): Promise<Date | null> {
    const result = await this.db.query<{ t: Date | null }>(
      `SELECT max(time) AS t FROM readings WHERE station_id = $1`,
      [stationId],
    );
    return result.rows[0].t;
  }

  /**
   * Each of these stations' latest reading time at or before `asOf` (null: none): one backward index probe
   * per station.
   */
  async lastMessageTimes(stationIds: readonly number[], asOf: Date): Promise<Map<number, Date | null>> {
    if (stationIds.length === 0) return new Map();
    const { rows } = await this.db.query<{ stationId: number; last: Date | null }>(
      `SELECT s.id AS "stationId",
              (SELECT max(time) FROM readings r WHERE r.station_id = s.id AND r.time <= $2) AS last
         FROM unnest($1::int[]) AS s (id)`,
      [stationIds, asOf.toISOString()],
    );
    return new Map(rows.map((r) => [r.stationId, r.last]));
  }

  /**
   * The latest reading at or before `asOf` of every parameter these stations sent in the `recentSeconds`
   * before it, and of each `expected` station-parameter not among them (looked up as far back as `since`).
   * One query: the recent window is a short range scan per station, the older ones one backward probe each,
   * so a parameter a station stopped sending costs a probe, not a scan of its history.
   */
  async latestValues(
    stationIds: readonly number[],
    expected: readonly { stationId: number; parameterCode: string }[],
    window: { asOf: Date; recentSeconds: number; since: Date },
  ): Promise<LatestReading[]> {
    if (stationIds.length === 0) return [];
    const { rows } = await this.db.query<LatestReading>(
      `WITH recent AS (
         SELECT DISTINCT ON (station_id, parameter_code) station_id, parameter_code, time, value, status
           FROM readings
          WHERE station_id = ANY($1::int[]) AND time <= $4 AND time > $4::timestamptz - make_interval(secs => $5)
          ORDER BY station_id, parameter_code, time DESC
       ), missing AS (
         SELECT e.s, e.p FROM unnest($2::int[], $3::text[]) AS e (s, p)
          WHERE e.s = ANY($1::int[])
            AND NOT EXISTS (SELECT 1 FROM recent WHERE recent.station_id = e.s AND recent.parameter_code = e.p)
       )
       SELECT station_id AS "stationId", parameter_code AS "parameterCode", time, value, status FROM recent
       UNION ALL
       SELECT m.s, m.p, l.time, l.value, l.status
         FROM missing m
         CROSS JOIN LATERAL (
           SELECT time, value, status FROM readings
            WHERE station_id = m.s AND parameter_code = m.p AND time <= $4 AND time >= $6
            ORDER BY time DESC LIMIT 1) l
       ORDER BY 1, 2`,
      [
        stationIds,
        expected.map((e) => e.stationId),
        expected.map((e) => e.parameterCode),
        window.asOf.toISOString(),
        window.recentSeconds,
        window.since.toISOString(),
      ],
    );
    return rows;
  }

  /** Per station and parameter, the readings received for [from, to): all of them and those with status 00. */
  async receivedCounts(
    stationIds: readonly number[],
    range: TimeRange,
  ): Promise<{ stationId: number; parameterCode: string; total: number; valid: number }[]> {
    if (stationIds.length === 0) return [];
    return (
      await this.db.query<{ stationId: number; parameterCode: string; total: number; valid: number }>(
        `SELECT station_id AS "stationId", parameter_code AS "parameterCode", count(*)::int AS total,
                count(*) FILTER (WHERE status = 0)::int AS valid
           FROM readings
          WHERE station_id = ANY($1::int[]) AND time >= $2 AND time < $3
          GROUP BY 1, 2 ORDER BY 1, 2`,
        [stationIds, range.from.toISOString(), range.to.toISOString()],
      )
    ).rows;
  }

  /**
   * A station's readings in [from, to), oldest first, a page at a time: those after `after` (the last row of
   * the previous page), at most `limit`. For exports that stream any number of rows.
   */
  async exportPage(
    stationId: number,
    query: TimeRange & {
      parameters: readonly string[] | null;
      after: { time: Date; parameterCode: string } | null;
      limit: number;
    },
  ): Promise<RawReading[]> {
    return (
      await this.db.query<RawReading>(
        `SELECT time, parameter_code AS "parameterCode", value, status, received_at AS "receivedAt"
           FROM readings
          WHERE station_id = $1 AND time >= $2 AND time < $3
            AND ($4::text[] IS NULL OR parameter_code = ANY($4::text[]))
            AND ($5::timestamptz IS NULL OR (time, parameter_code) > ($5::timestamptz, $6::text))
          ORDER BY time, parameter_code
          LIMIT $7`,
        [
          stationId,
          query.from.toISOString(),
          query.to.toISOString(),
          query.parameters,
          query.after?.time.toISOString() ?? null,
          query.after?.parameterCode ?? null,
          query.limit,
        ],
      )
    ).rows;
  }

  /**
   * What TimescaleDB's background jobs do on a server, for where they do not run (the embedded WASM build):
   * refreshes the continuous aggregates over the recent window, compresses chunks older than
   * compressAfterDays, and drops readings older than retentionDays (drop_chunks on TimescaleDB, DELETE on
   * plain PostgreSQL). Parts the database cannot do are skipped. Run it outside any transaction.
   */
  async maintain(options: MaintenanceOptions): Promise<MaintenanceResult> {
    const now = options.now ?? new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
    const features = this.features;
    const hypertable = usesTimescaleSchema(features);
    const result: MaintenanceResult = {
      refreshed: [],
      compressedChunks: 0,
      droppedChunks: 0,
      deletedRows: 0,
    };

    if (hypertable && features.continuousAggregates) {
      // CALL refresh_continuous_aggregate cannot run inside a transaction block: one autocommit statement each.
      // The window spans at least two days so that it always holds a whole daily bucket.
      const windowStart = daysAgo(Math.max(options.compressAfterDays, 2));
      for (const { view } of Object.values(BUCKETS)) {
        await this.db.query(
          `CALL refresh_continuous_aggregate($1::regclass, $2::timestamptz, $3::timestamptz)`,
          [view, windowStart, now.toISOString()],
        );
        result.refreshed.push(view);
      }
    }

    if (hypertable && features.compression && options.compressAfterDays > 0) {
      const chunks = await this.db.query<{ chunk: string }>(
        `SELECT format('%I.%I', chunk_schema, chunk_name) AS chunk
           FROM timescaledb_information.chunks
          WHERE hypertable_schema = current_schema() AND hypertable_name = 'readings'
            AND NOT is_compressed AND range_end <= $1::timestamptz
          ORDER BY range_end`,
        [daysAgo(options.compressAfterDays)],
      );
      // One chunk per statement, and the event loop's turn between them: the embedded database is one
      // connection in this process, so compressing a fresh demo's 80-odd days in one statement held every
      // request (and /health) for as long as it took.
      for (const { chunk } of chunks.rows) {
        await this.db.query(`SELECT compress_chunk($1::regclass, if_not_compressed => true)`, [chunk]);
        result.compressedChunks++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }

    if (options.retentionDays > 0) {
      const cutoff = daysAgo(options.retentionDays);
      if (hypertable) {
        const dropped = await this.db.query(`SELECT drop_chunks('readings', older_than => $1::timestamptz)`, [
          cutoff,
        ]);
        result.droppedChunks = dropped.rowCount;
      } else {
        result.deletedRows = (
          await this.db.query(`DELETE FROM readings WHERE time < $1::timestamptz`, [cutoff])
        ).rowCount;
      }
    }
    return result;
  }

  /**
   * On a TimescaleDB server with background jobs, replaces the retention policy of readings
   * (days = 0 removes it). Returns false, doing nothing, where jobs do not run (use maintain() there).
   */
  async applyRetentionPolicy(days: number): Promise<boolean> {
    const features = this.features;
    if (!usesTimescaleSchema(features) || !features.backgroundJobs) return false;
    await this.db.query(`SELECT remove_retention_policy('readings', if_exists => true)`);
    if (days > 0) {
      await this.db.query(
        `SELECT add_retention_policy('readings', drop_after => make_interval(days => $1::int))`,
        [days],
      );
    }
    return true;
  }

  /** Each station's latest reading time since a moment (stations without one are absent). */
  async lastReadingTimes(since: Date): Promise<{ stationId: number; last: Date }[]> {
    return (
      await this.db.query<{ stationId: number; last: Date }>(
        `SELECT station_id AS "stationId", max(time) AS last FROM readings WHERE time >= $1 GROUP BY station_id`,
        [since.toISOString()],
      )
    ).rows;
  }

  /**
   * Readings stored after `receivedSince` whose time is not before `notBefore`, oldest first (the alert
   * evaluator's recovery after a restart).
   */
  async receivedSince(receivedSince: Date, notBefore: Date, limit: number): Promise<NewReading[]> {
    return (
      await this.db.query<NewReading>(
        `SELECT time, station_id AS "stationId", parameter_code AS "parameterCode", value, status
           FROM readings WHERE received_at > $1 AND time >= $2 ORDER BY time LIMIT $3`,
        [receivedSince.toISOString(), notBefore.toISOString(), limit],
      )
    ).rows;
  }
}
