import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import {
  assertSupportedServer,
  Database,
  holdAdvisoryLock,
  LockedSession,
  QueryResult,
  runInTransaction,
  SqlSession,
  StorageFeatures,
} from './database';
import { TYPE_PARSERS } from './type-parsers';

/** Parsers set on this pool's clients only, never on pg's global registry. */
const poolTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** A session on the pool, or on one client (which can also stream COPY). */
function sessionOf(target: Queryable, client?: pg.PoolClient): SqlSession {
  const copyFrom = client
    ? (copySql: string, text: string) =>
        new Promise<number>((resolve, reject) => {
          const stream = client.query(copyFromStdin(copySql));
          stream.on('finish', () => resolve(stream.rowCount ?? 0));
          stream.on('error', reject);
          stream.end(text);
        })
    : undefined;
  return {
    copyFrom,
    async query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const result = await target.query(text, params as unknown[] | undefined);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(script: string): Promise<void> {
      // No bind values: pg uses the simple-query protocol, which accepts several statements.
      await target.query(script);
    },
  };
}

class PgDatabase implements Database {
  private readonly session: SqlSession;

  constructor(
    private readonly pool: pg.Pool,
    readonly features: StorageFeatures,
  ) {
    this.session = sessionOf(pool);
  }

  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.session.query<R>(text, params);
  }

  exec(script: string): Promise<void> {
    return this.session.exec(script);
  }

  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T> {
    return this.withClient((client) => runInTransaction(sessionOf(client, client), fn));
  }

  withAdvisoryLock<T>(key: number, fn: (tx: LockedSession) => Promise<T>): Promise<T> {
    return this.withClient((client) => holdAdvisoryLock(sessionOf(client), key, fn));
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return await fn(client);
    } catch (error) {
      // A connection that failed mid-protocol (not a plain SQL error) must not go back to the pool.
      if (!(error instanceof pg.DatabaseError))
        broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

async function detectFeatures(db: SqlSession): Promise<StorageFeatures> {
  const server = await db.query<{ num: string; version: string }>(
    `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version`,
  );
  const { num, version } = server.rows[0];
  assertSupportedServer(Number(num), version);
  const available = await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
  if (available.rowCount > 0) {
    // Fails when timescaledb is installed but not in shared_preload_libraries, or the role may not
    // create extensions; the platform then runs on plain PostgreSQL.
    await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb').catch(() => undefined);
  }
  const ts = await db.query<{ extversion: string; license: string | null; workers: string | null }>(
    `SELECT extversion, current_setting('timescaledb.license', true) AS license,
            current_setting('timescaledb.max_background_workers', true) AS workers
       FROM pg_extension WHERE extname = 'timescaledb'`,
  );
  const ext = ts.rows[0];
  // The Apache-only build lacks the community features (compression, continuous aggregates).
  const community = ext !== undefined && ext.license !== 'apache';
  return {
    driver: 'pg',
    serverVersion: version,
    timescale: ext !== undefined,
    timescaleVersion: ext?.extversion ?? null,
    compression: community,
    continuousAggregates: community,
    backgroundJobs: ext !== undefined && Number(ext.workers ?? 0) > 0,
  };
}

export async function openPgDatabase(databaseUrl: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, types: poolTypes });
  // An idle client that loses its connection is dropped by the pool; without a listener the process would crash.
  pool.on('error', () => undefined);
  // So is a checked-out client between two queries of a transaction (a database failover): its next query
  // fails and the transaction with it, which its caller retries; the process must not die of the event.
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    return new PgDatabase(pool, await detectFeatures(sessionOf(pool)));
  } catch (error) {
    await pool.end();
    throw error;
  }
}
