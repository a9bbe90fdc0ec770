import { INestApplication } from '@nestjs/common';
import { ComplianceEngine } from '@hp/compliance';
import { addDays, localDayStart } from '@hp/contracts';
import { UserRole } from '@hp/accounts';
import { ReadingsWriter } from '@hp/readings';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { SeededApi, startSeededApi } from './support/seeded-api';

/**
 * No exceedance hidden (issue 16.3), over the real API app: a late two-hour COD batch at a constant value
 * beyond the limit is set aside by the flat-line screen and the day shows as a suspected exceedance; an
 * officer of the regulator confirms or rejects it (the reviewer is the signed-in user), the day is judged
 * again at once, and the review is listed and audited. Park operators may read but not review; bad
 * requests are 400s naming the field; a day with nothing set aside is a 409.
 */
const DAY = '2026-03-12';

describe('set-aside readings reviewed through the API', () => {
  let api: SeededApi | undefined;
  let app: INestApplication;
  let stationId: number;
  let parkId: number;
  let otherParkId: number;

  const headers = (username: string, role: UserRole, parkIds: number[] = []) =>
    api!.signedIn(username, role, parkIds);
  const officer = () => headers('officer-lan', 'officer');
  async function post(path: string, body: unknown, as = officer()) {
    const response = await api!.request('POST', path, as, body);
    return { status: response.status, body: response.body as Record<string, unknown> };
  }
  const get = (path: string, as = officer()) => api!.request('GET', path, as);
  const reviewPath = (day = DAY) => `/stations/${stationId}/compliance/${day}/set-aside-reviews`;
  type DayView = {
    verdict: string;
    reasons: { code: string; params: Record<string, unknown> }[];
    parameters: { parameterCode: string; setAsideRecords: number; reviewDecision: string | null }[];
    setAsideReviews: { decision: string; reviewer: string; note: string }[];
  };
  const judgedDay = async () =>
    (
      (await get(`/stations/${stationId}/compliance?from=${DAY}&to=${addDays(DAY, 1)}`)).body as {
        days: DayView[];
      }
    ).days[0];

  beforeAll(async () => {
    api = await startSeededApi();
    ({ app } = api);
    const refs = await app.get(RegistryReader).stations.listRefs();
    const ref = refs.find((r) => r.parkCode === 'VSIP-HP')!;
    stationId = ref.id;
    const parks = await app.get(RegistryReader).parks.list();
    parkId = parks.find((p) => p.code === 'VSIP-HP')!.id;
    otherParkId = parks.find((p) => p.code !== 'VSIP-HP')!.id;
    await app.get(RegistryAdmin).recordDischargePermit({
      stationId,
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      effectiveFrom: '2026-01-01',
      parameters: ['COD'],
    });
    // Records 120-143 (10:00-11:55 local) read 495 mg/L each: 3.3 x 150, a flat-line of 24.
    const start = localDayStart(DAY).getTime();
    await app.get(ReadingsWriter).insertReadings(
      Array.from({ length: 288 }, (_, i) => ({
        time: new Date(start + i * 300_000),
        stationId,
        parameterCode: 'COD',
        value: i >= 120 && i < 144 ? 495 : 100 + (i % 5) * 0.1,
        status: 0 as const,
      })),
    );
    await app.get(ComplianceEngine).recomputeStation(stationId, DAY, addDays(DAY, 2));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('shows the day as a suspected exceedance naming the 24 set-aside readings', async () => {
    const day = await judgedDay();
    expect(day.verdict).toBe('suspected_exceedance');
    expect(day.reasons[0]).toEqual({
      code: 'SUSPECTED_EXCEEDANCE',
      params: {
        parameter: 'COD',
        records: 24,
        flatlineRecords: 12,
        value: 495,
        limit: 150,
        bound: 'max',
        unit: 'mg/L',
      },
    });
    expect(day.parameters[0]).toMatchObject({ setAsideRecords: 24, reviewDecision: null });
  });

  it('refuses bad reviews with a 400 naming the field, and a day with nothing set aside with a 409', async () => {
    for (const [body, field] of [
      [{ parameter: 'COD', decision: 'maybe', note: 'x' }, 'decision'],
      [{ parameter: 'XYZ', decision: 'confirmed', note: 'x' }, 'parameter'],
      [{ parameter: 'COD', decision: 'confirmed', note: '  ' }, 'note'],
      [{ parameter: 'COD', decision: 'confirmed', note: 'x', reviewer: 'someone-else' }, 'reviewer'],
      [[], 'body'],
    ] as const) {
      const response = await post(reviewPath(), body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field } });
    }
    expect((await post(`/stations/${stationId}/compliance/2026-02-30/set-aside-reviews`, {})).status).toBe(
      400,
    );
    // The next day has no reading at all: nothing to review.
    const none = await post(reviewPath(addDays(DAY, 1)), {
      parameter: 'COD',
      decision: 'rejected',
      note: 'x',
    });
    expect(none.status).toBe(409);
  });

  it('lets a park operator read the reviews of their park but not review; another park is refused', async () => {
    const operator = headers('operator-vsip', 'park_operator', [parkId]);
    const refused = await post(
      reviewPath(),
      { parameter: 'COD', decision: 'rejected', note: 'ours' },
      operator,
    );
    expect(refused.status).toBe(403);
    expect(
      (await get(`/stations/${stationId}/compliance/set-aside-reviews?from=${DAY}`, operator)).status,
    ).toBe(200);
    const stranger = headers('operator-other', 'park_operator', [otherParkId]);
    expect(
      (await get(`/stations/${stationId}/compliance/set-aside-reviews?from=${DAY}`, stranger)).status,
    ).toBe(403);
    expect((await judgedDay()).verdict).toBe('suspected_exceedance');
  });

  it('confirmed by an officer, the day is an exceedance at once; the review is listed with its reviewer and audited', async () => {
    const confirmed = await post(reviewPath(), {
      parameter: 'COD',
      decision: 'confirmed',
      note: 'Inspection 12/3: bypass valve open 10:00-12:00',
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({
      review: {
        decision: 'confirmed',
        reviewer: 'officer-lan',
        setAsideRecords: 24,
        day: DAY,
        parameterCode: 'COD',
      },
      day: { verdict: 'exceedance' },
    });
    const day = await judgedDay();
    expect(day).toMatchObject({ verdict: 'exceedance', parameters: [{ reviewDecision: 'confirmed' }] });
    expect(day.reasons[0]).toEqual({
      code: 'EXCEEDANCE_HOURLY_MEAN',
      params: {
        parameter: 'COD',
        mean: 495,
        limit: 150,
        bound: 'max',
        unit: 'mg/L',
        hours: 2,
        confirmed: true,
      },
    });
    expect(day.setAsideReviews).toEqual([
      expect.objectContaining({
        decision: 'confirmed',
        reviewer: 'officer-lan',
        note: 'Inspection 12/3: bypass valve open 10:00-12:00',
      }),
    ]);
    const list = await get(`/stations/${stationId}/compliance/set-aside-reviews?from=${DAY}`);
    expect(list.body).toEqual([expect.objectContaining({ decision: 'confirmed', reviewer: 'officer-lan' })]);
    const audit = await get(
      `/admin/audit?subject=station:${(await app.get(RegistryReader).stations.findById(stationId))!.code}`,
      headers('root', 'admin'),
    );
    expect(JSON.stringify(audit.body)).toContain('compliance.set_aside_review');
  });
});
