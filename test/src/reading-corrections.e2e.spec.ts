import { INestApplication } from '@nestjs/common';
import { ComplianceEngine } from '@hp/compliance';
import { addDays } from '@hp/contracts';
import { UserRole } from '@hp/accounts';
import { RegistryReader } from '@hp/registry';
import { SeededApi, startSeededApi } from './support/seeded-api';
import { seedSpikedDay } from './support/spiked-day';

/**
 * Data integrity over the real API app: an officer corrects a reading (the author is the signed-in user),
 * the original stays stored, the day's verdict is judged again on the corrected data and says which data
 * version it used; bad requests are 400s naming the field, a reading that is not stored a 404.
 */
const DAY = '2026-03-10';
const SPIKE = 126; // record index of the day (hour 10 local) that reads 2000 mg/L

describe('reading corrections through the API', () => {
  let api: SeededApi | undefined;
  let app: INestApplication;
  let stationId: number;
  let otherStationId: number;
  const times: Date[] = [];

  const headers = (username: string, role: UserRole, parkIds: number[] = []) =>
    api!.signedIn(username, role, parkIds);
  // The direct route is the administrators' (officers propose and a second person reviews:
  // correction-review.e2e.spec.ts).
  const officer = () => headers('officer-lan', 'admin');

  async function post(path: string, body: unknown, as = officer()) {
    const response = await api!.request('POST', path, as, body);
    return { status: response.status, body: response.body as Record<string, unknown> };
  }
  async function get<T>(path: string, as = officer()): Promise<T> {
    const response = await api!.request('GET', path, as);
    expect(response.status).toBe(200);
    return response.body as T;
  }
  const correctionsPath = () => `/stations/${stationId}/readings/corrections`;
  type DayView = {
    verdict: string;
    dataVersion: {
      corrections: number;
      lastCorrectionId: number | null;
      computedAt: string;
      latest: { corrections: number; lastCorrectionId: number | null };
      stale: boolean;
    };
  };
  const judgedDay = async () =>
    (await get<{ days: DayView[] }>(`/stations/${stationId}/compliance?from=${DAY}&to=${addDays(DAY, 1)}`))
      .days[0];

  beforeAll(async () => {
    api = await startSeededApi();
    ({ app } = api);
    const refs = await app.get(RegistryReader).stations.listRefs();
    stationId = refs.find((r) => r.parkCode === 'VSIP-HP')!.id;
    otherStationId = refs.find((r) => r.parkCode !== 'VSIP-HP')!.id;
    times.push(
      ...(await seedSpikedDay(app, { stationId, day: DAY, spike: SPIKE, permitFrom: '2026-01-01' })),
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  it('records a correction by the signed-in officer; the day is judged again on it and shows its data version', async () => {
    const before = await judgedDay();
    expect(before).toMatchObject({
      verdict: 'exceedance',
      dataVersion: { corrections: 0, lastCorrectionId: null, stale: false },
    });

    const created = await post(correctionsPath(), {
      parameter: 'COD',
      time: times[SPIKE].toISOString(),
      value: 100.2,
      status: '00',
      reason: 'Air bubble in the COD analyzer cell, found at calibration',
    });
    expect(created).toEqual({
      status: 201,
      body: {
        id: expect.any(Number),
        stationId,
        parameter: 'COD',
        time: times[SPIKE].toISOString(),
        day: DAY,
        withdrawn: false,
        value: 100.2,
        status: '00',
        original: { value: 2000, status: '00' },
        reason: 'Air bubble in the COD analyzer cell, found at calibration',
        author: 'officer-lan',
        createdAt: expect.any(String),
        supersedes: null,
      },
    });
    const id = created.body['id'] as number;

    // Until the worker judges the marked day again, the stored verdict says newer data exists.
    expect((await judgedDay()).dataVersion).toMatchObject({
      corrections: 0,
      latest: { corrections: 1, lastCorrectionId: id },
      stale: true,
    });
    expect(await app.get(ComplianceEngine).recomputeMarked()).toBe(1);
    const after = await judgedDay();
    expect(after).toMatchObject({
      verdict: 'compliant',
      dataVersion: { corrections: 1, lastCorrectionId: id, stale: false },
    });
    expect(Date.parse(after.dataVersion.computedAt)).toBeGreaterThanOrEqual(
      Date.parse(before.dataVersion.computedAt),
    );

    // The reading as received is still there, unchanged.
    const raw = await get<{ readings: { value: number }[] }>(
      `/stations/${stationId}/readings?parameter=COD&from=${times[SPIKE].toISOString()}&to=${times[SPIKE + 1].toISOString()}`,
    );
    expect(raw.readings.map((r) => r.value)).toEqual([2000]);

    // A second correction (a withdrawal) supersedes the first; the history lists both, newest first.
    const withdrawn = await post(correctionsPath(), {
      parameter: 'COD',
      time: times[SPIKE].toISOString(),
      withdrawn: true,
      reason: 'Sample line was being flushed',
    });
    expect(withdrawn.body).toMatchObject({ withdrawn: true, value: null, status: null, supersedes: id });
    const operator = headers('op-vsip', 'park_operator', [
      (await app.get(RegistryReader).parks.findByCode('VSIP-HP'))!.id,
    ]);
    const history = await get<Record<string, unknown>[]>(correctionsPath(), operator);
    expect(history.map((c) => [c['withdrawn'], c['author'], c['reason'], c['original']])).toEqual([
      [true, 'officer-lan', 'Sample line was being flushed', { value: 2000, status: '00' }],
      [
        false,
        'officer-lan',
        'Air bubble in the COD analyzer cell, found at calibration',
        { value: 2000, status: '00' },
      ],
    ]);
    expect(await get(`${correctionsPath()}?parameter=pH`, operator)).toEqual([]);

    // Each correction is in the audit log, with what the reading was before it.
    const trail = await get<{ actor: string; action: string; subject: string; before: unknown }[]>(
      '/admin/audit?limit=10',
      headers('admin-e2e', 'admin'),
    );
    const corrections = trail.filter((e) => e.action === 'reading.correct');
    expect(corrections.map((e) => [e.actor, e.before])).toEqual([
      ['officer-lan', expect.objectContaining({ withdrawn: false, value: 100.2, status: '00' })],
      ['officer-lan', expect.objectContaining({ withdrawn: false, value: 2000, status: '00' })],
    ]);
    expect(corrections[0].subject).toMatch(/^station:VSIP-HP/);
  });

  it('refuses bad corrections with a 400 naming the field, and a reading not stored with a 404', async () => {
    const valid = { parameter: 'COD', time: times[5].toISOString(), value: 99, reason: 'drift' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, reason: '   ' }, 'reason'],
      [{ ...valid, reason: undefined }, 'reason'],
      [{ ...valid, parameter: 'XYZ' }, 'parameter'],
      [{ ...valid, time: '2026-03-10T10:00:00' }, 'time'], // no zone: ambiguous
      [{ ...valid, value: -1 }, 'value'],
      [{ ...valid, value: 'high' }, 'value'],
      [{ ...valid, value: undefined }, 'value'],
      [{ ...valid, status: '07' }, 'status'],
      [{ ...valid, withdrawn: true }, 'value'],
      [{ ...valid, author: 'someone-else' }, 'author'],
    ];
    for (const [body, field] of cases) {
      const response = await post(correctionsPath(), body);
      expect({ field, status: response.status, code: response.body['code'] }).toEqual({
        field,
        status: 400,
        code: 'INVALID_ARGUMENT',
      });
      expect(response.body['details']).toEqual({ field });
    }

    const missing = await post(correctionsPath(), { ...valid, time: new Date(times[5].getTime() + 1000) });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.body['message']).toMatch(/no COD reading of station VSIP-HP\S* at .* is stored/);
    expect((await post('/stations/987654/readings/corrections', valid)).status).toBe(404);
    // Another park's station: the officer may, there is just no such reading there.
    expect((await post(`/stations/${otherStationId}/readings/corrections`, valid)).status).toBe(404);
  });

  it('lets only admins correct directly; an officer (who proposes for review), a park operator and a manager are refused', async () => {
    const body = { parameter: 'COD', time: times[7].toISOString(), value: 99, reason: 'drift' };
    const park = (await app.get(RegistryReader).parks.findByCode('VSIP-HP'))!.id;
    expect((await post(correctionsPath(), body, headers('op', 'park_operator', [park]))).status).toBe(403);
    expect((await post(correctionsPath(), body, headers('mgr', 'manager'))).status).toBe(403);
    expect((await post(correctionsPath(), body, headers('lan', 'officer'))).status).toBe(403);
    expect((await post(correctionsPath(), body, headers('root', 'admin'))).body['author']).toBe('root');
  });
});
