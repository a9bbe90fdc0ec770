// Golden cases of data capture by each parameter's measurement cadence and of the provisional day in
// progress (issue 16, deliverables 1 and 2), run on both storage drivers like the rest of the set.
//
// Expected records of a whole day = 86,400 s / cadence: 288 at 5 min, 144 at 10 min, 96 at 15 min (COD's
// default), 48 at 30 min (NH4's default), 24 at 60 min. A day in progress expects the slots elapsed so far.
import { Database } from '@hp/storage';
import { addDays } from '@hp/contracts';
import { GoldenWorld, local, series } from './golden-harness';

/** Varies by record (never a flat-line). */
const wobble = (base: number) => (i: number) => base + (i % 5) * 0.1;

const D = '2026-11-20';

export function goldenCadence(open: () => Promise<{ db: Database; cleanup(): Promise<void> }>): void {
  let db: Database;
  let cleanup: () => Promise<void>;
  let world: GoldenWorld;
  beforeAll(async () => {
    ({ db, cleanup } = await open());
    world = new GoldenWorld(db, 'C');
  });
  afterAll(async () => {
    await cleanup();
  });
  afterEach(() => {
    world.clock = null;
  });

  async function judged(stationId: number, day = D) {
    const [station] = await world.stationDays.listForStation(stationId, day, addDays(day, 1));
    const parameters = await world.parameterDays.listForStation(stationId, day, addDays(day, 1));
    return { station, byCode: new Map(parameters.map((p) => [p.parameterCode, p])) };
  }

  it('C1 the seeded default cadences follow the analysers (and the simulator): 5 min continuous, COD 15, NH4/TN/TP 30', async () => {
    const defaults = await world.registry.cadences.defaults();
    expect(Object.fromEntries(defaults)).toMatchObject({
      Flow: 300,
      Temp: 300,
      pH: 300,
      TSS: 300,
      COD: 900,
      NH4: 1800,
      TN: 1800,
      TP: 1800,
    });
  });

  it('C2 a station sending each parameter at its registered cadence with status 00 has 100 % capture', async () => {
    // Registered: Temp, pH, TSS every 5 min (288), COD every 10 min (144), NH4 hourly (24). Every record
    // arrives with status 00: capture 288/288, 144/144, 24/24 = 100 % each -> compliant.
    const { stationId } = await world.park({
      cadences: { Temp: 300, pH: 300, TSS: 300, COD: 600, NH4: 3600 },
    });
    await world.permit(stationId!, { parameters: ['Temp', 'pH', 'TSS', 'COD', 'NH4'] });
    await world.store(stationId!, [
      ...series('Temp', `${D}T00:00`, 288, wobble(28)),
      ...series('pH', `${D}T00:00`, 288, wobble(7)),
      ...series('TSS', `${D}T00:00`, 288, wobble(50)),
      ...series('COD', `${D}T00:00`, 144, wobble(100), 0, 10),
      ...series('NH4', `${D}T00:00`, 24, wobble(5), 0, 60),
    ]);
    await world.engine.recomputeStation(stationId!, D, addDays(D, 1));
    const { station, byCode } = await judged(stationId!);
    expect(station).toMatchObject({ verdict: 'compliant', provisional: false, judgedUntil: null });
    const expected = { Temp: [300, 288], pH: [300, 288], TSS: [300, 288], COD: [600, 144], NH4: [3600, 24] };
    for (const [code, [cadenceSeconds, records]] of Object.entries(expected))
      expect(byCode.get(code)).toMatchObject({
        cadenceSeconds,
        expectedRecords: records,
        totalRecords: records,
        validRecords: records,
        capture: 1,
        verdict: 'compliant',
      });
  });

  it('C3 COD every 15 min and NH4 every 30 min under the default cadences: 96/96 and 48/48 = 100 %', async () => {
    // Before cadences, both counted against 288: 96/288 = 33 % and 48/288 = 17 % -> insufficient data.
    const { stationId } = await world.park({ cadences: 'defaults' });
    await world.permit(stationId!, { parameters: ['COD', 'NH4'] });
    await world.store(stationId!, [
      ...series('COD', `${D}T00:00`, 96, wobble(100), 0, 15),
      ...series('NH4', `${D}T00:00`, 48, wobble(5), 0, 30),
    ]);
    await world.engine.recomputeStation(stationId!, D, addDays(D, 1));
    const { station, byCode } = await judged(stationId!);
    expect(station.verdict).toBe('compliant');
    expect(byCode.get('COD')).toMatchObject({
      cadenceSeconds: 900,
      expectedRecords: 96,
      validRecords: 96,
      capture: 1,
    });
    expect(byCode.get('NH4')).toMatchObject({
      cadenceSeconds: 1800,
      expectedRecords: 48,
      validRecords: 48,
      capture: 1,
    });
  });

  it('C4 a gap in 15-minute COD counts against 96: 72 of 96 = 75 % compliant, 71 of 96 = 73.96 % insufficient', async () => {
    // Gap 00:00-05:45 (24 records missing): 72 / 96 = 75.0 % >= 75 % -> compliant.
    const atThreshold = await world.park({ cadences: 'defaults' });
    await world.permit(atThreshold.stationId!, { parameters: ['COD'] });
    await world.store(atThreshold.stationId!, series('COD', `${D}T06:00`, 72, wobble(100), 0, 15));
    // Gap 00:00-06:00 (25 records missing): 71 / 96 = 73.958 % < 75 % -> insufficient data, named in the reason.
    const below = await world.park({ cadences: 'defaults' });
    await world.permit(below.stationId!, { parameters: ['COD'] });
    await world.store(below.stationId!, series('COD', `${D}T06:15`, 71, wobble(100), 0, 15));
    for (const s of [atThreshold, below]) await world.engine.recomputeStation(s.stationId!, D, addDays(D, 1));

    const ok = await judged(atThreshold.stationId!);
    expect(ok.station.verdict).toBe('compliant');
    expect(ok.byCode.get('COD')).toMatchObject({ expectedRecords: 96, validRecords: 72, capture: 0.75 });
    const short = await judged(below.stationId!);
    expect(short.station.verdict).toBe('insufficient_data');
    expect(short.byCode.get('COD')!.capture).toBeCloseTo(71 / 96, 9);
    expect(short.station.reasons).toEqual([
      {
        code: 'CAPTURE_BELOW_MINIMUM',
        params: {
          parameter: 'COD',
          capture: 0.74,
          minCapture: 0.75,
          valid: 71,
          expected: 96,
          cadenceMinutes: 15,
          soFar: false,
          setAside: 0,
          setAsideRejected: false,
        },
      },
    ]);
  });

  it('C5 a day judged at 08:00 local with perfect data is provisional, compliant, 100 % so far; final after the day and its late-data window', async () => {
    // At 08:00 (28,800 s into the day) the slots elapsed: 96 at 5 min, 32 at 15 min (COD), 16 at 30 min (NH4).
    // Perfect data so far: every one of them, status 00 -> capture 100 % so far, compliant, provisional.
    const { stationId } = await world.park({ cadences: 'defaults' });
    await world.permit(stationId!, { parameters: ['Temp', 'pH', 'TSS', 'COD', 'NH4'] });
    const day = (from: number, count5: number) => [
      ...series('Temp', `${D}T00:00`, count5, wobble(28)).slice(from),
      ...series('pH', `${D}T00:00`, count5, wobble(7)).slice(from),
      ...series('TSS', `${D}T00:00`, count5, wobble(50)).slice(from),
      ...series('COD', `${D}T00:00`, count5 / 3, wobble(100), 0, 15).slice(from / 3),
      ...series('NH4', `${D}T00:00`, count5 / 6, wobble(5), 0, 30).slice(from / 6),
    ];
    await world.store(stationId!, day(0, 96));
    world.clock = local(`${D}T08:00`);
    await world.engine.recomputeStation(stationId!, D, addDays(D, 1));
    let { station, byCode } = await judged(stationId!);
    expect(station).toMatchObject({
      verdict: 'compliant',
      provisional: true,
      judgedUntil: local(`${D}T08:00`),
    });
    for (const [code, records] of Object.entries({ Temp: 96, pH: 96, TSS: 96, COD: 32, NH4: 16 }))
      expect(byCode.get(code)).toMatchObject({ expectedRecords: records, validRecords: records, capture: 1 });

    // The rest of the day arrives; at 00:30 the next day the day has closed but its late-data window (60 min)
    // has not passed: judged whole (288 / 96 / 48 expected) and still provisional. The recompute job's marks
    // get it judged again without new data, and today's day (no data yet) is marked too.
    await world.store(stationId!, day(96, 288));
    world.clock = local(`${addDays(D, 1)}T00:30`);
    expect(await world.engine.markProvisionalDays()).toBeGreaterThanOrEqual(1);
    expect((await world.reader.marks.list()).map((m) => [m.stationId, m.day])).toEqual(
      expect.arrayContaining([
        [stationId, D],
        [stationId, addDays(D, 1)],
      ]),
    );
    await world.engine.recomputeMarked();
    ({ station, byCode } = await judged(stationId!));
    expect(station).toMatchObject({ verdict: 'compliant', provisional: true, judgedUntil: null });
    for (const [code, records] of Object.entries({ Temp: 288, pH: 288, TSS: 288, COD: 96, NH4: 48 }))
      expect(byCode.get(code)).toMatchObject({ expectedRecords: records, validRecords: records, capture: 1 });
    // The next day is in progress, 30 min in, nothing sent: provisional, insufficient so far.
    expect((await judged(stationId!, addDays(D, 1))).station).toMatchObject({
      verdict: 'insufficient_data',
      provisional: true,
    });

    // 01:00 + 1 min: the window has passed; the next pass judges the day final, unchanged otherwise.
    world.clock = local(`${addDays(D, 1)}T01:01`);
    await world.engine.markProvisionalDays();
    await world.engine.recomputeMarked();
    ({ station } = await judged(stationId!));
    expect(station).toMatchObject({ verdict: 'compliant', provisional: false, judgedUntil: null });
    // A final day is not marked again without new data or corrections.
    await world.engine.markProvisionalDays();
    expect((await world.reader.marks.list()).filter((m) => m.stationId === stationId && m.day === D)).toEqual(
      [],
    );
    // The park tile says the period rests on a provisional day (today), then the closed day alone is final.
    const park = await world.views.park(
      (await world.views.parkUnits()).find((u) => u.outlets.some((o) => o.stationId === stationId))!.parkCode,
      D,
      addDays(D, 2),
      addDays(D, 1),
    );
    expect(park).toMatchObject({ provisional: true });
    expect(park.stations[0]).toMatchObject({ provisionalDays: 1, compliantDays: 1 });
    // The closed day alone: final, met.
    const closed = await world.views.park(park.parkCode, D, addDays(D, 1), addDays(D, 1));
    expect(closed).toMatchObject({ status: 'met', provisional: false });
  });
}
