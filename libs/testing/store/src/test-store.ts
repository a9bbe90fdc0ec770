// The medium test tier's one fixture: a real, throwaway database on either driver. It lives apart from
// @hp/testing because it needs @hp/storage, whose own specs use @hp/testing (one project would be a cycle).
import { Database, MigrationLogger, openDatabase, OpenDatabaseOptions, runMigrations } from '@hp/storage';
import { createTestDatabase, tempDataDir } from '@hp/testing';

export type TestStoreDriver = 'pg' | 'embedded';

export interface TestStoreOptions {
  /** Apply every migration before handing the database over (default true). */
  migrate?: boolean;
  /** Where the migration runner reports each applied migration (default: nowhere). */
  migrationLog?: MigrationLogger;
  /** Connections of the pg driver's pool (default 4); the embedded driver has one. */
  poolSize?: number;
}

export interface TestStore {
  driver: TestStoreDriver;
  db: Database;
  /** How to open the same database again (a CLI under test, a second connection); pg only has databaseUrl. */
  connection: OpenDatabaseOptions;
  /** Closes the database and drops it (pg) or removes its directory (embedded); safe to call twice. */
  cleanup(): Promise<void>;
}

/** Both drivers, named as describe.each titles: `describe.each(TEST_STORE_DRIVERS)('… on $name', ({ driver }) => …)`. */
export const TEST_STORE_DRIVERS: readonly { driver: TestStoreDriver; name: string }[] = [
  { driver: 'pg', name: 'pg driver on PostgreSQL' },
  { driver: 'embedded', name: 'embedded TimescaleDB' },
];

/** A new empty database on the test server (pg) or in a temporary directory (embedded), migrated by default. */
export async function openTestStore(
  driver: TestStoreDriver = 'pg',
  { migrate = true, migrationLog, poolSize = 4 }: TestStoreOptions = {},
): Promise<TestStore> {
  const { db, connection, remove } = driver === 'pg' ? await openPg(poolSize) : await openEmbedded();
  let done: Promise<void> | undefined;
  const cleanup = () =>
    (done ??= (async () => {
      try {
        await db.close();
      } finally {
        await remove();
      }
    })());
  try {
    if (migrate) await runMigrations(db, migrationLog);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { driver, db, connection, cleanup };
}

interface Opened {
  db: Database;
  connection: OpenDatabaseOptions;
  remove(): Promise<void>;
}

async function openPg(poolSize: number): Promise<Opened> {
  const database = await createTestDatabase();
  try {
    const connection = { databaseUrl: database.url, dataDir: 'unused', poolSize };
    return { db: await openDatabase(connection), connection, remove: () => database.drop() };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

async function openEmbedded(): Promise<Opened> {
  const tmp = await tempDataDir({ prefix: 'hp-test-store-' });
  try {
    const connection = { dataDir: tmp.dir };
    return { db: await openDatabase(connection), connection, remove: () => tmp.remove() };
  } catch (error) {
    await tmp.remove();
    throw error;
  }
}
