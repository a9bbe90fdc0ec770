// The storage contract: one body of tests that every driver must pass (see *.contract.spec.ts).
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadingStatusValue, WATER_PARAMETERS } from '@hp/contracts';
import { Database } from '../driver/database';
import { UsersRepository } from '../accounts/users.repository';
import { AlertRulesRepository } from '../alerting/alert-rules.repository';
import { AlertsRepository } from '../alerting/alerts.repository';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { QuarantineRepository } from '../ingestion/quarantine.repository';
import { RecomputeMarksRepository } from '../ingestion/recompute-marks.repository';
import { ComplianceStationDaysRepository } from '../compliance/compliance-station-days.repository';
import { DEFAULT_MIGRATIONS_DIR } from '../migrations/migration-files';
import { MigrationRunner, runMigrations } from '../migrations/migration-runner';
import { ReadingCorrectionsRepository } from '../readings/reading-corrections.repository';
import { ReadingsRepository } from '../readings/readings.repository';
import { NewReading } from '../readings/readings.types';
import { DevicesRepository } from '../registry/devices.repository';
import { DischargePermitsRepository } from '../registry/discharge-permits.repository';
import { ParametersRepository } from '../registry/parameters.repository';
import { ParksRepository } from '../registry/parks.repository';
import { StationsRepository } from '../registry/stations.repository';
import { TreatmentPlantsRepository } from '../registry/treatment-plants.repository';

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
];
const STATION = 7;

const at = (iso: string) => new Date(iso);
function reading(
  iso: string,
  value: number,
  status: ReadingStatusValue = 0,
  parameterCode = 'COD',
): NewReading {
  return { time: at(iso), stationId: STATION, parameterCode, value, status };
}

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
  let readings: ReadingsRepository;

  beforeEach(async () => {
    store = await harness.createStore();
    db = await store.open();
    readings = new ReadingsRepository(db);
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
      ]);
    });

    it('keep verdict reasons stored as text before 0024 as TEXT codes, and store reasons as codes with parameters', async () => {
      // The migrations up to 0023, then a day with reasons in the old text[] form.
      await migrateBefore(db, '0024');
      await db.query(
        `INSERT INTO compliance_station_days (station_id, day, verdict, reasons)
         VALUES (1, '2026-05-03', 'exceedance', ARRAY['COD hourly mean 490 > 148.5 mg/L (2 h)', 'pH daily mean 5.2 < 5.5']),
                (2, '2026-05-03', 'compliant', '{}')`,
      );
      expect(await runMigrations(db)).toEqual({ applied: ALL_MIGRATIONS.filter((m) => m >= '0024') });
      const days = new ComplianceStationDaysRepository(db);
      expect((await days.listForStation(1, '2026-05-03', '2026-05-04'))[0].reasons).toEqual([
        { code: 'TEXT', params: { text: 'COD hourly mean 490 > 148.5 mg/L (2 h)' } },
        { code: 'TEXT', params: { text: 'pH daily mean 5.2 < 5.5' } },
      ]);
      expect((await days.listForStation(2, '2026-05-03', '2026-05-04'))[0].reasons).toEqual([]);
      const reasons = [
        {
          code: 'EXCEEDANCE_HOURLY_MEAN' as const,
          params: {
            parameter: 'COD',
            mean: 490,
            limit: 148.5,
            bound: 'max' as const,
            unit: 'mg/L',
            hours: 2,
            confirmed: false,
          },
        },
      ];
      await days.upsertMany([
        { stationId: 1, day: '2026-05-03', permitId: null, verdict: 'exceedance', reasons },
        {
          stationId: 3,
          day: '2026-05-03',
          permitId: null,
          verdict: 'no_permit',
          reasons: [{ code: 'NO_PERMIT', params: {} }],
        },
      ]);
      expect((await days.listForStation(1, '2026-05-03', '2026-05-04'))[0].reasons).toEqual(reasons);
      expect(
        (await days.changedSince(new Date(0), 10)).filter((d) => d.stationId !== 2).map((d) => d.reasons),
      ).toEqual([
        [{ code: 'EXCEEDANCE_HOURLY_MEAN', params: reasons[0].params }],
        [{ code: 'NO_PERMIT', params: {} }],
      ]);
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
      const [row] = await new QuarantineRepository(db).listRecent(1);
      expect(row.problems).toEqual([
        { index: 0, source: null, reason: { code: 'TEXT', params: { text: 'a' } } },
        { index: null, source: null, reason: { code: 'TEXT', params: { text: 'b' } } },
      ]);
      expect(row.payload.toString()).toBe('{}');
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

  describe('registry', () => {
    beforeEach(() => runMigrations(db));

    it('upserts parks, plants, stations and devices by code and lists them', async () => {
      const parks = new ParksRepository(db);
      const plants = new TreatmentPlantsRepository(db);
      const stations = new StationsRepository(db);
      const devices = new DevicesRepository(db);

      const park = await parks.upsert({
        code: 'DINHVU',
        name: 'Dinh Vu IP',
        areaHa: null,
        district: 'Hai An',
      });
      expect(park).toMatchObject({
        code: 'DINHVU',
        areaHa: null,
        operatingStatus: 'operating',
        nameVi: null,
      });
      const again = await parks.upsert({
        code: 'DINHVU',
        name: 'Dinh Vu Industrial Park',
        areaHa: 1329.8,
        operatingStatus: 'operating',
      });
      expect(again).toMatchObject({ id: park.id, name: 'Dinh Vu Industrial Park', areaHa: 1329.8 });
      expect(again.updatedAt.getTime()).toBeGreaterThanOrEqual(park.updatedAt.getTime());
      await parks.upsert({ code: 'DEEPC2', name: 'DEEP C II', operatingStatus: 'under_construction' });
      expect((await parks.list()).map((p) => p.code)).toEqual(['DEEPC2', 'DINHVU']);
      expect(await parks.findByCode('DINHVU')).toEqual(again);
      expect(await parks.findById(park.id)).toEqual(again);
      expect(await parks.findByCode('NOPE')).toBeNull();
      await expect(parks.upsert({ code: 'X', name: 'x', operatingStatus: 'bogus' as never })).rejects.toThrow(
        /check/i,
      );

      const plant = await plants.upsert({
        code: 'DV-WWTP1',
        parkId: park.id,
        name: 'Dinh Vu WWTP',
        designCapacityM3PerDay: 5000,
      });
      expect(plant).toMatchObject({ parkId: park.id, designCapacityM3PerDay: 5000, receivingWater: null });
      const outlet = await stations.upsert({
        code: 'DV-OUT1',
        plantId: plant.id,
        name: 'Outlet 1',
        kind: 'outlet',
      });
      expect(outlet).toMatchObject({ expectedIntervalSeconds: 300, active: true });
      const paused = await stations.upsert({
        code: 'DV-OUT1',
        plantId: plant.id,
        name: 'Outlet 1',
        kind: 'outlet',
        active: false,
      });
      expect(paused).toMatchObject({ id: outlet.id, active: false, expectedIntervalSeconds: 300 });
      expect(await stations.listRefs()).toEqual([
        { id: outlet.id, code: 'DV-OUT1', parkCode: 'DINHVU', plantCode: 'DV-WWTP1', active: false },
      ]);

      const device = await devices.upsert({
        code: 'AN-1',
        parkId: park.id,
        stationId: outlet.id,
        kind: 'analyzer',
        credentialHash: 'h1',
      });
      // Re-seeding a device without a credential keeps the one it has.
      const reseeded = await devices.upsert({
        code: 'AN-1',
        parkId: park.id,
        stationId: outlet.id,
        kind: 'analyzer',
      });
      expect(reseeded).toMatchObject({ id: device.id, credentialHash: 'h1' });
      expect(await devices.list()).toHaveLength(1);
    });

    it('stores parameters and discharge permits', async () => {
      const parameters = new ParametersRepository(db);
      expect(await parameters.upsertMany(WATER_PARAMETERS)).toBe(WATER_PARAMETERS.length);
      expect(await parameters.upsertMany(WATER_PARAMETERS)).toBe(WATER_PARAMETERS.length);
      const list = await parameters.list();
      expect(list).toHaveLength(WATER_PARAMETERS.length);
      expect(await parameters.findByCode('pH')).toEqual({
        code: 'pH',
        name: 'pH',
        unit: 'pH',
        physicalMin: 0,
        physicalMax: 14,
      });

      const park = await new ParksRepository(db).upsert({ code: 'P', name: 'P' });
      const plant = await new TreatmentPlantsRepository(db).upsert({ code: 'W', parkId: park.id, name: 'W' });
      const station = await new StationsRepository(db).upsert({
        code: 'S',
        plantId: plant.id,
        name: 'S',
        kind: 'outlet',
      });
      const permits = new DischargePermitsRepository(db);
      const first = await permits.insert({
        stationId: station.id,
        standardVersion: 'QCVN40:2011',
        columnCode: 'B',
        kq: 0.9,
        kf: 1.0,
        effectiveFrom: '2024-01-01',
        effectiveTo: '2026-07-01',
      });
      expect(first).toMatchObject({
        permitNumber: null,
        kq: 0.9,
        kf: 1,
        effectiveFrom: '2024-01-01',
        effectiveTo: '2026-07-01',
      });
      await permits.insert({
        stationId: station.id,
        standardVersion: 'QCVN40:2025',
        columnCode: 'A',
        effectiveFrom: '2026-07-01',
      });
      await expect(
        permits.insert({
          stationId: station.id,
          standardVersion: 'QCVN40:2011',
          columnCode: 'A',
          effectiveFrom: '2024-01-01',
        }),
      ).rejects.toThrow(/duplicate key/);
      expect((await permits.listByStation(station.id)).map((p) => p.standardVersion)).toEqual([
        'QCVN40:2011',
        'QCVN40:2025',
      ]);
      expect((await permits.findEffective(station.id, '2026-06-30'))?.columnCode).toBe('B');
      expect((await permits.findEffective(station.id, '2026-07-01'))?.columnCode).toBe('A');
      expect(await permits.findEffective(station.id, '2023-12-31')).toBeNull();

      // Kf with its origin: from the permitted flow, or explicit with a reason (the schema refuses one
      // without it).
      const fromFlow = await permits.insert({
        stationId: station.id,
        standardVersion: 'QCVN40:2011',
        columnCode: 'B',
        kf: 1.0,
        kfSource: 'flow_table',
        permittedFlowM3PerDay: 4500.5,
        effectiveFrom: '2027-01-01',
      });
      expect(fromFlow).toMatchObject({
        kf: 1,
        kfSource: 'flow_table',
        kfReason: null,
        permittedFlowM3PerDay: 4500.5,
      });
      await expect(
        permits.insert({
          stationId: station.id,
          standardVersion: 'QCVN40:2011',
          columnCode: 'B',
          kf: 1.1,
          kfSource: 'explicit',
          effectiveFrom: '2027-02-01',
        }),
      ).rejects.toThrow(/discharge_permits_kf_explicit_reason/);
    });
  });

  describe('readings', () => {
    beforeEach(() => runMigrations(db));

    it('inserts a batch once; a re-delivered batch is reported as duplicates and stored once', async () => {
      const batch = [
        reading('2026-11-27T10:00:00Z', 40),
        reading('2026-11-27T10:05:00Z', 41),
        reading('2026-11-27T10:05:00Z', 7.1, 0, 'pH'),
      ];
      expect(await readings.insertBatch(batch)).toEqual({ inserted: 3, duplicates: 0 });
      expect(await readings.insertBatch(batch)).toEqual({ inserted: 0, duplicates: 3 });
      expect(await readings.insertBatch([...batch, reading('2026-11-27T10:10:00Z', 42)])).toEqual({
        inserted: 1,
        duplicates: 3,
      });
      expect(await readings.insertBatch([])).toEqual({ inserted: 0, duplicates: 0 });
      expect(await readings.countForStation(STATION)).toBe(4);
      expect(await readings.latestTime(STATION)).toEqual(at('2026-11-27T10:10:00Z'));
      expect(await readings.latestTime(999)).toBeNull();
    });

    it('inside a transaction (COPY where the driver streams it) stores a batch, and falls back to skipping duplicates, within the batch too', async () => {
      const first = [reading('2026-11-27T10:00:00Z', 40), reading('2026-11-27T10:00:00Z', 7.2, 0, 'pH')];
      const inTx = (rows: NewReading[]) =>
        db.transaction((tx) => readings.inTransaction(tx).insertBatch(rows));
      // The pg driver streams COPY on a transaction's connection; the embedded one goes the INSERT way.
      const streams = await db.transaction(async (tx) => typeof tx.copyFrom === 'function');
      expect(streams).toBe(db.features.driver === 'pg');
      expect(await inTx(first)).toEqual({ inserted: 2, duplicates: 0 });
      // One stored reading repeated, one repeated inside the batch, one new: the new one is kept.
      const second = [first[0], reading('2026-11-27T10:05:00Z', 41), reading('2026-11-27T10:05:00Z', 41)];
      expect(await inTx(second)).toEqual({ inserted: 1, duplicates: 2 });
      // The transaction is still usable after the fallback, and what it did commits together.
      await db.transaction(async (tx) => {
        await readings.inTransaction(tx).insertBatch([first[1], reading('2026-11-27T10:10:00Z', 43)]);
        await tx.query(`SELECT 1`);
      });
      expect(await readings.countForStation(STATION)).toBe(4);
      // A text value COPY would misread (tab, backslash) is stored as given.
      expect(await inTx([{ ...reading('2026-11-27T10:15:00Z', 1), parameterCode: 'a\tb\\c' }])).toEqual({
        inserted: 1,
        duplicates: 0,
      });
      const odd = await db.query<{ p: string }>(`SELECT parameter_code AS p FROM readings WHERE value = 1`);
      expect(odd.rows).toEqual([{ p: 'a\tb\\c' }]);
    });

    it('inserts a large batch in bounded statements', async () => {
      const start = at('2026-11-20T00:00:00Z').getTime();
      const big = Array.from({ length: 12_000 }, (_, i) => ({
        ...reading('2026-11-20T00:00:00Z', i % 100),
        time: new Date(start + i * 60_000),
      }));
      expect(await readings.insertBatch(big)).toEqual({ inserted: 12_000, duplicates: 0 });
      expect(await readings.countForStation(STATION)).toBe(12_000);
    });

    it('finds raw readings newest first', async () => {
      await readings.insertBatch([
        reading('2026-11-27T10:00:00Z', 40),
        reading('2026-11-27T10:05:00Z', 41, 1),
        reading('2026-11-27T10:05:00Z', 7.1, 0, 'pH'),
        reading('2026-11-27T11:00:00Z', 43),
      ]);
      const range = { from: at('2026-11-27T10:00:00Z'), to: at('2026-11-27T11:00:00Z') };
      const raw = await readings.findRaw(STATION, { ...range, limit: 10 });
      expect(raw.map((r) => [r.time.toISOString(), r.parameterCode, r.value, r.status])).toEqual([
        ['2026-11-27T10:05:00.000Z', 'COD', 41, 1],
        ['2026-11-27T10:05:00.000Z', 'pH', 7.1, 0],
        ['2026-11-27T10:00:00.000Z', 'COD', 40, 0],
      ]);
      expect(raw[0].receivedAt).toBeInstanceOf(Date);
      expect(await readings.findRaw(STATION, { ...range, parameter: 'COD', limit: 1 })).toHaveLength(1);
    });

    it('aggregates hours and local (Asia/Ho_Chi_Minh) days; 01/02 readings count but are not averaged', async () => {
      await readings.insertBatch([
        reading('2026-11-27T10:05:00Z', 10),
        reading('2026-11-27T10:20:00Z', 20),
        reading('2026-11-27T10:40:00Z', 1000, 1), // calibrating
        reading('2026-11-27T10:50:00Z', 999, 2), // device error
        reading('2026-11-27T16:30:00Z', 30), // 23:30 local on the 27th
        reading('2026-11-27T17:30:00Z', 50), // 00:30 local on the 28th
      ]);
      const hourly = await readings.findBucketed(STATION, 'hour', {
        from: at('2026-11-27T00:00:00Z'),
        to: at('2026-11-28T00:00:00Z'),
        parameter: 'COD',
      });
      expect(hourly).toEqual([
        {
          bucket: at('2026-11-27T10:00:00Z'),
          parameterCode: 'COD',
          avgValue: 15,
          minValue: 10,
          maxValue: 20,
          validCount: 2,
          totalCount: 4,
        },
        {
          bucket: at('2026-11-27T16:00:00Z'),
          parameterCode: 'COD',
          avgValue: 30,
          minValue: 30,
          maxValue: 30,
          validCount: 1,
          totalCount: 1,
        },
        {
          bucket: at('2026-11-27T17:00:00Z'),
          parameterCode: 'COD',
          avgValue: 50,
          minValue: 50,
          maxValue: 50,
          validCount: 1,
          totalCount: 1,
        },
      ]);
      const daily = await readings.findBucketed(STATION, 'day', {
        from: at('2026-11-20T00:00:00Z'),
        to: at('2026-12-01T00:00:00Z'),
      });
      expect(daily.map((d) => [d.bucket.toISOString(), d.avgValue, d.validCount, d.totalCount])).toEqual([
        ['2026-11-26T17:00:00.000Z', 20, 3, 5], // local day 2026-11-27
        ['2026-11-27T17:00:00.000Z', 50, 1, 1], // local day 2026-11-28
      ]);
      const filled = await readings.findBucketedFilled(STATION, 'hour', {
        from: at('2026-11-27T15:00:00Z'),
        to: at('2026-11-27T18:00:00Z'),
        parameter: 'COD',
      });
      expect(filled.map((b) => [b.bucket.toISOString(), b.avgValue, b.totalCount])).toEqual([
        ['2026-11-27T15:00:00.000Z', null, 0],
        ['2026-11-27T16:00:00.000Z', 30, 1],
        ['2026-11-27T17:00:00.000Z', 50, 1],
      ]);
      const days = await readings.findBucketedFilled(STATION, 'day', {
        from: at('2026-11-25T17:00:00Z'),
        to: at('2026-11-28T17:00:00Z'),
        parameter: 'COD',
      });
      expect(days.map((b) => [b.bucket.toISOString(), b.validCount])).toEqual([
        ['2026-11-25T17:00:00.000Z', 0],
        ['2026-11-26T17:00:00.000Z', 3],
        ['2026-11-27T17:00:00.000Z', 1],
      ]);
    });

    it('shows the not-yet-materialized tail in readings_hourly without a refresh', async () => {
      const now = at('2026-11-27T11:00:00Z');
      const hourly = async () =>
        (
          await readings.findBucketed(STATION, 'hour', {
            from: at('2026-11-27T00:00:00Z'),
            to: at('2026-11-28T00:00:00Z'),
          })
        ).map((b) => [b.bucket.toISOString(), b.avgValue]);
      await readings.insertBatch([reading('2026-11-27T09:10:00Z', 10), reading('2026-11-27T10:10:00Z', 20)]);
      // Materializes up to 11:00 where continuous aggregates exist; a no-op for the plain views.
      await readings.maintain({ retentionDays: 0, compressAfterDays: 0, now });
      await readings.insertBatch([reading('2026-11-27T11:10:00Z', 30), reading('2026-11-27T11:20:00Z', 50)]);
      expect(await hourly()).toEqual([
        ['2026-11-27T09:00:00.000Z', 10],
        ['2026-11-27T10:00:00.000Z', 20],
        ['2026-11-27T11:00:00.000Z', 40],
      ]);

      // A late reading in an hour already materialized shows only after the next refresh (real-time
      // aggregation covers what lies after the watermark); the plain views show it at once.
      await readings.insertBatch([reading('2026-11-27T09:20:00Z', 30)]);
      expect((await hourly())[0]).toEqual([
        '2026-11-27T09:00:00.000Z',
        db.features.continuousAggregates ? 10 : 20,
      ]);
      await readings.maintain({ retentionDays: 0, compressAfterDays: 0, now });
      expect((await hourly())[0]).toEqual(['2026-11-27T09:00:00.000Z', 20]);
    });

    it('maintains: refreshes aggregates, compresses old chunks and applies retention', async () => {
      const now = at('2026-11-27T12:00:00Z');
      await readings.insertBatch([
        reading('2026-10-10T12:00:00Z', 1), // 48 days old: beyond retention
        reading('2026-11-07T12:00:00Z', 2), // 20 days old: compressed
        reading('2026-11-26T12:00:00Z', 3), // recent
      ]);
      const result = await readings.maintain({ retentionDays: 30, compressAfterDays: 7, now });
      if (db.features.continuousAggregates) {
        expect(result).toEqual({
          refreshed: ['readings_hourly', 'readings_daily'],
          compressedChunks: 2,
          droppedChunks: 1,
          deletedRows: 0,
        });
      } else {
        expect(result).toEqual({ refreshed: [], compressedChunks: 0, droppedChunks: 0, deletedRows: 1 });
      }
      expect(await readings.countForStation(STATION)).toBe(2);
      // Compressed chunks still take inserts and still refuse duplicates.
      expect(
        await readings.insertBatch([reading('2026-11-07T12:00:00Z', 2), reading('2026-11-07T13:00:00Z', 4)]),
      ).toEqual({
        inserted: 1,
        duplicates: 1,
      });
      const old = await readings.findRaw(STATION, {
        from: at('2026-11-07T00:00:00Z'),
        to: at('2026-11-08T00:00:00Z'),
        limit: 10,
      });
      expect(old.map((r) => r.value)).toEqual([4, 2]);
      const again = await readings.maintain({ retentionDays: 30, compressAfterDays: 7, now });
      expect(again.droppedChunks + again.deletedRows).toBe(0);
      expect(await readings.applyRetentionPolicy(30)).toBe(false); // no background jobs here
    });
  });

  describe('ingestion companions', () => {
    beforeEach(() => runMigrations(db));

    it('quarantines refused messages with their raw bytes and problems as reason codes', async () => {
      const quarantine = new QuarantineRepository(db);
      const payload = Buffer.from([0x7b, 0xff, 0x00, 0x7d]); // not even UTF-8
      const bounds = {
        code: 'VALUE_OUT_OF_PHYSICAL_BOUNDS' as const,
        params: { parameter: 'pH', value: 15.2, min: 0, max: 14, unit: '' },
      };
      const unit = {
        code: 'UNIT_NOT_ACCEPTED' as const,
        params: { parameter: 'COD', unit: 'kg', accepted: 'mg/L' },
      };
      expect(
        await quarantine.insertMany([
          {
            topic: 'hp/v1/parks/P/stations/S/telemetry',
            clientId: 'dev-1',
            payload,
            receivedAt: at('2026-11-27T01:00:00Z'),
            problems: [{ index: null, source: null, reason: { code: 'PAYLOAD_NOT_JSON', params: {} } }],
          },
          {
            topic: 't2',
            clientId: null,
            payload: Buffer.from('{}'),
            receivedAt: at('2026-11-27T02:00:00Z'),
            problems: [
              { index: 0, source: null, reason: bounds },
              { index: 3, source: 'stations[1] (P/S)', reason: unit },
            ],
          },
        ]),
      ).toBe(2);
      const [newest, older] = await quarantine.listRecent(10);
      expect(newest).toMatchObject({
        topic: 't2',
        clientId: null,
        problems: [
          { index: 0, source: null, reason: bounds },
          { index: 3, source: 'stations[1] (P/S)', reason: unit },
        ],
      });
      expect(older.payload.equals(payload)).toBe(true);
      expect(await quarantine.count()).toBe(2);
    });

    it('marks station-days for recomputation idempotently', async () => {
      const marks = new RecomputeMarksRepository(db);
      await marks.mark([
        { stationId: 1, day: '2026-11-27' },
        { stationId: 1, day: '2026-11-27' },
        { stationId: 2, day: '2026-11-20' },
      ]);
      await marks.mark([{ stationId: 1, day: '2026-11-27' }]);
      expect((await marks.list()).map((m) => [m.stationId, m.day])).toEqual([
        [2, '2026-11-20'],
        [1, '2026-11-27'],
      ]);
    });

    it('keeps a mark whose recompute failed in back-off, counts it in the backlog, then acknowledges it', async () => {
      const marks = new RecomputeMarksRepository(db);
      await marks.mark([
        { stationId: 31, day: '2026-11-25' },
        { stationId: 32, day: '2026-11-25' },
      ]);
      const taken = (await marks.take(1000)).filter((m) => m.stationId === 31 || m.stationId === 32);
      expect(taken.map((m) => [m.stationId, m.attempts])).toEqual([
        [31, 0],
        [32, 0],
      ]);
      const hour = 3_600_000;
      await marks.retryLater([taken[0]], 'injected', { firstRetryMs: hour, maxRetryMs: hour });
      expect((await marks.take(1000)).map((m) => m.stationId)).not.toContain(31);
      const backlog = await marks.backlog();
      expect(backlog.failing).toBe(1);
      expect(backlog.waiting).toBeGreaterThanOrEqual(2);
      expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
      await marks.acknowledge(taken);
      expect((await marks.list()).filter((m) => m.stationId === 31 || m.stationId === 32)).toEqual([]);
      expect((await marks.backlog()).failing).toBe(0);
    });

    it('stores exact values, millisecond times and any parameter text through the array literals', async () => {
      const readings = new ReadingsRepository(db);
      const time = at('2026-11-27T01:02:03.456Z');
      await readings.insertBatch([
        { time, stationId: 11, parameterCode: 'we"ird\\code', value: 0.1 + 0.2, status: 2 },
        { time, stationId: 11, parameterCode: 'COD', value: -1.5e-7, status: 0 },
      ]);
      const rows = await readings.findRaw(11, {
        from: at('2026-11-27T00:00:00Z'),
        to: at('2026-11-28T00:00:00Z'),
        limit: 5,
      });
      expect(rows.map((r) => [r.parameterCode, r.value, r.status, r.time.toISOString()])).toEqual([
        ['COD', -1.5e-7, 0, '2026-11-27T01:02:03.456Z'],
        ['we"ird\\code', 0.1 + 0.2, 2, '2026-11-27T01:02:03.456Z'],
      ]);
    });

    it('writes readings inside a caller transaction that can roll back', async () => {
      const readings = new ReadingsRepository(db);
      await expect(
        db.transaction(async (tx) => {
          await readings
            .inTransaction(tx)
            .insertBatch([
              { time: at('2026-11-27T00:00:00Z'), stationId: 9, parameterCode: 'COD', value: 1, status: 0 },
            ]);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await readings.countForStation(9)).toBe(0);
    });
  });

  describe('reading corrections', () => {
    beforeEach(() => runMigrations(db));

    const correction = (iso: string, change: Record<string, unknown>, parameterCode = 'COD') =>
      ({
        stationId: STATION,
        parameterCode,
        time: at(iso),
        reason: 'analyzer drift found at calibration',
        author: 'officer',
        withdrawn: false,
        ...change,
      }) as Parameters<ReadingCorrectionsRepository['append']>[0];

    it('refuses to update a reading in place, whatever the SQL, and still inserts, skips duplicates and deletes', async () => {
      await readings.insertBatch([reading('2026-11-27T10:00:00Z', 40), reading('2026-10-01T10:00:00Z', 1)]);
      await expect(db.query(`UPDATE readings SET value = 1`)).rejects.toThrow(/never updated in place/);
      await expect(
        db.query(
          `INSERT INTO readings (time, station_id, parameter_code, value, status)
           VALUES ('2026-11-27T10:00:00Z', $1, 'COD', 99, 0)
           ON CONFLICT (station_id, parameter_code, time) DO UPDATE SET value = EXCLUDED.value`,
          [STATION],
        ),
      ).rejects.toThrow(/never updated in place/);
      // The write paths of ingestion are untouched: COPY (pg, in a transaction), INSERT ... ON CONFLICT DO NOTHING.
      expect(
        await db.transaction((tx) =>
          readings.inTransaction(tx).insertBatch([reading('2026-11-27T10:05:00Z', 41)]),
        ),
      ).toEqual({ inserted: 1, duplicates: 0 });
      expect(await readings.insertBatch([reading('2026-11-27T10:00:00Z', 40)])).toEqual({
        inserted: 0,
        duplicates: 1,
      });
      // Retention still removes old readings (DELETE on plain PostgreSQL, drop_chunks on TimescaleDB).
      await readings.maintain({ retentionDays: 30, compressAfterDays: 0, now: at('2026-11-27T12:00:00Z') });
      const raw = await readings.findRaw(STATION, {
        from: at('2026-01-01T00:00:00Z'),
        to: at('2027-01-01T00:00:00Z'),
        limit: 10,
      });
      expect(raw.map((r) => r.value)).toEqual([41, 40]);
      if (db.features.compression) {
        // A compressed chunk refuses an update too.
        await readings.maintain({ retentionDays: 0, compressAfterDays: 1, now: at('2026-11-30T00:00:00Z') });
        await expect(
          db.query(`UPDATE readings SET value = 1 WHERE station_id = $1`, [STATION]),
        ).rejects.toThrow(/never updated in place/);
      }
    });

    it('records corrections of stored readings as a chain, keeps the original, and refuses to change them', async () => {
      const corrections = new ReadingCorrectionsRepository(db);
      await readings.insertBatch([reading('2026-11-27T10:00:00Z', 400), reading('2026-11-27T10:05:00Z', 41)]);
      expect(await corrections.append(correction('2026-11-27T10:01:00Z', { value: 1, status: 0 }))).toEqual({
        outcome: 'no_reading',
      });
      const first = await corrections.append(correction('2026-11-27T10:00:00Z', { value: 40, status: 0 }));
      expect(first).toEqual({
        outcome: 'appended',
        correction: {
          id: expect.any(Number),
          stationId: STATION,
          parameterCode: 'COD',
          time: at('2026-11-27T10:00:00Z'),
          withdrawn: false,
          value: 40,
          status: 0,
          originalValue: 400,
          originalStatus: 0,
          reason: 'analyzer drift found at calibration',
          author: 'officer',
          createdAt: expect.any(Date),
          supersedes: null,
        },
        before: { withdrawn: false, value: 400, status: 0 },
      });
      const firstId = first.outcome === 'appended' ? first.correction.id : -1;
      const second = await corrections.append(
        correction('2026-11-27T10:00:00Z', { withdrawn: true, reason: 'sample line blocked' }),
      );
      expect(second).toMatchObject({
        outcome: 'appended',
        correction: { withdrawn: true, value: null, status: null, originalValue: 400, supersedes: firstId },
        before: { withdrawn: false, value: 40, status: 0 },
      });
      const listed = await corrections.listForStation(STATION, {
        from: at('2026-11-27T00:00:00Z'),
        to: at('2026-11-28T00:00:00Z'),
        limit: 10,
      });
      expect(listed.map((c) => [c.withdrawn, c.value, c.reason])).toEqual([
        [true, null, 'sample line blocked'],
        [false, 40, 'analyzer drift found at calibration'],
      ]);
      expect(listed[1]).toEqual(first.outcome === 'appended' ? first.correction : null);
      // The reading itself is unchanged.
      expect(
        (
          await readings.findRaw(STATION, {
            from: at('2026-11-27T10:00:00Z'),
            to: at('2026-11-27T10:01:00Z'),
            limit: 1,
          })
        )[0].value,
      ).toBe(400);

      // The database holds the rules whatever the SQL: append-only, a reason and an author, one chain.
      await expect(db.query(`UPDATE reading_corrections SET reason = 'x'`)).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM reading_corrections`)).rejects.toThrow(/append-only/);
      await expect(db.query(`TRUNCATE reading_corrections`)).rejects.toThrow(/append-only/);
      await expect(
        corrections.append(correction('2026-11-27T10:05:00Z', { value: 1, status: 0, reason: '  ' })),
      ).rejects.toThrow(/check/i);
      await expect(
        corrections.append(correction('2026-11-27T10:05:00Z', { value: 1, status: 0, author: '' })),
      ).rejects.toThrow(/check/i);
      const fork = `INSERT INTO reading_corrections (station_id, parameter_code, time, value, status, original_value,
                      original_status, reason, author, supersedes)
                    VALUES ($1, 'COD', $2, 1, 0, 400, 0, 'r', 'a', $3)`;
      await expect(db.query(fork, [STATION, at('2026-11-27T10:00:00Z'), null])).rejects.toThrow(
        /duplicate key/,
      );
      await expect(db.query(fork, [STATION, at('2026-11-27T10:00:00Z'), firstId])).rejects.toThrow(
        /duplicate key/,
      );
      // A correction can only supersede one of the same reading.
      await expect(db.query(fork, [STATION, at('2026-11-27T10:05:00Z'), listed[0].id])).rejects.toThrow(
        /foreign key/,
      );
      expect(
        await corrections.listForStation(STATION, {
          from: at('2026-11-27T00:00:00Z'),
          to: at('2026-11-28T00:00:00Z'),
          limit: 10,
        }),
      ).toEqual(listed);
      // A value or status left out stays as the reading stands now.
      expect(await corrections.append(correction('2026-11-27T10:05:00Z', { status: 2 }))).toMatchObject({
        outcome: 'appended',
        correction: { value: 41, status: 2, originalValue: 41, supersedes: null },
      });
      expect(await corrections.append(correction('2026-11-27T10:05:00Z', { value: 42 }))).toMatchObject({
        outcome: 'appended',
        correction: { value: 42, status: 2, originalValue: 41, originalStatus: 0 },
      });
    });

    it('keeps one chain when the same reading is corrected concurrently', async () => {
      const corrections = new ReadingCorrectionsRepository(db);
      const other = harness.concurrentOpen ? await store.open() : db;
      try {
        await readings.insertBatch([reading('2026-11-27T10:00:00Z', 400)]);
        const results = await Promise.all(
          [1, 2, 3, 4, 5, 6].map((v) =>
            new ReadingCorrectionsRepository(v % 2 ? db : other).append(
              correction('2026-11-27T10:00:00Z', { value: v, status: 0 }),
            ),
          ),
        );
        const appended = results.flatMap((r) => (r.outcome === 'appended' ? [r.correction] : []));
        expect(results.every((r) => r.outcome === 'appended' || r.outcome === 'corrected_meanwhile')).toBe(
          true,
        );
        expect(appended.length).toBeGreaterThanOrEqual(1);
        const chain = await corrections.listForStation(STATION, {
          from: at('2026-11-27T00:00:00Z'),
          to: at('2026-11-28T00:00:00Z'),
          limit: 10,
        });
        expect(chain.map((c) => c.supersedes)).toEqual([...chain.slice(1).map((c) => c.id), null]);
      } finally {
        if (other !== db) await other.close();
      }
    });

    it("sets flat-lines aside by each parameter's run length and counts them with their sum, max and min", async () => {
      // Local hour 17 of 2026-11-27: COD 5, 5, 5 (a run of 3), 6; pH 7, 7, 7, 7 (a run of 4); Flow 9 x 4.
      const rows: NewReading[] = [];
      for (const [i, minute] of ['00', '05', '10', '15'].entries()) {
        rows.push(reading(`2026-11-27T10:${minute}:00Z`, i < 3 ? 5 : 6));
        rows.push(reading(`2026-11-27T10:${minute}:00Z`, 7, 0, 'pH'));
        rows.push(reading(`2026-11-27T10:${minute}:00Z`, 9, 0, 'Flow'));
      }
      await readings.insertBatch(rows);
      const stats = async (runs: number | ReadonlyMap<string, number>) =>
        (
          await readings.hourWindowStats(STATION, ['COD', 'Flow', 'pH'], '2026-11-27', '2026-11-28', runs)
        ).map((h) => [
          h.parameterCode,
          h.total,
          h.valid,
          h.sum,
          h.setAside,
          h.setAsideSum,
          h.setAsideMax,
          h.setAsideMin,
        ]);
      // COD run length 3: the three 5s set aside; pH 5: none; Flow 0: never screened.
      expect(
        await stats(
          new Map([
            ['COD', 3],
            ['pH', 5],
            ['Flow', 0],
          ]),
        ),
      ).toEqual([
        ['COD', 4, 1, 6, 3, 15, 5, 5],
        ['Flow', 4, 4, 36, 0, null, null, null],
        ['pH', 4, 4, 28, 0, null, null, null],
      ]);
      // One run length for all: 4 sets pH and Flow aside, not COD's run of 3.
      expect(await stats(4)).toEqual([
        ['COD', 4, 4, 21, 0, null, null, null],
        ['Flow', 4, 0, null, 4, 36, 9, 9],
        ['pH', 4, 0, null, 4, 28, 7, 7],
      ]);
    });

    it('judges the latest correction of each reading where asked, and versions each local day', async () => {
      const corrections = new ReadingCorrectionsRepository(db);
      // Local day 2026-11-27, hour 17 (10:xx UTC): COD 10, 20, 1000 (a spike), 30; pH 7.
      await readings.insertBatch([
        reading('2026-11-27T10:00:00Z', 10),
        reading('2026-11-27T10:15:00Z', 20),
        reading('2026-11-27T10:30:00Z', 1000),
        reading('2026-11-27T10:45:00Z', 30, 1),
        reading('2026-11-27T10:00:00Z', 7, 0, 'pH'),
        reading('2026-11-27T18:00:00Z', 50), // 01:00 local on the 28th
      ]);
      const stats = async (applyCorrections: boolean) =>
        (
          await readings.hourWindowStats(STATION, ['COD', 'pH'], '2026-11-27', '2026-11-29', 12, {
            applyCorrections,
          })
        ).map((h) => [h.day, h.parameterCode, h.hour, h.total, h.valid, h.sum, h.max]);
      const original = [
        ['2026-11-27', 'COD', 17, 4, 3, 1030, 1000],
        ['2026-11-27', 'pH', 17, 1, 1, 7, 7],
        ['2026-11-28', 'COD', 1, 1, 1, 50, 50],
      ];
      expect(await stats(false)).toEqual(original);
      expect(await stats(true)).toEqual(original); // no corrections yet: the same
      expect(await corrections.versionsByDay(STATION, '2026-11-27', '2026-11-29')).toEqual(new Map());

      await corrections.append(correction('2026-11-27T10:30:00Z', { value: 100, status: 0 }));
      const latest = await corrections.append(correction('2026-11-27T10:30:00Z', { value: 25, status: 0 }));
      await corrections.append(correction('2026-11-27T10:45:00Z', { value: 31, status: 0 })); // 01 -> valid
      await corrections.append(correction('2026-11-27T10:15:00Z', { withdrawn: true }));
      expect(await stats(false)).toEqual(original); // the originals are still what they were
      expect(await stats(true)).toEqual([
        ['2026-11-27', 'COD', 17, 3, 3, 66, 31], // 10, 25, 31; the withdrawn 20 is gone
        ['2026-11-27', 'pH', 17, 1, 1, 7, 7],
        ['2026-11-28', 'COD', 1, 1, 1, 50, 50],
      ]);
      expect(await corrections.versionsByDay(STATION, '2026-11-27', '2026-11-29')).toEqual(
        new Map([['2026-11-27', { corrections: 4, lastCorrectionId: expect.any(Number) }]]),
      );
      const version = (await corrections.versionsByDay(STATION, '2026-11-27', '2026-11-28')).get(
        '2026-11-27',
      )!;
      expect(version.lastCorrectionId).toBeGreaterThan(
        latest.outcome === 'appended' ? latest.correction.id : 0,
      );
      expect(await corrections.versionsByDay(STATION, '2026-11-28', '2026-11-29')).toEqual(new Map());
      if (db.features.compression) {
        // Corrections apply to compressed chunks alike.
        await readings.maintain({ retentionDays: 0, compressAfterDays: 1, now: at('2026-12-05T00:00:00Z') });
        expect((await stats(true))[0]).toEqual(['2026-11-27', 'COD', 17, 3, 3, 66, 31]);
      }
    });
  });

  describe('audit log', () => {
    beforeEach(() => runMigrations(db));

    it('appends entries and refuses to change or remove them, whatever the SQL', async () => {
      const audit = new AuditLogRepository(db);
      await audit.append({
        actor: 'admin',
        action: 'user.save',
        subject: 'user:x',
        before: null,
        after: { role: 'officer' },
      });
      const [entry] = await audit.list({ subject: 'user:x', limit: 10 });
      expect(entry).toMatchObject({ actor: 'admin', action: 'user.save', after: { role: 'officer' } });
      await expect(db.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      expect(await audit.list({ subject: 'user:x', limit: 10 })).toEqual([entry]);
    });
  });

  describe('alert changes (the live stream) and accounts', () => {
    beforeEach(() => runMigrations(db));

    it('gives each alert change once: the cursor keeps the microseconds the database stores', async () => {
      const alerts = new AlertsRepository(db);
      const rule = await new AlertRulesRepository(db).upsert({ code: 'cursor', kind: 'waste_violation' });
      const open = async (subject: string) =>
        (
          await alerts.openOrRepeat(
            {
              ruleId: rule.id,
              subject,
              kind: 'waste_violation',
              severity: 'warning',
              parkId: null,
              stationId: null,
              message: subject,
              details: {},
              at: new Date(),
            },
            false,
          )
        ).alert;
      const start = await alerts.changeCursorNow();
      const a = await open('lot:A');
      const b = await open('lot:B');
      // Two changes in one millisecond, apart only in microseconds (which a JS Date cannot hold).
      const { rows } = await db.query<{ ms: string }>(
        `SELECT to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC',
                        'YYYY-MM-DD"T"HH24:MI:SS.MS') AS ms`,
      );
      await db.query(`UPDATE alerts SET updated_at = $2 WHERE id = $1`, [a.id, `${rows[0].ms}456Z`]);
      await db.query(`UPDATE alerts SET updated_at = $2 WHERE id = $1`, [b.id, `${rows[0].ms}789Z`]);

      const seen = await alerts.changedSince(start, 10);
      expect(seen.map((c) => c.alert.id)).toEqual([a.id, b.id]);
      expect(seen[1].cursor).toEqual({ at: `${rows[0].ms}789Z`, id: b.id });
      expect(await alerts.changedSince(seen[1].cursor, 10)).toEqual([]); // nothing changed: nothing again
      // Page by page, each change once.
      const first = await alerts.changedSince(start, 1);
      const second = await alerts.changedSince(first[0].cursor, 1);
      expect([...first, ...second].map((c) => c.alert.id)).toEqual([a.id, b.id]);
      expect(await alerts.changedSince(second[0].cursor, 1)).toEqual([]);
      // One acknowledgement: one change.
      await alerts.transition(a.id, 'acknowledged', 'officer', new Date());
      const acknowledged = await alerts.changedSince(seen[1].cursor, 10);
      expect(acknowledged.map((c) => [c.alert.id, c.alert.status])).toEqual([[a.id, 'acknowledged']]);
      expect(await alerts.changedSince(acknowledged[0].cursor, 10)).toEqual([]);
    });

    it('keeps a disabled user disabled when their password is reset', async () => {
      const users = new UsersRepository(db);
      const input = { username: 'reset-me', name: 'U', role: 'officer' as const, passwordHash: 'h1' };
      await users.upsert(input);
      await users.setDisabled('reset-me', true);
      expect((await users.upsert({ ...input, passwordHash: 'h2' })).disabled).toBe(true);
      expect(await users.findByUsername('reset-me')).toMatchObject({ disabled: true, passwordHash: 'h2' });
    });
  });
}
