// The storage contract: one body of tests that every driver must pass (see *.contract.spec.ts).
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../driver/database';
import { DEFAULT_MIGRATIONS_DIR } from '../migrations/migration-files';
import { MigrationRunner, runMigrations } from '../migrations/migration-runner';

/** A fresh, empty store (a database or a data directory) that can be opened, closed and opened again. */
export interface TestStore {
  open(): Promise<Database>;
  /** Closes nothing; drops the database or removes the directory. */
  cleanup(): Promise<void>;
}

export interface StorageHarness {
  driver: 'pg' | 'embedded';
  /** Whether two Database instances may be open on one store at once (two processes on a server). */
  concurrentOpen: boolean;
  createStore(): Promise<TestStore>;
}

const ALL_MIGRATIONS = [
  '0001_registry',
  '0002_readings',
  '0003_readings_timescale',
  '0004_ingestion',
  '0005_device_presence',
  '0006_compliance',
  '0007_waste_reference',
  '0008_waste_tracking',
  '0009_alerting',
  '0010_accounts',
  '0011_alert_grafana_channel',
  '0012_audit_log',
  '0013_reading_corrections',
  '0014_reports',
  '0015_circular10',
  '0016_sparkplug',
  '0017_recompute_mark_retries',
  '0018_parameter_cadence',
  '0019_permit_discharge_flow',
  '0020_waste_declarations',
  '0021_set_aside_review',
  '0022_data_quality',
  '0023_park_standing_rule',
  '0024_structured_reasons',
  '0025_quarantine_reasons',
  '0026_alert_reasons',
  '0027_waste_lot_judgement',
  '0028_registry_admin',
  '0029_reporting_chain',
  '0030_notifications',
  '0031_device_activity',
  '0032_alert_subscriptions',
  '0033_correction_review',
  '0034_replica_safe_state',
];
/** Applies the shipped migrations numbered below `version` (from a copy of the directory holding only those). */
async function migrateBefore(db: Database, version: string): Promise<void> {
  const before = await mkdtemp(join(tmpdir(), 'hp-migrations-'));
  try {
    for (const file of await readdir(DEFAULT_MIGRATIONS_DIR))
      if (file < version) await cp(join(DEFAULT_MIGRATIONS_DIR, file), join(before, file));
    await new MigrationRunner(db, { directory: before }).run();
  } finally {
    await rm(before, { recursive: true, force: true });
  }
}

export function storageContract(harness: StorageHarness): void {
  let store: TestStore;
  let db: Database;

  beforeEach(async () => {
    store = await harness.createStore();
    db = await store.open();
  });

  afterEach(async () => {
    await db.close().catch(() => undefined);
    await store.cleanup();
  });

  describe('driver', () => {
    it('reports its features', () => {
      expect(db.features.driver).toBe(harness.driver);
      expect(db.features.backgroundJobs).toBe(false);
      if (harness.driver === 'embedded') {
        expect(db.features).toMatchObject({ timescale: true, compression: true, continuousAggregates: true });
        expect(db.features.timescaleVersion).toMatch(/^2\./);
      }
    });

    it('returns int8, numeric and date the same way, and rolls back a failed transaction', async () => {
      const { rows } = await db.query(
        `SELECT 3::int8 AS i, 1.5::numeric AS n, DATE '2026-11-27' AS d, now() AS t`,
      );
      expect(rows[0]).toEqual({ i: 3, n: 1.5, d: '2026-11-27', t: expect.any(Date) });
      await db.exec('CREATE TABLE t (x int PRIMARY KEY); CREATE TABLE u (y int)');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (1)');
          await tx.query('INSERT INTO t VALUES (1)');
        }),
      ).rejects.toThrow(/duplicate key/);
      // Concurrent transactions and queries do not interleave on one connection (embedded) or collide (pg).
      await Promise.all([
        db.transaction((tx) => tx.query('INSERT INTO t VALUES (2)')),
        db.query('INSERT INTO u VALUES (1)'),
        db.transaction((tx) => tx.query('INSERT INTO t VALUES (3)')),
      ]);
      expect((await db.query('SELECT x FROM t ORDER BY x')).rows).toEqual([{ x: 2 }, { x: 3 }]);
    });
  });

  describe('migrations', () => {
    it('apply the variant for this database once, and a re-run applies nothing', async () => {
      expect(await runMigrations(db)).toEqual({ applied: ALL_MIGRATIONS });
      expect(await runMigrations(db)).toEqual({ applied: [] });
      const { rows } = await db.query<{ version: number; variant: string }>(
        'SELECT version, variant FROM schema_migrations ORDER BY version',
      );
      const variant = harness.driver === 'embedded' ? 'timescale' : 'plain';
      expect(rows).toEqual([
        { version: 1, variant: 'common' },
        { version: 2, variant: 'common' },
        { version: 3, variant },
        { version: 4, variant: 'common' },
        { version: 5, variant: 'common' },
        { version: 6, variant: 'common' },
        { version: 7, variant: 'common' },
        { version: 8, variant: 'common' },
        { version: 9, variant: 'common' },
        { version: 10, variant: 'common' },
        { version: 11, variant: 'common' },
        { version: 12, variant: 'common' },
        { version: 13, variant: 'common' },
        { version: 14, variant: 'common' },
        { version: 15, variant: 'common' },
        { version: 16, variant: 'common' },
        { version: 17, variant: 'common' },
        { version: 18, variant: 'common' },
        { version: 19, variant: 'common' },
        { version: 20, variant: 'common' },
        { version: 21, variant: 'common' },
        { version: 22, variant: 'common' },
        { version: 23, variant: 'common' },
        { version: 24, variant: 'common' },
        { version: 25, variant: 'common' },
        { version: 26, variant: 'common' },
        { version: 27, variant: 'common' },
        { version: 28, variant: 'common' },
        { version: 29, variant: 'common' },
        { version: 30, variant: 'common' },
        { version: 31, variant: 'common' },
        { version: 32, variant: 'common' },
        { version: 33, variant: 'common' },
        { version: 34, variant: 'common' },
      ]);
    });

    it('keep verdict reasons stored as text before 0024 as TEXT codes', async () => {
      // The migrations up to 0023, then a day with reasons in the old text[] form.
      await migrateBefore(db, '0024');
      await db.query(
        `INSERT INTO compliance_station_days (station_id, day, verdict, reasons)
         VALUES (1, '2026-05-03', 'exceedance', ARRAY['COD hourly mean 490 > 148.5 mg/L (2 h)', 'pH daily mean 5.2 < 5.5']),
                (2, '2026-05-03', 'compliant', '{}')`,
      );
      expect(await runMigrations(db)).toEqual({ applied: ALL_MIGRATIONS.filter((m) => m >= '0024') });
      // Read as stored: the repository that maps these rows belongs to libs/compliance (its golden set
      // writes and reads reasons on both drivers).
      const reasonsOf = async (stationId: number) =>
        (
          await db.query<{ reasons: unknown }>(
            `SELECT reasons FROM compliance_station_days WHERE station_id = $1 AND day = '2026-05-03'`,
            [stationId],
          )
        ).rows[0].reasons;
      expect(await reasonsOf(1)).toEqual([
        { code: 'TEXT', params: { text: 'COD hourly mean 490 > 148.5 mg/L (2 h)' } },
        { code: 'TEXT', params: { text: 'pH daily mean 5.2 < 5.5' } },
      ]);
      expect(await reasonsOf(2)).toEqual([]);
    });

    it('keep quarantine problems stored as text before 0025 as TEXT codes', async () => {
      // The migrations up to 0024, then a message quarantined with prose reasons.
      await migrateBefore(db, '0025');
      await db.query(
        `INSERT INTO quarantined_messages (received_at, topic, client_id, reason, problems, payload)
         VALUES ('2026-11-27T01:00:00Z', 't', NULL, 'a (+1 more)',
                 '[{"index": 0, "reason": "a"}, {"index": null, "reason": "b"}]', '\\x7b7d')`,
      );
      expect(await runMigrations(db)).toEqual({ applied: ALL_MIGRATIONS.filter((m) => m >= '0025') });
      const [row] = (
        await db.query<{ problems: unknown; payload: Buffer }>(
          `SELECT problems, payload FROM quarantined_messages ORDER BY id DESC LIMIT 1`,
        )
      ).rows;
      expect(row.problems).toEqual([
        { index: 0, source: null, reason: { code: 'TEXT', params: { text: 'a' } } },
        { index: null, source: null, reason: { code: 'TEXT', params: { text: 'b' } } },
      ]);
      expect(Buffer.from(row.payload).toString()).toBe('{}');
    });

    it('apply each migration once when two runners start together', async () => {
      const other = harness.concurrentOpen ? await store.open() : db;
      try {
        const results = await Promise.all([runMigrations(db), runMigrations(other)]);
        expect(results.flatMap((r) => r.applied).sort()).toEqual(ALL_MIGRATIONS);
      } finally {
        if (other !== db) await other.close();
      }
      expect((await db.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]).toEqual({
        n: ALL_MIGRATIONS.length,
      });
    });

    it('refuse to run when an applied migration was edited', async () => {
      await runMigrations(db);
      await db.query(`UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1`);
      await expect(runMigrations(db)).rejects.toThrow(/0001_registry \(common\) was changed after it ran/);
    });
  });
}
