import { INestApplication } from '@nestjs/common';
import { ComplianceEngine } from '@hp/compliance';
import { addDays } from '@hp/contracts';
import { UserRole } from '@hp/accounts';
import { RegistryReader } from '@hp/registry';
import { SeededApi, startSeededApi } from './support/seeded-api';
import { seedSpikedDay } from './support/spiked-day';

/**
 * Reading corrections with review over the real API app: an officer proposes a correction with a reason code
 * and a note, nothing changes until a second editor approves it (the proposer cannot), an approval records
 * the correction and gets the day judged again, a rejection records nothing; all of it audited.
 */
const DAY = '2026-04-14';
const SPIKE = 40;

describe('reading correction proposals and their review through the API', () => {
  let api: SeededApi | undefined;
  let app: INestApplication;
  let stationId: number;
  const times: Date[] = [];

  const as = (username: string, role: UserRole = 'officer', parkIds: number[] = []) =>
    api!.signedIn(username, role, parkIds);
  async function send(path: string, body: unknown, headers = as('officer-lan')) {
    const response = await api!.request('POST', path, headers, body);
    return { status: response.status, body: response.body as Record<string, unknown> };
  }
  async function get<T>(path: string, headers = as('officer-lan')): Promise<T> {
    const response = await api!.request('GET', path, headers);
    expect(response.status).toBe(200);
    return response.body as T;
  }
  const proposals = () => `/stations/${stationId}/readings/correction-proposals`;
  const verdict = async () =>
    (
      await get<{ days: { verdict: string }[] }>(
        `/stations/${stationId}/compliance?from=${DAY}&to=${addDays(DAY, 1)}`,
      )
    ).days[0].verdict;

  beforeAll(async () => {
    api = await startSeededApi();
    ({ app } = api);
    const refs = await app.get(RegistryReader).stations.listRefs();
    stationId = refs.find((r) => r.parkCode === 'VSIP-HP')!.id;
    times.push(
      ...(await seedSpikedDay(app, { stationId, day: DAY, spike: SPIKE, permitFrom: '2026-01-01' })),
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  it('applies a proposal only once another editor approves it; the day is judged again', async () => {
    expect(await verdict()).toBe('exceedance');
    const proposed = await send(proposals(), {
      parameter: 'COD',
      time: times[SPIKE].toISOString(),
      value: 100,
      reasonCode: 'CALIBRATION',
      note: '  Analyzer drift found at calibration ',
    });
    expect(proposed).toEqual({
      status: 201,
      body: expect.objectContaining({
        stationId,
        parameter: 'COD',
        day: DAY,
        withdrawn: false,
        value: 100,
        status: null,
        reasonCode: 'CALIBRATION',
        note: 'Analyzer drift found at calibration',
        proposedBy: 'officer-lan',
        state: 'pending',
        reviewedBy: null,
        correctionId: null,
      }),
    });
    const id = proposed.body['id'] as number;
    // Nothing took effect yet.
    expect(await get(`/stations/${stationId}/readings/corrections`)).toEqual([]);
    expect(await get<unknown[]>(`${proposals()}?state=pending`)).toHaveLength(1);

    // The proposer cannot approve their own.
    const own = await send(`${proposals()}/${id}/review`, { decision: 'approve' });
    expect(own.status).toBe(403);

    const approved = await send(`${proposals()}/${id}/review`, { decision: 'approve' }, as('root', 'admin'));
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({
      state: 'approved',
      reviewedBy: 'root',
      correctionId: expect.any(Number),
    });
    const corrections = await get<Record<string, unknown>[]>(`/stations/${stationId}/readings/corrections`);
    expect(corrections).toEqual([
      expect.objectContaining({
        id: approved.body['correctionId'],
        value: 100,
        status: '00',
        author: 'officer-lan',
        reason: 'CALIBRATION: Analyzer drift found at calibration',
      }),
    ]);
    expect(await app.get(ComplianceEngine).recomputeMarked()).toBe(1);
    expect(await verdict()).toBe('compliant');

    // Decided once only.
    const again = await send(
      `${proposals()}/${id}/review`,
      { decision: 'reject', note: 'no' },
      as('lead', 'admin'),
    );
    expect(again.status).toBe(409);

    const trail = await get<{ actor: string; action: string }[]>(
      '/admin/audit?limit=20',
      as('root', 'admin'),
    );
    expect(trail.filter((e) => e.action.startsWith('reading.')).map((e) => [e.actor, e.action])).toEqual([
      ['root', 'reading.correction.approve'],
      ['officer-lan', 'reading.correct'],
      ['officer-lan', 'reading.correction.propose'],
    ]);
  });

  it('records nothing for a rejected proposal, which needs a reason', async () => {
    const proposed = await send(proposals(), {
      parameter: 'COD',
      time: times[SPIKE + 1].toISOString(),
      withdrawn: true,
      reasonCode: 'DEVICE_FAULT',
      note: 'Pump stopped',
    });
    const id = proposed.body['id'] as number;
    const review = `${proposals()}/${id}/review`;
    const noNote = await send(review, { decision: 'reject' }, as('root', 'admin'));
    expect([noNote.status, noNote.body['details']]).toEqual([400, { field: 'note' }]);
    const rejected = await send(
      review,
      { decision: 'reject', note: 'The pump log shows it ran' },
      as('root', 'admin'),
    );
    expect(rejected.body).toMatchObject({
      state: 'rejected',
      reviewNote: 'The pump log shows it ran',
      correctionId: null,
    });
    expect(await get<unknown[]>(`/stations/${stationId}/readings/corrections`)).toHaveLength(1);
  });

  it('refuses bad proposals and reviews with a 4xx naming the field; only editors propose and review', async () => {
    const valid = {
      parameter: 'COD',
      time: times[5].toISOString(),
      value: 99,
      reasonCode: 'OTHER',
      note: 'x',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, note: '   ' }, 'note'],
      [{ ...valid, reasonCode: 'WHIM' }, 'reasonCode'],
      [{ ...valid, reason: 'free text' }, 'reason'],
      [{ ...valid, value: -1 }, 'value'],
      [{ ...valid, value: undefined }, 'value'],
      [{ ...valid, withdrawn: true }, 'value'],
      [{ ...valid, time: '2026-04-14T10:00:00' }, 'time'],
    ];
    for (const [body, field] of cases) {
      const response = await send(proposals(), body);
      expect({ field, status: response.status, details: response.body['details'] }).toEqual({
        field,
        status: 400,
        details: { field },
      });
    }
    const missing = await send(proposals(), {
      ...valid,
      time: new Date(times[5].getTime() + 1000).toISOString(),
    });
    expect(missing.status).toBe(404);
    expect((await send(`${proposals()}/999999/review`, { decision: 'approve' })).status).toBe(404);
    expect((await send(`${proposals()}/1/review`, { decision: 'maybe' })).body['details']).toEqual({
      field: 'decision',
    });
    const park = (await app.get(RegistryReader).parks.findByCode('VSIP-HP'))!.id;
    expect((await send(proposals(), valid, as('op', 'park_operator', [park]))).status).toBe(403);
    expect((await send(proposals(), valid, as('mgr', 'manager'))).status).toBe(403);
    // The park's operator sees the proposals.
    expect(
      (await get<unknown[]>(proposals(), as('op', 'park_operator', [park]))).length,
    ).toBeGreaterThanOrEqual(2);
  });
});
