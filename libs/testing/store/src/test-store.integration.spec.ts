import { access } from 'node:fs/promises';
import pg from 'pg';
import { testServerUrl } from '@hp/testing';
import { openTestStore, TEST_STORE_DRIVERS } from './test-store';

async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    return (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe.each(TEST_STORE_DRIVERS)('openTestStore on $name', ({ driver }) => {
  it('hands over a migrated database, and cleanup removes it (twice is harmless)', async () => {
    const store = await openTestStore(driver);
    const { rows } = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0].n).toBeGreaterThan(0);
    const { databaseUrl, dataDir } = store.connection;
    await store.cleanup();
    await store.cleanup();
    if (databaseUrl) expect(await databaseExists(new URL(databaseUrl).pathname.slice(1))).toBe(false);
    else await expect(access(dataDir)).rejects.toThrow();
    expect(Boolean(databaseUrl)).toBe(driver === 'pg');
  });

  it('leaves the database empty when asked not to migrate', async () => {
    const store = await openTestStore(driver, { migrate: false });
    try {
      const { rows } = await store.db.query<{ t: string | null }>(
        "SELECT to_regclass('schema_migrations')::text AS t",
      );
      expect(rows[0].t).toBeNull();
    } finally {
      await store.cleanup();
    }
  });
});
