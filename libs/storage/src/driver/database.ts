export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface SqlExecutor {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

/** An executor bound to one connection, which can also run a multi-statement script. */
export interface SqlSession extends SqlExecutor {
  /** Multi-statement SQL script, no params. */
  exec(script: string): Promise<void>;
  /**
   * `COPY ... FROM STDIN` of text-format rows; returns the rows copied. Present only where the driver
   * streams COPY (the pg server driver, on a session bound to one connection): callers fall back to
   * INSERT without it.
   */
  copyFrom?(copySql: string, text: string): Promise<number>;
}

/** The connection held by withAdvisoryLock: it can open transactions of its own while keeping the lock. */
export interface LockedSession extends SqlSession {
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
}

export interface StorageFeatures {
  driver: 'pg' | 'embedded';
  serverVersion: string;
  timescale: boolean;
  timescaleVersion: string | null;
  compression: boolean;
  continuousAggregates: boolean;
  /** true when TimescaleDB background jobs run (server); false in embedded WASM where the worker must refresh/compress/drop itself */
  backgroundJobs: boolean;
}

export interface Database extends SqlExecutor {
  readonly features: StorageFeatures;
  /** Multi-statement SQL script, no params. */
  exec(script: string): Promise<void>;
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
  /** Session-level pg_advisory_lock on one connection, held while fn runs. */
  withAdvisoryLock<T>(key: number, fn: (tx: LockedSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Set: the `pg` server driver. Unset: the embedded TimescaleDB under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
}

/** BEGIN/COMMIT around fn on one session; ROLLBACK (and rethrow) when fn fails. */
export async function runInTransaction<T>(
  session: SqlSession,
  fn: (tx: SqlSession) => Promise<T>,
): Promise<T> {
  await session.exec('BEGIN');
  try {
    const result = await fn(session);
    await session.exec('COMMIT');
    return result;
  } catch (error) {
    await session.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** PostgreSQL 14 brings date_bin and the other features the plain (non-Timescale) schema relies on. */
export const MIN_SERVER_VERSION_NUM = 140000;

export function assertSupportedServer(serverVersionNum: number, serverVersion: string): void {
  if (!Number.isFinite(serverVersionNum) || serverVersionNum < MIN_SERVER_VERSION_NUM) {
    throw new Error(
      `PostgreSQL ${serverVersion} is not supported: @hp/storage needs PostgreSQL 14 or newer (the plain schema uses date_bin). Upgrade the server or unset DATABASE_URL to use the embedded TimescaleDB.`,
    );
  }
}

/** Takes a session-level advisory lock on this session, runs fn, and always unlocks. */
export async function holdAdvisoryLock<T>(
  session: SqlSession,
  key: number,
  fn: (tx: LockedSession) => Promise<T>,
): Promise<T> {
  await session.query('SELECT pg_advisory_lock($1::bigint)', [key]);
  try {
    return await fn({ ...session, transaction: (inner) => runInTransaction(session, inner) });
  } finally {
    await session.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
  }
}

/**
 * Whether the time-series schema is the TimescaleDB one (hypertable, continuous aggregates) or the plain one.
 * The Apache-only TimescaleDB build lacks compression and continuous aggregates, so it gets the plain schema.
 */
export function usesTimescaleSchema(features: StorageFeatures): boolean {
  return features.timescale && features.compression && features.continuousAggregates;
}
