// The golden set: hand-worked cases of the compliance rules, each with its arithmetic. Run on both
// storage drivers (golden.pg.spec.ts, golden.embedded.spec.ts): readings go into the database, the engine
// judges them there (the SQL of hourWindowStats does the validity work), and the stored results are
// compared with the hand-worked ones.
//
// Conventions: stations report every 5 minutes, so a local day expects 288 records and an hour 12;
// a window counts with >= 75 % of them valid (216 a day, 9 an hour); QCVN 40:2011 column B unless said.
import { Database } from '@hp/storage';
import { DischargePermitInput, RegistryReader } from '@hp/registry';
import { NewReading } from '@hp/readings';
import { addDays, formatReason } from '@hp/contracts';
import { PermitLimitsService } from '../kpi/permit-limits.service';
import { resolveKf } from '../standards/permit-limits';
import { shippedCatalogue } from '../standards/standards-catalogue';
import { ParkStandingsRepository } from '../storage/park-standings.repository';
import { fullDay, GoldenWorld, local, series } from './golden-harness';

type Rows = Omit<NewReading, 'stationId'>[];

const D = '2026-11-10';
/**
 * Varies by record (never a flat-line): base + 0, 0.1, 0.2, 0.3, 0.4 in turn; mean base + 0.2 over any
 * multiple of 5 records. Over a day (288 = 57 x 5 + 3): base + (57 x 1.0 + 0.3) / 288 = base + 0.198958;
 * over an hour starting at a multiple of 5 (12 = 2 x 5 + 2): base + (2 x 1.0 + 0.1) / 12 = base + 0.175.
 */
const wobble = (base: number) => (i: number) => base + (i % 5) * 0.1;

interface StationCase {
  name: string;
  permit: Partial<DischargePermitInput>;
  readings: Rows;
  expect: {
    verdict: string;
    parameter?: string;
    validRecords?: number;
    hourExceedances?: number;
    dayExceedance?: boolean;
    limitMax?: number | null;
    limitMin?: number | null;
    meanValue?: number;
  };
}

const STATION_CASES: StationCase[] = [
  {
    // COD daily mean 100 + 57.3 / 288 = 100.198958 <= C 150 x Kq 1 x Kf 1 = 150 -> compliant.
    name: 'COD within column B',
    permit: { parameters: ['COD'], kq: 1, kf: 1 },
    readings: series('COD', `${D}T00:00`, 288, wobble(100)),
    expect: { verdict: 'compliant', limitMax: 150, validRecords: 288, meanValue: 100 + 57.3 / 288 },
  },
  {
    // Cmax = 150 x 0.9 x 1.1 = 148.5; every hourly mean ~160.2 > 148.5, daily mean too -> exceedance.
    name: 'Kq and Kf scale the limit: COD 160 over 148.5',
    permit: { parameters: ['COD'], kq: 0.9, kf: 1.1 },
    readings: series('COD', `${D}T00:00`, 288, wobble(160)),
    expect: { verdict: 'exceedance', limitMax: 148.5, hourExceedances: 24, dayExceedance: true },
  },
  {
    // Cmax 148.5; values 148.0-148.4 (wobble(148)) never exceed it -> compliant.
    name: 'just under a scaled limit: COD 148.4 max against 148.5',
    permit: { parameters: ['COD'], kq: 0.9, kf: 1.1 },
    readings: series('COD', `${D}T00:00`, 288, wobble(148)),
    expect: { verdict: 'compliant', limitMax: 148.5 },
  },
  {
    // Cmax 148.5; values 148.6-149.0, every mean 148.8 > 148.5 -> exceedance by 0.3.
    name: 'just over a scaled limit: COD 148.8 against 148.5',
    permit: { parameters: ['COD'], kq: 0.9, kf: 1.1 },
    readings: series('COD', `${D}T00:00`, 288, wobble(148.6)),
    expect: { verdict: 'exceedance', limitMax: 148.5 },
  },
  {
    // Column A: C = 75; COD mean 80.2 > 75 -> exceedance.
    name: 'column A is stricter: COD 80 over 75',
    permit: { parameters: ['COD'], columnCode: 'A' },
    readings: series('COD', `${D}T00:00`, 288, wobble(80)),
    expect: { verdict: 'exceedance', limitMax: 75 },
  },
  {
    // Column B: C = 150; the same COD 80.2 -> compliant.
    name: 'the same COD 80 under column B',
    permit: { parameters: ['COD'], columnCode: 'B' },
    readings: series('COD', `${D}T00:00`, 288, wobble(80)),
    expect: { verdict: 'compliant', limitMax: 150 },
  },
  {
    // pH range B = 5.5-9; values 5.8-6.2 inside -> compliant.
    name: 'pH inside the column B range',
    permit: { parameters: ['pH'] },
    readings: series('pH', `${D}T00:00`, 288, wobble(5.8)),
    expect: { verdict: 'compliant', limitMin: 5.5, limitMax: 9 },
  },
  {
    // pH range A = 6-9; values 5.6-6.0, every hourly mean ~5.8 < 6 -> exceedance below the minimum.
    name: 'pH below the column A minimum',
    permit: { parameters: ['pH'], columnCode: 'A' },
    readings: series('pH', `${D}T00:00`, 288, wobble(5.6)),
    expect: { verdict: 'exceedance', limitMin: 6, limitMax: 9 },
  },
  {
    // A range is never scaled: with Kq 0.9 x Kf 0.9 a scaled max would be 9 x 0.81 = 7.29 and pH 8.7
    // would exceed it; unscaled 5.5-9 -> compliant.
    name: 'Kq and Kf do not scale the pH range',
    permit: { parameters: ['pH'], kq: 0.9, kf: 0.9 },
    readings: series('pH', `${D}T00:00`, 288, wobble(8.5)),
    expect: { verdict: 'compliant', limitMax: 9 },
  },
  {
    // Temperature is exempt from coefficients: Cmax = 40 (scaled would be 40 x 1.2 x 1.1 = 52.8);
    // Temp mean 41.2 > 40 -> exceedance.
    name: 'temperature takes no coefficients',
    permit: { parameters: ['Temp'], kq: 1.2, kf: 1.1 },
    readings: series('Temp', `${D}T00:00`, 288, wobble(41)),
    expect: { verdict: 'exceedance', limitMax: 40 },
  },
  {
    // 216 valid of 288 = 75.0 % >= 75 % -> the day counts; mean 100.2 -> compliant.
    name: 'capture exactly at the threshold (216 of 288)',
    permit: { parameters: ['COD'] },
    readings: series('COD', `${D}T00:00`, 216, wobble(100)),
    expect: { verdict: 'compliant', validRecords: 216 },
  },
  {
    // 215 of 288 = 74.65 % < 75 % -> insufficient data.
    name: 'capture just below the threshold (215 of 288)',
    permit: { parameters: ['COD'] },
    readings: series('COD', `${D}T00:00`, 215, wobble(100)),
    expect: { verdict: 'insufficient_data', validRecords: 215 },
  },
  {
    // 80 of 288 records in calibration (01): valid 208 = 72.2 % < 75 % -> insufficient data.
    name: 'calibration records are unavailable: 208 of 288 left',
    permit: { parameters: ['COD'] },
    readings: series('COD', `${D}T00:00`, 288, wobble(100), (i) => (i < 80 ? 1 : 0)),
    expect: { verdict: 'insufficient_data', validRecords: 208 },
  },
  {
    // One hour (10:00-10:55) calibrating at COD 900: excluded; valid 276 = 95.8 %, every counted mean
    // 100.2 -> compliant (counted, the 900s would make hour 10 an exceedance).
    name: 'a calibration hour with wild values does not count',
    permit: { parameters: ['COD'] },
    readings: series(
      'COD',
      `${D}T00:00`,
      288,
      (i) => (i >= 120 && i < 132 ? 900 : wobble(100)(i)),
      (i) => (i >= 120 && i < 132 ? 1 : 0),
    ),
    expect: { verdict: 'compliant', validRecords: 276, hourExceedances: 0 },
  },
  {
    // Device error (02) for 3 hours = 36 records: valid 252 = 87.5 % -> compliant.
    name: 'device error records are unavailable but 87.5 % remains',
    permit: { parameters: ['COD'] },
    readings: series('COD', `${D}T00:00`, 288, wobble(100), (i) => (i < 36 ? 2 : 0)),
    expect: { verdict: 'compliant', validRecords: 252 },
  },
  {
    // Hour 10 at COD ~200.2 > 150 -> 1 hourly exceedance; daily mean (276 x 100.2 + 12 x 200.2) / 288
    // = 104.37 <= 150 -> no daily exceedance; verdict exceedance (hourly window judged).
    name: 'one hourly mean over the limit while the daily mean is within',
    permit: { parameters: ['COD'] },
    readings: series('COD', `${D}T00:00`, 288, (i) =>
      i >= 120 && i < 132 ? wobble(200)(i) : wobble(100)(i),
    ),
    expect: { verdict: 'exceedance', hourExceedances: 1, dayExceedance: false },
  },
  {
    // The same readings under a permit judging daily means only: 104.37 <= 150 -> compliant.
    name: 'the same day under a daily-mean-only permit',
    permit: { parameters: ['COD'], windows: ['day'] },
    readings: series('COD', `${D}T00:00`, 288, (i) =>
      i >= 120 && i < 132 ? wobble(200)(i) : wobble(100)(i),
    ),
    expect: { verdict: 'compliant', hourExceedances: 1, dayExceedance: false },
  },
  {
    // Hour 10 has only 8 records (at 300): 8 / 12 = 66.7 % < 75 % -> that hour is not a valid window;
    // day: 284 valid = 98.6 %, mean (276 x 100.2 + 8 x 300) / 284 = 105.83 -> compliant.
    name: 'an hour with too few records is not judged',
    permit: { parameters: ['COD'] },
    readings: series('COD', `${D}T00:00`, 288, (i) =>
      i >= 120 && i < 128 ? 300 + i * 0.001 : wobble(100)(i),
    ).filter((_, i) => i < 128 || i >= 132),
    expect: { verdict: 'compliant', validRecords: 284, hourExceedances: 0 },
  },
  {
    // 80 identical consecutive values (a flat-line, >= 12) are invalid: 208 valid = 72.2 % -> insufficient.
    name: 'a long flat-line makes the day insufficient',
    permit: { parameters: ['COD'] },
    readings: series('COD', `${D}T00:00`, 288, (i) => (i >= 100 && i < 180 ? 123 : wobble(100)(i))),
    expect: { verdict: 'insufficient_data', validRecords: 208 },
  },
  {
    // 11 identical values are below the flat-line count of 12: all 288 valid.
    name: 'eleven identical values are not a flat-line',
    permit: { parameters: ['COD'] },
    readings: series('COD', `${D}T00:00`, 288, (i) => (i >= 100 && i < 111 ? 123 : wobble(100)(i))),
    expect: { verdict: 'compliant', validRecords: 288 },
  },
  {
    // Twelve identical values are a flat-line: 288 - 12 = 276 valid, still 95.8 % -> compliant.
    name: 'twelve identical values are a flat-line',
    permit: { parameters: ['COD'] },
    readings: series('COD', `${D}T00:00`, 288, (i) => (i >= 100 && i < 112 ? 123 : wobble(100)(i))),
    expect: { verdict: 'compliant', validRecords: 276 },
  },
  {
    // Hour 10 at COD ~200.2 > 150 as in case 16, but only COD is judged on daily means (its own rule),
    // while the permit judges hourly and daily: daily mean 104.37 <= 150 -> compliant.
    name: "a parameter's own averaging window overrides the permit's",
    permit: {
      parameters: ['COD'],
      windows: ['hour', 'day'],
      limits: [{ parameterCode: 'COD', min: null, max: null, windows: ['day'] }],
    },
    readings: series('COD', `${D}T00:00`, 288, (i) =>
      i >= 120 && i < 132 ? wobble(200)(i) : wobble(100)(i),
    ),
    expect: { verdict: 'compliant', hourExceedances: 1, dayExceedance: false, limitMax: 150 },
  },
  {
    // The permit states COD <= 120 itself, overriding 150: mean 130.2 > 120 -> exceedance.
    name: "a permit's own limit overrides the standard",
    permit: { parameters: ['COD'], limits: [{ parameterCode: 'COD', min: null, max: 120 }] },
    readings: series('COD', `${D}T00:00`, 288, wobble(130)),
    expect: { verdict: 'exceedance', limitMax: 120 },
  },
  {
    // COD fine (100.2 <= 150) but no NH4 record at all: NH4 capture 0 % -> the station's day is
    // insufficient data (the worst of its parameters).
    name: 'a judged parameter without data makes the day insufficient',
    permit: { parameters: ['COD', 'NH4'] },
    readings: series('COD', `${D}T00:00`, 288, wobble(100)),
    expect: { verdict: 'insufficient_data', parameter: 'NH4', validRecords: 0 },
  },
  {
    // COD fine, NH4 mean 12.2 > C 10 x 1 x 1 -> the station's day is an exceedance.
    name: 'one parameter over the limit makes the station day an exceedance',
    permit: { parameters: ['COD', 'NH4'] },
    readings: [
      ...series('COD', `${D}T00:00`, 288, wobble(100)),
      ...series('NH4', `${D}T00:00`, 288, wobble(12)),
    ],
    expect: { verdict: 'exceedance', parameter: 'NH4', limitMax: 10 },
  },
  {
    // The permit starts the day after: no permit in force -> no_permit.
    name: 'a day before the permit is in force',
    permit: { parameters: ['COD'], effectiveFrom: addDays(D, 1) },
    readings: series('COD', `${D}T00:00`, 288, wobble(100)),
    expect: { verdict: 'no_permit' },
  },
];

export function goldenSet(open: () => Promise<{ db: Database; cleanup(): Promise<void> }>): void {
  let db: Database;
  let cleanup: () => Promise<void>;
  let world: GoldenWorld;
  beforeAll(async () => {
    ({ db, cleanup } = await open());
    world = new GoldenWorld(db, 'G');
  });
  afterAll(async () => {
    await cleanup();
  });

  describe.each(STATION_CASES.map((c, i) => [`${String(i + 1).padStart(2, '0')} ${c.name}`, c] as const))(
    '%s',
    (_name, c) => {
      it(`is judged ${c.expect.verdict}`, async () => {
        const { stationId } = await world.park();
        await world.permit(stationId!, c.permit);
        await world.store(stationId!, c.readings);
        expect(await world.engine.recomputeStation(stationId!, D, addDays(D, 1))).toBe(1);
        const [day] = await world.stationDays.listForStation(stationId!, D, addDays(D, 1));
        expect(day.verdict).toBe(c.expect.verdict);
        if (c.expect.verdict !== 'compliant') expect(day.reasons.length).toBeGreaterThan(0);
        const code = c.expect.parameter ?? c.permit.parameters?.[0];
        const params = await world.parameterDays.listForStation(stationId!, D, addDays(D, 1));
        if (c.expect.verdict === 'no_permit') return expect(params).toEqual([]);
        const p = params.find((r) => r.parameterCode === code)!;
        const { verdict, parameter, meanValue, ...fields } = c.expect;
        if (!parameter) expect(p.verdict).toBe(verdict);
        expect(p).toMatchObject(fields);
        if (meanValue !== undefined) expect(p.meanValue).toBeCloseTo(meanValue, 6);
      });
    },
  );

  it('27 the local day runs 17:00-17:00 UTC: readings at 17:00Z belong to the next day', async () => {
    // Day D: 288 records 00:00-23:55 local (= D-1 17:00Z .. D 16:55Z) at COD 100.2 -> compliant.
    // Then 12 records from D 17:00Z (= D+1 00:00 local) at COD 900: they are D+1's, not D's.
    // D+1: 12 valid (4.2 % capture) but hour 00 is a full valid window at 900 > 150 -> exceedance.
    const { stationId } = await world.park();
    await world.permit(stationId!, { parameters: ['COD'] });
    await world.store(stationId!, [
      ...series('COD', `${D}T00:00`, 288, wobble(100)),
      ...series('COD', `${addDays(D, 1)}T00:00`, 12, (i) => 900 + i),
    ]);
    expect(local(`${addDays(D, 1)}T00:00`).toISOString()).toBe(`${D}T17:00:00.000Z`);
    await world.engine.recomputeStation(stationId!, D, addDays(D, 2));
    const days = await world.stationDays.listForStation(stationId!, D, addDays(D, 2));
    expect(days.map((d) => [d.day, d.verdict])).toEqual([
      [D, 'compliant'],
      [addDays(D, 1), 'exceedance'],
    ]);
    const [p] = await world.parameterDays.listForStation(stationId!, D, addDays(D, 1));
    expect(p.validRecords).toBe(288);
  });

  it('28 late data flips a verdict: the mark left with it gets the day recomputed', async () => {
    // First 276 records without hour 10: 95.8 % capture, mean 100.2 -> compliant.
    // Late: hour 10 (records 120-131) arrives at wobble(400) with its mark -> hour 10 mean
    // 400 + 2.1 / 12 = 400.175 > 150 -> exceedance.
    const { stationId } = await world.park();
    await world.permit(stationId!, { parameters: ['COD'] });
    const all = series('COD', `${D}T00:00`, 288, (i) =>
      i >= 120 && i < 132 ? wobble(400)(i) : wobble(100)(i),
    );
    await world.store(
      stationId!,
      all.filter((_, i) => i < 120 || i >= 132),
    );
    await world.engine.recomputeStation(stationId!, D, addDays(D, 1));
    expect((await world.stationDays.listForStation(stationId!, D, addDays(D, 1)))[0].verdict).toBe(
      'compliant',
    );
    await world.store(stationId!, all.slice(120, 132));
    await world.writer.markForRecompute([{ stationId: stationId!, day: D }]);
    expect(await world.engine.recomputeMarked()).toBeGreaterThanOrEqual(1);
    const [day] = await world.stationDays.listForStation(stationId!, D, addDays(D, 1));
    expect(day.verdict).toBe('exceedance');
    expect(day.reasons).toContainEqual({
      code: 'EXCEEDANCE_HOURLY_MEAN',
      params: {
        parameter: 'COD',
        mean: 400.175,
        limit: 150,
        bound: 'max',
        unit: 'mg/L',
        hours: 1,
        confirmed: false,
      },
    });
    expect(day.reasons.map((r) => formatReason(r, 'vi'))).toContain(
      'COD: trung bình giờ 400,175 > 150 mg/L (1 giờ)',
    );
    expect((await world.reader.marks.list()).filter((m) => m.stationId === stationId)).toEqual([]);
  });

  it('29 a permit change in mid-month applies from its date on, and history is kept', async () => {
    // Column B (150) from Nov 1, column A (75) from Nov 15. COD 100.2 every day Nov 10-19:
    // Nov 10-14 under B: 100.2 <= 150 compliant (5 days); Nov 15-19 under A: 100.2 > 75 exceedance (5 days).
    const { stationId } = await world.park();
    await world.permit(stationId!, { parameters: ['COD'], columnCode: 'B', effectiveFrom: '2026-11-01' });
    await world.permit(stationId!, { parameters: ['COD'], columnCode: 'A', effectiveFrom: '2026-11-15' });
    const days = Array.from({ length: 10 }, (_, i) => addDays(D, i));
    await world.store(
      stationId!,
      days.flatMap((day) => series('COD', `${day}T00:00`, 288, wobble(100))),
    );
    expect(await world.engine.recomputeStation(stationId!, D, addDays(D, 10))).toBe(10);
    const verdicts = (await world.stationDays.listForStation(stationId!, D, addDays(D, 10))).map(
      (d) => d.verdict,
    );
    expect(verdicts).toEqual([...Array(5).fill('compliant'), ...Array(5).fill('exceedance')]);
    const permits = await world.registry.permits.listByStation(stationId!);
    expect(permits.map((p) => [p.columnCode, p.effectiveFrom, p.effectiveTo])).toEqual([
      ['B', '2026-11-01', '2026-11-15'],
      ['A', '2026-11-15', null],
    ]);
  });

  it('30 recomputing is idempotent: the same results, no duplicates', async () => {
    const { stationId } = await world.park();
    await world.permit(stationId!, { parameters: ['COD', 'NH4'] });
    await world.store(stationId!, [...fullDay('COD', D, 100), ...fullDay('NH4', D, 4)]);
    await world.engine.recomputeStation(stationId!, D, addDays(D, 1));
    const first = await world.parameterDays.listForStation(stationId!, D, addDays(D, 1));
    await world.engine.recomputeStation(stationId!, D, addDays(D, 1));
    const second = await world.parameterDays.listForStation(stationId!, D, addDays(D, 1));
    expect(second).toEqual(first);
    expect(second).toHaveLength(2);
  });

  it('31 a correction turns an exceedance into a compliant day; the original stays and the data version advances', async () => {
    // 288 COD records at wobble(100); record 126 (hour 10) reads 2000 -> hour 10 mean
    // (11 x ~100.2 + 2000) / 12 > 150 -> exceedance. An officer corrects it to 100.3: compliant.
    const { stationId } = await world.park();
    await world.permit(stationId!, { parameters: ['COD'] });
    const all = series('COD', `${D}T00:00`, 288, (i) => (i === 126 ? 2000 : wobble(100)(i)));
    await world.store(stationId!, all);
    await world.engine.recomputeStation(stationId!, D, addDays(D, 1));
    const judged = async () => (await world.views.stationDaily(stationId!, D, addDays(D, 1))).days[0];
    const before = await judged();
    expect(before.verdict).toBe('exceedance');
    expect(before.dataVersion).toMatchObject({
      corrections: 0,
      lastCorrectionId: null,
      computedAt: expect.any(Date),
      stale: false,
    });

    // The correction and its mark, as the API records them (one transaction there).
    const correct = async (change: { value: number; status: 0 } | { withdrawn: true }) => {
      const result = await world.writer.appendCorrection({
        stationId: stationId!,
        parameterCode: 'COD',
        time: all[126].time,
        reason: 'air bubble in the COD analyzer cell',
        author: 'officer',
        ...('withdrawn' in change ? change : { withdrawn: false, ...change }),
      });
      await world.writer.markForRecompute([{ stationId: stationId!, day: D }]);
      return result.outcome === 'appended' ? result.correction.id : null;
    };
    const first = await correct({ value: 100.3, status: 0 });
    // Until it is judged again, the stored verdict says which data it used, and that newer exists.
    expect((await judged()).dataVersion).toMatchObject({
      corrections: 0,
      lastCorrectionId: null,
      latest: { corrections: 1, lastCorrectionId: first },
      stale: true,
    });
    expect(await world.engine.recomputeMarked()).toBeGreaterThanOrEqual(1);
    const after = await judged();
    expect(after.verdict).toBe('compliant');
    expect(after.dataVersion).toMatchObject({ corrections: 1, lastCorrectionId: first, stale: false });
    expect(after.dataVersion.computedAt.getTime()).toBeGreaterThanOrEqual(
      before.dataVersion.computedAt.getTime(),
    );
    expect(after.parameters[0]).toMatchObject({ totalRecords: 288, validRecords: 288 });

    // A withdrawal supersedes it: the record no longer counts at all.
    const second = await correct({ withdrawn: true });
    await world.engine.recomputeMarked();
    const withdrawn = await judged();
    expect(withdrawn.verdict).toBe('compliant');
    expect(withdrawn.dataVersion).toMatchObject({ corrections: 2, lastCorrectionId: second, stale: false });
    expect(withdrawn.parameters[0]).toMatchObject({ totalRecords: 287, validRecords: 287 });

    // The reading as received is still stored, unchanged.
    const [stored] = await world.reader.readings.findRaw(stationId!, {
      from: all[126].time,
      to: new Date(all[126].time.getTime() + 1),
      limit: 1,
    });
    expect(stored.value).toBe(2000);
  });

  it('Kf-1 Kf derived from the permitted flow scales the limit, and a day whose measured flow leaves its band is warned', async () => {
    // Permitted flow 4500 m3/day -> band 500 < F <= 5000 -> Kf 1.0 (QCVN 40:2011 Kf table, U);
    // Kq 0.9: COD Cmax = 150 x 0.9 x 1.0 = 135. COD ~136.2 on both days -> exceedance (it would be
    // compliant under the Kf 1.1 of a 50-500 m3/day permit: 148.5).
    // Flow: day D at a fixed-rate 187.5 m3/h all day (a flat-line, which still counts as flow)
    // x 24 = 4500 m3/day, inside the band: no warning. Day D+1 at 250 m3/h x 24 = 6000 m3/day > 5000:
    // FLOW_OUTSIDE_KF_BAND, whose Kf would be 0.9. The verdicts stay as judged (a warning, not a verdict).
    const { stationId } = await world.park();
    const settled = resolveKf(shippedCatalogue(), 'QCVN40:2011', { flowM3PerDay: 4500 });
    expect(settled).toEqual({
      kf: { kf: 1, kfSource: 'flow_table', kfReason: null, permittedFlowM3PerDay: 4500 },
    });
    await world.permit(stationId!, { parameters: ['COD'], kq: 0.9, ...('kf' in settled ? settled.kf : {}) });
    const next = addDays(D, 1);
    await world.store(stationId!, [
      ...series('COD', `${D}T00:00`, 288, wobble(136)),
      ...series('COD', `${next}T00:00`, 288, wobble(136)),
      ...series('Flow', `${D}T00:00`, 288, 187.5),
      ...series('Flow', `${next}T00:00`, 288, 250),
    ]);
    await world.engine.recomputeStation(stationId!, D, addDays(D, 2));
    const days = await world.stationDays.listForStation(stationId!, D, addDays(D, 2));
    expect(days.map((d) => [d.day, d.verdict, d.warnings])).toEqual([
      [D, 'exceedance', []],
      [
        next,
        'exceedance',
        [
          {
            code: 'FLOW_OUTSIDE_KF_BAND',
            params: {
              measuredFlowM3PerDay: 6000,
              flowRecords: 288,
              permitKf: 1,
              bandAboveM3PerDay: 500,
              bandUpToM3PerDay: 5000,
              kfForMeasuredFlow: 0.9,
            },
          },
        ],
      ],
    ]);
    const params = await world.parameterDays.listForStation(stationId!, D, addDays(D, 2));
    expect(params.map((p) => [p.parameterCode, p.limitMax])).toEqual([
      ['COD', 135],
      ['COD', 135],
    ]);
    // The compliance answer carries the warning as it is stored.
    const view = await world.views.stationDaily(stationId!, D, addDays(D, 2));
    expect(view.days[1].warnings?.[0].code).toBe('FLOW_OUTSIDE_KF_BAND');
  });

  it('Kf-2 the limits of a permit: only judged parameters, exact (150 x 0.9 x 1.1 = 148.5), the rest not judged', async () => {
    const { stationId } = await world.park();
    await world.permit(stationId!, {
      parameters: ['COD', 'NH4', 'TOC'],
      kq: 0.9,
      kf: 1.1,
      kfSource: 'explicit',
      kfReason: 'GPMT states Kf 1.1',
    });
    const limits = await new PermitLimitsService(new RegistryReader(db), null).forStation(stationId!, D);
    expect(limits.permit).toMatchObject({
      kq: 0.9,
      kf: 1.1,
      kfSource: 'explicit',
      kfReason: 'GPMT states Kf 1.1',
      permittedFlowM3PerDay: null,
      kfBand: { aboveM3PerDay: 50, upToM3PerDay: 500 },
    });
    // NH4: 10 x 0.9 x 1.1 = 9.9 (binary arithmetic gives 9.900000000000002).
    expect(limits.limits).toEqual([
      {
        parameter: 'COD',
        min: null,
        max: 148.5,
        basis: 'QCVN40:2011 column B: C 150 x Kq 0.9 x Kf 1.1 = 148.5',
      },
      { parameter: 'NH4', min: null, max: 9.9, basis: 'QCVN40:2011 column B: C 10 x Kq 0.9 x Kf 1.1 = 9.9' },
    ]);
    // TOC is judged by the permit but QCVN 40:2011 has no limit for it; TSS, pH, ... are not in the permit.
    expect(limits.notJudged).toContainEqual({ parameter: 'TOC', reason: 'NO_LIMIT' });
    expect(limits.notJudged).toContainEqual({ parameter: 'TSS', reason: 'NOT_IN_PERMIT' });
    expect(limits.notJudged).toContainEqual({ parameter: 'pH', reason: 'NOT_IN_PERMIT' });
    expect(limits.limits.map((l) => l.parameter)).not.toContain('TSS');
  });
}

/** KPI cases: each needs a database of its own (the KPI counts every park). */
export function goldenKpi(open: () => Promise<{ db: Database; cleanup(): Promise<void> }>): void {
  const NOV = { from: '2026-11-01', to: '2026-12-01', today: '2026-11-30' };

  async function monthOfData(
    world: GoldenWorld,
    stationId: number,
    days: number,
    cod: number,
  ): Promise<void> {
    await world.permit(stationId, { parameters: ['COD'], effectiveFrom: '2026-10-01' });
    for (let d = 0; d < days; d++)
      await world.store(stationId, series('COD', `${addDays(NOV.from, d)}T00:00`, 288, wobble(cod)));
    await world.engine.recomputeStation(stationId, NOV.from, NOV.to);
  }

  it('31 the city KPI: operating parks meeting the standard over the month, and why the others do not', async () => {
    const { db, cleanup } = await open();
    try {
      const world = new GoldenWorld(db, 'K');
      // Park 1: 30 compliant days (COD 100.2 <= 150) -> met.
      const p1 = await world.park();
      await monthOfData(world, p1.stationId!, 30, 100);
      // Park 2: 30 days at COD 160.2 > 150 -> exceedance.
      const p2 = await world.park();
      await monthOfData(world, p2.stationId!, 30, 160);
      // Park 3: operating, but its plant is under construction -> no operating plant.
      const p3 = await world.park({ plantStatus: 'under_construction' });
      // Park 4: compliant data on 20 of 30 days only: 20 / 30 = 66.7 % < 75 % -> insufficient data.
      const p4 = await world.park();
      await monthOfData(world, p4.stationId!, 20, 100);
      // Park 5: planned (not operating), no plant: outside the KPI.
      await world.park({ parkStatus: 'planned', plantStatus: null });
      // KPI = met / operating = 1 / 4 = 0.25.
      const kpi = await world.views.kpi('month', '2026-11-10', NOV.today);
      expect(kpi.period).toEqual({ kind: 'month', from: NOV.from, to: NOV.to });
      expect(kpi.daysJudged).toBe(30);
      expect([kpi.operatingParks, kpi.parksMeetingStandard, kpi.share]).toEqual([4, 1, 0.25]);
      const why = Object.fromEntries(kpi.notMeeting.map((p) => [p.parkCode, p.status]));
      expect(why).toEqual({
        [p2.parkCode]: 'exceedance',
        [p3.parkCode]: 'no_operating_plant',
        [p4.parkCode]: 'insufficient_data',
      });
      expect(kpi.notMeeting.find((p) => p.parkCode === p4.parkCode)!.reasons).toContainEqual({
        code: 'PARK_STATION_LOW_COMPLIANCE',
        params: expect.objectContaining({ compliantDays: 20, days: 30, minShare: 0.75 }),
      });
      // The trend's last month is November, with the same figures; October had no results.
      expect(kpi.monthlyTrend).toHaveLength(12);
      expect(kpi.monthlyTrend.at(-1)).toEqual({
        month: '2026-11',
        operatingParks: 4,
        parksMeetingStandard: 1,
        share: 0.25,
      });
      expect(kpi.monthlyTrend.at(-2)!.parksMeetingStandard).toBe(0);
      // The same period judged on Nov 10 counts 10 days: park 4 then has 10 of 10 compliant -> met.
      const early = await world.views.kpi('month', '2026-11-10', '2026-11-10');
      expect([early.daysJudged, early.parksMeetingStandard]).toEqual([10, 2]);
      // A quarter and a year hold the month.
      expect((await world.views.kpi('quarter', '2026-11-10', NOV.today)).period).toEqual({
        kind: 'quarter',
        from: '2026-10-01',
        to: '2027-01-01',
      });
      expect((await world.views.kpi('year', '2026-11-10', NOV.today)).period.from).toBe('2026-01-01');
      // One park's month view lists its station with its day counts: the month was recomputed as a whole,
      // so the 10 days without readings are judged insufficient (0 % capture), not missing.
      const view = await world.views.park(p4.parkCode, NOV.from, NOV.to, NOV.today);
      expect(view.stations[0]).toMatchObject({
        days: 30,
        compliantDays: 20,
        insufficientDays: 10,
        missingDays: 0,
        exceedanceDays: 0,
      });
    } finally {
      await cleanup();
    }
  });

  it('31a the KPI evaluates its period by the rule once, and counts what parks_meeting_standard gives', async () => {
    const { db, cleanup } = await open();
    const between = jest.spyOn(ParkStandingsRepository.prototype, 'between');
    const meetingStandard = jest.spyOn(ParkStandingsRepository.prototype, 'meetingStandard');
    const evaluations = (firstDay: string, endDay: string) =>
      [
        ...between.mock.calls.map(([first, end]) => ({ firstDay: first, endDay: end })),
        ...meetingStandard.mock.calls.flatMap(([periods]) => periods),
      ].filter((p) => p.firstDay === firstDay && p.endDay === endDay).length;
    const byTheRule = async (firstDay: string, endDay: string) =>
      (
        await db.query<{ operatingParks: number; parksMeetingStandard: number; share: number | null }>(
          `SELECT operating_parks AS "operatingParks", parks_meeting AS "parksMeetingStandard", share
             FROM parks_meeting_standard($1::date, $2::date)`,
          [firstDay, endDay],
        )
      ).rows[0];
    try {
      const world = new GoldenWorld(db, 'KO');
      const met = await world.park();
      await monthOfData(world, met.stationId!, 30, 100);
      const low = await world.park();
      await monthOfData(world, low.stationId!, 12, 100);
      await world.park({ plantStatus: 'under_construction' });
      // November (30 days judged by Nov 30) is also the trend's last month: one evaluation serves both.
      const month = await world.views.kpi('month', '2026-11-10', NOV.today);
      expect(evaluations(NOV.from, NOV.to)).toBe(1);
      const november = await byTheRule(NOV.from, NOV.to);
      expect(november).toEqual({ operatingParks: 3, parksMeetingStandard: 1, share: 1 / 3 });
      expect(month).toMatchObject(november);
      expect(month.monthlyTrend.at(-1)).toEqual({ month: '2026-11', ...november });
      // A quarter is no trend month: read once too (judged on Nov 12: 12 compliant days of 43, none meets it).
      between.mockClear();
      meetingStandard.mockClear();
      const quarter = await world.views.kpi('quarter', '2026-11-10', '2026-11-12');
      expect(evaluations('2026-10-01', '2026-11-13')).toBe(1);
      expect(quarter).toMatchObject(await byTheRule('2026-10-01', '2026-11-13'));
      // Before the period begins nothing is judged: no share, as the rule says.
      const ahead = await world.views.kpi('month', '2026-12-10', NOV.today);
      expect([ahead.daysJudged, ahead.share]).toEqual([0, null]);
      expect(ahead).toMatchObject(await byTheRule('2026-12-01', '2026-12-01'));
    } finally {
      between.mockRestore();
      meetingStandard.mockRestore();
      await cleanup();
    }
  });
}
