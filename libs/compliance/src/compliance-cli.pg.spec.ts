import { openDatabase } from '@hp/storage';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { openTestStore, TestStore } from '@hp/testing-store';
import { runComplianceCli } from './compliance-cli';

describe('compliance CLI on PostgreSQL', () => {
  let store: TestStore;
  let stationId: number;
  const errors: string[] = [];
  const err = (m: string) => errors.push(m);
  let log: jest.SpyInstance;

  beforeAll(async () => {
    store = await openTestStore('pg', { poolSize: 2 });
    const { db } = store;
    const park = await new RegistryAdmin(db).registerPark({ code: 'CLI', name: 'CLI park' });
    const plant = await new RegistryAdmin(db).registerTreatmentPlant({
      code: 'CLI-CETP',
      parkId: park.id,
      name: 'CETP',
    });
    stationId = (
      await new RegistryAdmin(db).registerStation({
        code: 'CLI-OUT',
        plantId: plant.id,
        name: 'out',
        kind: 'outlet',
      })
    ).id;
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    log.mockRestore();
    await store.cleanup();
  });
  beforeEach(() => (errors.length = 0));

  const env = () => ({ DATABASE_URL: store.connection.databaseUrl! });
  const run = (...argv: string[]) => runComplianceCli(argv, err, env());

  it('permits-add refuses what it cannot record, naming the option', async () => {
    expect(
      await run(
        'permits-add',
        '--station',
        'CLI-OUT',
        '--standard',
        'QCVN40:2011',
        '--column',
        'C',
        '--from',
        '2026-01-01',
      ),
    ).toBe(2);
    expect(errors.pop()).toBe('--column must be one of A, B for QCVN40:2011');
    expect(
      await run(
        'permits-add',
        '--station',
        'CLI-OUT',
        '--standard',
        'QCVN99',
        '--column',
        'B',
        '--from',
        '2026-01-01',
      ),
    ).toBe(2);
    expect(errors.pop()).toContain('--standard must be one of QCVN40:2011, QCVN40:2025');
    expect(
      await run(
        'permits-add',
        '--station',
        'CLI-OUT',
        '--standard',
        'QCVN40:2011',
        '--column',
        'B',
        '--from',
        '2026-02-30',
      ),
    ).toBe(2);
    expect(errors.pop()).toBe('--from must be a date YYYY-MM-DD, got "2026-02-30"');
    expect(
      await run(
        'permits-add',
        '--station',
        'NOPE',
        '--standard',
        'QCVN40:2011',
        '--column',
        'B',
        '--from',
        '2026-01-01',
        '--flow',
        '4500',
      ),
    ).toBe(2);
    expect(errors.pop()).toContain('station "NOPE" does not exist');
    expect(await run('permits-add', '--station', 'CLI-OUT', '--column', 'B')).toBe(2);
    expect(errors.pop()).toContain('--standard is required');
  });

  it('permits-add settles Kf honestly: from --flow, or --kf only with --kf-reason', async () => {
    const add = (...more: string[]) =>
      run(
        'permits-add',
        '--station',
        'CLI-OUT',
        '--standard',
        'QCVN40:2011',
        '--column',
        'B',
        '--from',
        '2026-01-01',
        ...more,
      );
    expect(await add('--kq', '0.9', '--kf', '1.1')).toBe(2);
    expect(errors.pop()).toBe(
      '--kf needs --kf-reason (why the permit states this Kf rather than the one its flow gives)',
    );
    expect(await add('--kq', '0.9')).toBe(2);
    expect(errors.pop()).toBe(
      'QCVN40:2011 scales limits by Kf: give the permitted discharge flow (--flow, m3/day) or --kf with --kf-reason',
    );
    expect(await add('--flow', '-5')).toBe(2);
    expect(errors.pop()).toBe('--flow must be a positive number, got "-5"');
    expect(
      await run(
        'permits-add',
        '--station',
        'CLI-OUT',
        '--standard',
        'QCVN40:2025',
        '--column',
        'A',
        '--from',
        '2026-01-01',
        '--flow',
        '100',
      ),
    ).toBe(2);
    expect(errors.pop()).toBe(
      'QCVN40:2025 has no Kf table to derive Kf from --flow: give --kf with --kf-reason',
    );
    // Nothing was recorded by the refused ones.
    const db = await openDatabase({
      databaseUrl: store.connection.databaseUrl!,
      dataDir: 'unused',
      poolSize: 1,
    });
    try {
      expect(await new RegistryReader(db).permits.listByStation(stationId)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('permits-add records a permit, and a later one closes it on its first day', async () => {
    const add = (column: string, from: string, ...more: string[]) =>
      run(
        'permits-add',
        '--station',
        'CLI-OUT',
        '--standard',
        'QCVN40:2011',
        '--column',
        column,
        '--from',
        from,
        ...more,
      );
    expect(
      await add(
        'B',
        '2026-01-01',
        '--kq',
        '0.9',
        '--kf',
        '1.1',
        '--kf-reason',
        'GPMT-1 art. 4 states Kf 1.1',
        '--parameters',
        'COD,NH4',
        '--number',
        'GPMT-1',
      ),
    ).toBe(0);
    expect(await add('A', '2026-06-01', '--windows', 'day', '--min-capture', '0.8', '--flow', '500')).toBe(0);
    expect(errors).toEqual([]);
    const db = await openDatabase({
      databaseUrl: store.connection.databaseUrl!,
      dataDir: 'unused',
      poolSize: 1,
    });
    try {
      const permits = await new RegistryReader(db).permits.listByStation(stationId);
      expect(
        permits.map((p) => [
          p.permitNumber,
          p.columnCode,
          p.kq,
          p.kf,
          p.kfSource,
          p.kfReason,
          p.permittedFlowM3PerDay,
          p.parameters,
          p.windows,
          p.minCapture,
          p.effectiveFrom,
          p.effectiveTo,
        ]),
      ).toEqual([
        [
          'GPMT-1',
          'B',
          0.9,
          1.1,
          'explicit',
          'GPMT-1 art. 4 states Kf 1.1',
          null,
          ['COD', 'NH4'],
          ['hour', 'day'],
          0.75,
          '2026-01-01',
          '2026-06-01',
        ],
        // 500 m3/day is the top (inclusive) of the 50-500 band: Kf 1.1.
        [
          null,
          'A',
          null,
          1.1,
          'flow_table',
          null,
          500,
          ['Temp', 'pH', 'TSS', 'COD', 'NH4'],
          ['day'],
          0.8,
          '2026-06-01',
          null,
        ],
      ]);
      // Its days were judged from the permit's date on (no readings: insufficient data).
      const days = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM compliance_station_days WHERE station_id = $1`,
        [stationId],
      );
      expect(Number(days.rows[0].n)).toBeGreaterThan(150);
    } finally {
      await db.close();
    }
  });

  it('compliance-recompute judges a range and refuses a reversed one', async () => {
    expect(await run('compliance-recompute', '--from', '2026-03-01', '--to', '2026-03-03')).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toContain(
      'judged 2 station-day(s) of 1 station(s) in [2026-03-01, 2026-03-03)',
    );
    expect(await run('compliance-recompute', '--from', '2026-03-03', '--to', '2026-03-01')).toBe(2);
    expect(errors.pop()).toBe('--to (2026-03-01) must be after --from (2026-03-03)');
  });
});
