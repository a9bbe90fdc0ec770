import { openDatabase, runMigrations } from '@hp/storage';
import { TempDataDir, tempDataDir } from '@hp/testing';
import { ReadingsRepository } from './readings.repository';
import { readingsStorageContract } from './readings-storage.contract';

describe('readings store: embedded TimescaleDB', () => {
  // initdb of a fresh directory takes ~3 s; each test gets its own copy of one fresh, unmigrated database.
  let template: TempDataDir;
  beforeAll(async () => {
    template = await tempDataDir({ prefix: 'hp-readings-template-' });
    await (await openDatabase({ dataDir: template.dir })).close();
  });
  afterAll(() => template.remove());

  readingsStorageContract({
    concurrentOpen: false,
    async createStore() {
      const tmp = await tempDataDir({ prefix: 'hp-readings-', copyFrom: template.dir });
      return { open: () => openDatabase({ dataDir: tmp.dir }), cleanup: () => tmp.remove() };
    },
  });
});

describe('embedded TimescaleDB on a reopened data directory', () => {
  it('keeps its data, and the hypertable and aggregates work after reopening', async () => {
    const tmp = await tempDataDir({ prefix: 'hp-storage-' });
    const at = (iso: string) => new Date(iso);
    try {
      const first = await openDatabase({ dataDir: `${tmp.dir}/db` }); // created when missing
      await runMigrations(first);
      await new ReadingsRepository(first).insertBatch([
        { time: at('2026-11-27T10:00:00Z'), stationId: 1, parameterCode: 'COD', value: 10, status: 0 },
      ]);
      await first.close();

      const db = await openDatabase({ dataDir: `${tmp.dir}/db` });
      try {
        expect(await runMigrations(db)).toEqual({ applied: [] });
        const readings = new ReadingsRepository(db);
        expect(await readings.countForStation(1)).toBe(1);
        // Without LOAD 'timescaledb' on open this insert fails: invalid INSERT on the root table of hypertable.
        await readings.insertBatch([
          { time: at('2026-11-27T10:30:00Z'), stationId: 1, parameterCode: 'COD', value: 20, status: 0 },
        ]);
        const hourly = await readings.findBucketed(1, 'hour', {
          from: at('2026-11-27T00:00:00Z'),
          to: at('2026-11-28T00:00:00Z'),
        });
        expect(hourly.map((b) => [b.avgValue, b.totalCount])).toEqual([[15, 2]]);
        const maintained = await readings.maintain({
          retentionDays: 0,
          compressAfterDays: 1,
          now: at('2026-11-30T00:00:00Z'),
        });
        expect(maintained.compressedChunks).toBe(1);
        expect(
          (
            await readings.findRaw(1, {
              from: at('2026-11-27T00:00:00Z'),
              to: at('2026-11-28T00:00:00Z'),
              limit: 5,
            })
          ).length,
        ).toBe(2);
      } finally {
        await db.close();
      }
    } finally {
      await tmp.remove();
    }
  });
});
