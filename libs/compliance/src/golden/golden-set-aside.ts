// Golden cases of "no exceedance hidden" (issue 16, deliverable 3), run on both storage drivers like the rest
// of the set. The flat-line screen sets readings aside (identical consecutive values of one local day, at
// least the parameter's run length: the permit's rule for it, else flatline_defaults, else the permit's 12);
// it never drops them unseen: they are counted and named, and one beyond the limit makes the day a suspected
// exceedance until an officer confirms (judged as valid) or rejects (left aside) exactly those readings.
//
// Stations register a 5-minute cadence for every parameter (288 records a day); COD column B is 150 mg/L.
import { Database } from '@hp/storage';
import { AuditTrail } from '@hp/audit';
import { SetAsideReviewsRepository } from '../storage/set-aside-reviews.repository';
import { addDays, DomainError, formatReason } from '@hp/contracts';
import { GoldenWorld, series } from './golden-harness';

/** Varies by record (never a flat-line): mean over whole cycles of 5 is base + 0.2. */
const wobble = (base: number) => (i: number) => base + (i % 5) * 0.1;

const D = '2026-11-21';

export function goldenSetAside(open: () => Promise<{ db: Database; cleanup(): Promise<void> }>): void {
  let db: Database;
  let cleanup: () => Promise<void>;
  let world: GoldenWorld;
  beforeAll(async () => {
    ({ db, cleanup } = await open());
    world = new GoldenWorld(db, 'S');
  });
  afterAll(async () => {
    await cleanup();
  });

  async function judged(stationId: number, day = D) {
    await world.engine.recomputeStation(stationId, day, addDays(day, 1));
    const [station] = await world.stationDays.listForStation(stationId, day, addDays(day, 1));
    const parameters = await world.parameterDays.listForStation(stationId, day, addDays(day, 1));
    return { station, byCode: new Map(parameters.map((p) => [p.parameterCode, p])) };
  }

  async function parkStatus(parkCode: string) {
    return (await world.views.park(parkCode, D, addDays(D, 1), addDays(D, 10))).status;
  }

  it("S1 the seeded flat-line run lengths: Flow never screened, Temp 36 (3 h), pH 24 (2 h); others the permit's 12", async () => {
    expect(Object.fromEntries(await new SetAsideReviewsRepository(db).flatlineDefaults())).toEqual({
      Flow: 0,
      Temp: 36,
      pH: 24,
    });
  });

  it('S2 a late two-hour batch at 3.3 x Cmax with a constant value is a suspected exceedance, named; confirmed it is an exceedance, rejected the day is compliant; both audited', async () => {
    // Cmax = 150 x Kq 0.9 x Kf 1.1 = 148.5 mg/L. Records 120-143 (10:00-11:55) are 24 identical values of 490
    // (3.3 x 148.5 = 490.05): a flat-line (24 >= 12), set aside. The other 264 are valid, 91.7 % capture,
    // hourly means about 100.2: judged on them alone the day would be compliant, and was, with no reason.
    const { parkCode, stationId } = await world.park();
    await world.permit(stationId!, { parameters: ['COD'], kq: 0.9, kf: 1.1 });
    await world.store(
      stationId!,
      series('COD', `${D}T00:00`, 288, (i) => (i >= 120 && i < 144 ? 490 : wobble(100)(i))),
    );
    let { station, byCode } = await judged(stationId!);
    expect(station.verdict).toBe('suspected_exceedance');
    expect(station.reasons).toEqual([
      {
        code: 'SUSPECTED_EXCEEDANCE',
        params: {
          parameter: 'COD',
          records: 24,
          flatlineRecords: 12,
          value: 490,
          limit: 148.5,
          bound: 'max',
          unit: 'mg/L',
        },
      },
    ]);
    // The catalogue words it in Vietnamese numbers for the dashboard, reports, e-mails and webhooks.
    expect(formatReason(station.reasons[0], 'vi')).toBe(
      'COD: nghi vượt chuẩn – 24 giá trị bị tạm loại do đứng yên (12 giá trị liên tiếp giống nhau trở lên), cao nhất 490 > 148,5 mg/L; chờ cán bộ xem xét',
    );
    expect(station.warnings).toContainEqual({
      code: 'READINGS_SET_ASIDE',
      params: {
        parameter: 'COD',
        records: 24,
        flatlineRecords: 12,
        max: 490,
        min: 490,
        unit: 'mg/L',
        beyondLimit: true,
        review: null,
      },
    });
    expect(byCode.get('COD')).toMatchObject({
      verdict: 'suspected_exceedance',
      validRecords: 264,
      setAsideRecords: 24,
      setAsideMax: 490,
      setAsideBeyondLimit: true,
      reviewDecision: null,
      hourExceedances: 0,
      limitMax: 148.5,
    });
    expect(await parkStatus(parkCode)).toBe('suspected_exceedance');

    // Confirmed: the 24 readings are real. Hours 10 and 11 then have 12 valid records each with mean 490 >
    // 148.5: two hourly exceedances. Daily mean (264 x 100.2 + 24 x 490) / 288 = 132.68 <= 148.5.
    const confirmed = await world.reviews.review(
      stationId!,
      D,
      {
        parameterCode: 'COD',
        decision: 'confirmed',
        note: 'Site visit: effluent bypassed the CETP 10:00-12:00',
      },
      'officer-a',
    );
    expect(confirmed.review).toMatchObject({
      decision: 'confirmed',
      setAsideRecords: 24,
      reviewer: 'officer-a',
    });
    expect(confirmed.day.verdict).toBe('exceedance');
    ({ station, byCode } = await judged(stationId!));
    expect(station.reasons).toEqual([
      {
        code: 'EXCEEDANCE_HOURLY_MEAN',
        params: {
          parameter: 'COD',
          mean: 490,
          limit: 148.5,
          bound: 'max',
          unit: 'mg/L',
          hours: 2,
          confirmed: true,
        },
      },
    ]);
    expect(formatReason(station.reasons[0], 'vi')).toBe(
      'COD: trung bình giờ 490 > 148,5 mg/L (2 giờ) – số liệu tạm loại đã được cán bộ xác nhận',
    );
    expect(byCode.get('COD')).toMatchObject({
      verdict: 'exceedance',
      validRecords: 288,
      hourExceedances: 2,
      dayExceedance: false,
      reviewDecision: 'confirmed',
      setAsideRecords: 24,
    });
    expect(byCode.get('COD')!.meanValue).toBeCloseTo(132.68, 2);
    expect(await parkStatus(parkCode)).toBe('exceedance');

    // A later review supersedes: rejected, the readings stay aside and the day is judged on the 264 others.
    const rejected = await world.reviews.review(
      stationId!,
      D,
      { parameterCode: 'COD', decision: 'rejected', note: 'Analyser cell blocked; calibration log 21/11' },
      'officer-b',
    );
    expect(rejected.day.verdict).toBe('compliant');
    ({ station, byCode } = await judged(stationId!));
    expect(station.reasons).toEqual([]);
    expect(byCode.get('COD')).toMatchObject({
      verdict: 'compliant',
      validRecords: 264,
      reviewDecision: 'rejected',
    });
    expect(station.warnings).toContainEqual(
      expect.objectContaining({
        code: 'READINGS_SET_ASIDE',
        params: expect.objectContaining({ review: 'rejected' }),
      }),
    );
    expect(await parkStatus(parkCode)).toBe('met');
    // Both decisions are recorded (the station-day view lists them newest first) and audited.
    const view = await world.views.stationDaily(stationId!, D, addDays(D, 1));
    expect(view.days[0].setAsideReviews.map((r) => [r.decision, r.reviewer])).toEqual([
      ['rejected', 'officer-b'],
      ['confirmed', 'officer-a'],
    ]);
    const audit = (await new AuditTrail(db).list({ subject: `station:${parkCode}-OUT`, limit: 10 })).filter(
      (e) => e.action === 'compliance.set_aside_review',
    );
    expect(audit.map((e) => [e.actor, (e.after as { decision: string }).decision])).toEqual([
      ['officer-b', 'rejected'],
      ['officer-a', 'confirmed'],
    ]);
  });

  it('S3 a whole day at a constant value above Cmax is a suspected exceedance naming 288 set-aside readings, not "0 of 288 valid" without a cause', async () => {
    const { stationId } = await world.park();
    await world.permit(stationId!, { parameters: ['COD'] });
    await world.store(stationId!, series('COD', `${D}T00:00`, 288, 200));
    const { station, byCode } = await judged(stationId!);
    expect(station.verdict).toBe('suspected_exceedance');
    expect(station.reasons).toEqual([
      {
        code: 'SUSPECTED_EXCEEDANCE',
        params: {
          parameter: 'COD',
          records: 288,
          flatlineRecords: 12,
          value: 200,
          limit: 150,
          bound: 'max',
          unit: 'mg/L',
        },
      },
    ]);
    expect(byCode.get('COD')).toMatchObject({ validRecords: 0, setAsideRecords: 288, capture: 0 });
  });

  it('S4 a flat-line within the limit is counted and named: a long one in the capture reason, a short one as a warning', async () => {
    // 80 identical values of 123 <= 150: set aside, 208 valid = 72.2 % < 75 % -> insufficient, and the
    // reason says why the records are missing.
    const long = await world.park();
    await world.permit(long.stationId!, { parameters: ['COD'] });
    await world.store(
      long.stationId!,
      series('COD', `${D}T00:00`, 288, (i) => (i >= 100 && i < 180 ? 123 : wobble(100)(i))),
    );
    const l = await judged(long.stationId!);
    expect(l.station).toMatchObject({
      verdict: 'insufficient_data',
      reasons: [
        {
          code: 'CAPTURE_BELOW_MINIMUM',
          params: {
            parameter: 'COD',
            capture: 0.722,
            minCapture: 0.75,
            valid: 208,
            expected: 288,
            cadenceMinutes: 5,
            soFar: false,
            setAside: 80,
            setAsideRejected: false,
          },
        },
      ],
    });
    // 12 identical values of 123: set aside, 276 valid (95.8 %) -> compliant, with a warning naming them.
    const short = await world.park();
    await world.permit(short.stationId!, { parameters: ['COD'] });
    await world.store(
      short.stationId!,
      series('COD', `${D}T00:00`, 288, (i) => (i >= 100 && i < 112 ? 123 : wobble(100)(i))),
    );
    const s = await judged(short.stationId!);
    expect(s.station).toMatchObject({ verdict: 'compliant', reasons: [] });
    expect(s.station.warnings).toContainEqual({
      code: 'READINGS_SET_ASIDE',
      params: expect.objectContaining({ parameter: 'COD', records: 12, beyondLimit: false, max: 123 }),
    });
  });

  it('S5 per-parameter run lengths: Temp and pH repeat legitimately for an hour; a permit sets its own for COD (6, or 0: never screened)', async () => {
    // Temp 28.5 for 35 records (< 36): valid; 29.1 for 36 records: set aside, 252 of 288 = 87.5 % valid.
    // pH 7.2 for 23 (< 24): every record valid. COD at the permit's own run length 6: 6 identical values
    // are set aside (282 valid); NH4 with 0: 80 identical values all count. Every value is within its limit.
    const { stationId } = await world.park();
    await world.permit(stationId!, {
      parameters: ['Temp', 'pH', 'COD', 'NH4'],
      limits: [
        { parameterCode: 'COD', min: null, max: null, flatlineRecords: 6 },
        { parameterCode: 'NH4', min: null, max: null, flatlineRecords: 0 },
      ],
    });
    await world.store(stationId!, [
      ...series('Temp', `${D}T00:00`, 288, (i) =>
        i >= 60 && i < 95 ? 28.5 : i >= 200 && i < 236 ? 29.1 : wobble(28)(i),
      ),
      ...series('pH', `${D}T00:00`, 288, (i) => (i >= 60 && i < 83 ? 7.2 : wobble(7)(i))),
      ...series('COD', `${D}T00:00`, 288, (i) => (i >= 60 && i < 66 ? 120 : wobble(100)(i))),
      ...series('NH4', `${D}T00:00`, 288, (i) => (i >= 60 && i < 140 ? 4 : wobble(5)(i))),
    ]);
    const { station, byCode } = await judged(stationId!);
    expect(station.verdict).toBe('compliant');
    expect(byCode.get('Temp')).toMatchObject({
      validRecords: 252,
      setAsideRecords: 36,
      setAsideMax: 29.1,
      flatlineRecords: 36,
    });
    expect(byCode.get('pH')).toMatchObject({ validRecords: 288, setAsideRecords: 0, flatlineRecords: 24 });
    expect(byCode.get('COD')).toMatchObject({ validRecords: 282, setAsideRecords: 6, flatlineRecords: 6 });
    expect(byCode.get('NH4')).toMatchObject({ validRecords: 288, setAsideRecords: 0, flatlineRecords: 0 });
  });

  it('S6 a review holds for exactly the readings it saw: late data adding set-aside readings makes the day suspected again', async () => {
    // 24 set aside at 300 > 150 (records 120-143), records 200-215 missing: 248 valid, 86.1 %. Rejected ->
    // compliant. A late batch fills 200-215 with 16 identical values of 300: 40 set aside now, the rejection
    // (of 24) no longer holds -> suspected again.
    const { stationId } = await world.park();
    await world.permit(stationId!, { parameters: ['COD'] });
    const day = series('COD', `${D}T00:00`, 288, (i) => (i >= 120 && i < 144 ? 300 : wobble(100)(i)));
    await world.store(
      stationId!,
      day.filter((_, i) => i < 200 || i >= 216),
    );
    expect((await judged(stationId!)).station.verdict).toBe('suspected_exceedance');
    await world.reviews.review(
      stationId!,
      D,
      { parameterCode: 'COD', decision: 'rejected', note: 'sensor fault' },
      'officer-a',
    );
    expect((await judged(stationId!)).station.verdict).toBe('compliant');
    await world.store(stationId!, series('COD', `${D}T16:40`, 16, 300));
    const { station, byCode } = await judged(stationId!);
    expect(station.verdict).toBe('suspected_exceedance');
    expect(byCode.get('COD')).toMatchObject({ setAsideRecords: 40, reviewDecision: null });
  });

  it('S7 a day with nothing set aside cannot be reviewed (409)', async () => {
    const { stationId } = await world.park();
    await world.permit(stationId!, { parameters: ['COD'] });
    await world.store(stationId!, series('COD', `${D}T00:00`, 288, wobble(100)));
    await judged(stationId!);
    const refused = world.reviews.review(
      stationId!,
      D,
      { parameterCode: 'COD', decision: 'confirmed', note: 'x' },
      'o',
    );
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'NOTHING_SET_ASIDE' },
    });
  });

  it('S8 a batch of recomputes reads flatline_defaults once, judging as before; the next batch reads them again', async () => {
    // pH holds 7.0 for its first 24 records (2 h): set aside by its default run length 24 (S1), not by 30.
    const ph = (i: number) => (i < 24 ? 7 : 7 + (i % 5) * 0.1);
    const stations: number[] = [];
    for (let n = 0; n < 2; n++) {
      const { stationId } = await world.park();
      await world.permit(stationId!, { parameters: ['COD', 'pH'] });
      await world.store(stationId!, [
        ...series('COD', `${D}T00:00`, 288, wobble(100)),
        ...series('pH', `${D}T00:00`, 288, ph),
      ]);
      stations.push(stationId!);
    }
    const pH = async (stationId: number) =>
      (await world.parameterDays.listForStation(stationId, D, addDays(D, 1))).find(
        (p) => p.parameterCode === 'pH',
      );
    const reads = jest.spyOn(SetAsideReviewsRepository.prototype, 'flatlineDefaults');
    try {
      await world.engine.recomputeAll(D, addDays(D, 1), 2);
      expect(reads).toHaveBeenCalledTimes(1);
      for (const stationId of stations)
        expect(await pH(stationId)).toMatchObject({ flatlineRecords: 24, setAsideRecords: 24 });

      reads.mockClear();
      await world.writer.markForRecompute([
        { stationId: stations[0], day: D },
        { stationId: stations[1], day: D },
        { stationId: stations[0], day: addDays(D, 2) },
      ]);
      await world.engine.recomputeMarked();
      expect(world.engine.lastPass).toMatchObject({ failed: 0, dropped: 0 });
      expect(world.engine.lastPass.judged).toBeGreaterThanOrEqual(3);
      expect(reads).toHaveBeenCalledTimes(1);

      // Nothing is kept between batches: a changed default judges the next one.
      await db.query(`UPDATE flatline_defaults SET run_records = 30 WHERE parameter_code = 'pH'`);
      try {
        await world.engine.recomputeStation(stations[0], D, addDays(D, 1));
        expect(await pH(stations[0])).toMatchObject({ flatlineRecords: 30, setAsideRecords: 0 });
      } finally {
        await db.query(`UPDATE flatline_defaults SET run_records = 24 WHERE parameter_code = 'pH'`);
      }
    } finally {
      reads.mockRestore();
    }
  });
}
