// The readings store's contract: one body of tests that both storage drivers must pass
// (readings-storage.pg.spec.ts, readings-storage.embedded.spec.ts): the hypertable or plain table and its
// aggregates, the ingestion write path (COPY, UNNEST), recompute marks and corrections.
import { ReadingStatusValue } from '@hp/contracts';
import { Database, runMigrations } from '@hp/storage';
import { ReadingCorrectionsRepository } from './reading-corrections.repository';
import { ReadingsRepository } from './readings.repository';
import { NewReading } from './readings.types';
import { RecomputeMarksRepository } from './recompute-marks.repository';

/** A fresh, empty store (a database or a data directory) that can be opened, closed and opened again. */
export interface ReadingsTestStore {
  open(): Promise<Database>;
  /** Closes nothing; drops the database or removes the directory. */
  cleanup(): Promise<void>;
}

export interface ReadingsStoreHarness {
  /** Whether two Database instances may be open on one store at once (two processes on a server). */
  concurrentOpen: boolean;
  createStore(): Promise<ReadingsTestStore>;
}

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

export function readingsStorageContract(harness: ReadingsStoreHarness): void {
  let store: ReadingsTestStore;
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

    it("finds each station's latest values (recent by a scan, older expected ones by a probe), last times and counts", async () => {
      await readings.insertBatch([
        reading('2026-11-27T09:00:00Z', 7.2, 0, 'pH'),
        reading('2026-11-27T10:00:00Z', 40),
        reading('2026-11-27T10:05:00Z', 41, 1),
        reading('2026-11-27T10:05:00Z', 7.1, 0, 'pH'),
        reading('2026-11-27T06:00:00Z', 3, 0, 'NH4'),
        { time: at('2026-11-27T08:00:00Z'), stationId: 8, parameterCode: 'COD', value: 90, status: 0 },
        reading('2026-11-27T12:00:00Z', 99), // after asOf
      ]);
      const asOf = at('2026-11-27T10:30:00Z');
      const window = { asOf, recentSeconds: 3600, since: at('2026-11-27T00:00:00Z') };
      const expected = [
        { stationId: STATION, parameterCode: 'NH4' },
        { stationId: STATION, parameterCode: 'TSS' },
        { stationId: 8, parameterCode: 'COD' },
      ];
      const latest = await readings.latestValues([STATION, 8, 9], expected, window);
      expect(
        latest.map((r) => [r.stationId, r.parameterCode, r.time.toISOString(), r.value, r.status]),
      ).toEqual([
        [STATION, 'COD', '2026-11-27T10:05:00.000Z', 41, 1],
        [STATION, 'NH4', '2026-11-27T06:00:00.000Z', 3, 0],
        [STATION, 'pH', '2026-11-27T10:05:00.000Z', 7.1, 0],
        [8, 'COD', '2026-11-27T08:00:00.000Z', 90, 0],
      ]);
      expect(
        await readings.latestValues([STATION], expected, { ...window, since: at('2026-11-27T07:00:00Z') }),
      ).toHaveLength(2);
      expect(await readings.lastMessageTimes([STATION, 8, 9], asOf)).toEqual(
        new Map([
          [STATION, at('2026-11-27T10:05:00Z')],
          [8, at('2026-11-27T08:00:00Z')],
          [9, null],
        ]),
      );
      expect(
        await readings.receivedCounts([STATION, 8], {
          from: at('2026-11-27T09:00:00Z'),
          to: at('2026-11-27T12:00:00Z'),
        }),
      ).toEqual([
        { stationId: STATION, parameterCode: 'COD', total: 2, valid: 1 },
        { stationId: STATION, parameterCode: 'pH', total: 2, valid: 2 },
      ]);
    });

    it('pages an export oldest first by (time, parameter), filtered by parameters', async () => {
      await readings.insertBatch([
        reading('2026-11-27T10:00:00Z', 40),
        reading('2026-11-27T10:00:00Z', 7, 0, 'pH'),
        reading('2026-11-27T10:00:00Z', 30, 0, 'TSS'),
        reading('2026-11-27T10:05:00Z', 41),
        reading('2026-11-27T10:05:00Z', 7.1, 0, 'pH'),
      ]);
      const range = {
        from: at('2026-11-27T10:00:00Z'),
        to: at('2026-11-27T11:00:00Z'),
        parameters: ['COD', 'pH'],
      };
      const seen: string[] = [];
      let after: { time: Date; parameterCode: string } | null = null;
      for (let pages = 0; pages < 5; pages++) {
        const page = await readings.exportPage(STATION, { ...range, after, limit: 2 });
        if (page.length === 0) break;
        seen.push(...page.map((r) => `${r.time.toISOString().slice(11, 16)} ${r.parameterCode} ${r.value}`));
        after = { time: page[page.length - 1].time, parameterCode: page[page.length - 1].parameterCode };
      }
      expect(seen).toEqual(['10:00 COD 40', '10:00 pH 7', '10:05 COD 41', '10:05 pH 7.1']);
      expect(
        await readings.exportPage(STATION, { ...range, parameters: null, after: null, limit: 10 }),
      ).toHaveLength(5);
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

  describe('recompute marks and the ingestion write path', () => {
    beforeEach(() => runMigrations(db));

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
      // CASCADE: the review proposals (0033) refer to corrections, and the foreign key would refuse first.
      await expect(db.query(`TRUNCATE reading_corrections CASCADE`)).rejects.toThrow(/append-only/);
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
}
