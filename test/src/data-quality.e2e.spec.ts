import { INestApplication } from '@nestjs/common';
import { AuthService, UserRole } from '@hp/accounts';
import { AlertLifecycle } from '@hp/alerting';
import { PermitLimitsService } from '@hp/compliance';
import { addDays, localDayOf, localDayStart } from '@hp/contracts';
import { DataQualityEvaluator, StationDataQualityView } from '@hp/data-quality';
import { DATABASE, Database } from '@hp/storage';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { ReadingsWriter } from '@hp/readings';
import { SeededApi, startSeededApi } from './support/seeded-api';

/**
 * The data-quality API on the real API app: a station's daily scores and raised signals come back as codes
 * with parameters; officers declare calibration schedules and announce inspections; a park operator sees
 * its own park's station and is refused another park's (403), as is any edit by a role that may not.
 */
const MINE = 'VSIP-HP';
const OTHER = 'DEEPC-HP1';
const MIN = 60_000;

describe('data quality through the API', () => {
  let api: SeededApi | undefined;
  let app: INestApplication;
  let url: string;
  let stationId: number;
  let mineParkId: number;
  let otherParkId: number;

  function headers(role: UserRole, parkIds: number[] = []): Record<string, string> {
    const token = app.get(AuthService).accessToken({ id: 0, username: `dq-${role}`, role, parkIds });
    return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }
  async function call(method: string, path: string, as: Record<string, string>, body?: unknown) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: as,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  beforeAll(async () => {
    api = await startSeededApi();
    ({ app, url } = api);
    const parks = app.get(RegistryReader).parks;
    mineParkId = (await parks.findByCode(MINE))!.id;
    otherParkId = (await parks.findByCode(OTHER))!.id;
    stationId = (await app.get(RegistryReader).stations.listRefs()).find((r) => r.parkCode === MINE)!.id;
    await app.get(RegistryAdmin).recordDischargePermit({
      stationId,
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      effectiveFrom: '2026-01-01',
    });
    // Three closed days of TSS frozen at 12.5 from 08:00 to 14:00 (a stuck analyser), evaluated as the worker would.
    const today = localDayOf(new Date());
    const days = [addDays(today, -3), addDays(today, -2), addDays(today, -1)];
    for (const day of days) {
      const start = localDayStart(day).getTime();
      await app.get(ReadingsWriter).insertReadings(
        Array.from({ length: 288 }, (_, i) => ({
          time: new Date(start + i * 5 * MIN),
          stationId,
          parameterCode: 'TSS',
          value:
            i >= 96 && i < 168
              ? 12.5
              : Number((20 + 4 * Math.sin(i * 0.9 + Number(day.slice(-2)))).toFixed(2)),
          status: 0 as const,
        })),
      );
    }
    const db = app.get<Database>(DATABASE);
    const evaluator = new DataQualityEvaluator(
      db,
      app.get(PermitLimitsService),
      new AlertLifecycle(db, null),
      null,
    );
    for (const day of days) await evaluator.evaluateDay(stationId, day);
  });

  afterAll(async () => {
    await api?.close();
  });

  it("serves the station's daily scores and its raised signals as codes with parameters", async () => {
    const { status, body } = await call('GET', `/stations/${stationId}/data-quality`, headers('officer'));
    expect(status).toBe(200);
    const view = body as StationDataQualityView;
    expect(view.days.map((d) => d.score)).toEqual([100, 80, 80]);
    expect(view.current?.score).toBe(80);
    expect(view.active).toEqual([
      expect.objectContaining({
        code: 'STUCK_VALUE',
        params: expect.objectContaining({ parameter: 'TSS', value: 12.5, records: 72 }),
      }),
    ]);
    expect(view.recent.every((s) => /^[A-Z_]+$/.test(s.code))).toBe(true);
    const ranged = await call(
      'GET',
      `/stations/${stationId}/data-quality?from=2026-01-02&to=2026-01-01`,
      headers('officer'),
    );
    expect(ranged.status).toBe(400);
    expect((await call('GET', `/stations/99999/data-quality`, headers('officer'))).status).toBe(404);
  });

  it("lets a park operator read its own park's station and refuses another park's operator", async () => {
    expect(
      (await call('GET', `/stations/${stationId}/data-quality`, headers('park_operator', [mineParkId])))
        .status,
    ).toBe(200);
    expect(
      (await call('GET', `/stations/${stationId}/data-quality`, headers('park_operator', [otherParkId])))
        .status,
    ).toBe(403);
    expect(
      (await call('GET', `/stations/${stationId}/inspections`, headers('park_operator', [otherParkId])))
        .status,
    ).toBe(403);
    expect(
      (
        await call(
          'GET',
          `/stations/${stationId}/calibration-schedules`,
          headers('park_operator', [otherParkId]),
        )
      ).status,
    ).toBe(403);
    expect((await call('GET', '/data-quality/rules', headers('park_operator', [mineParkId]))).status).toBe(
      403,
    );
  });

  it('lets officers declare a calibration schedule, announce an inspection and tune a rule; refuses others', async () => {
    const schedule = { everyDays: 7, anchorDay: '2026-12-01', windowStart: '08:00', windowMinutes: 120 };
    const path = `/stations/${stationId}/calibration-schedules/COD`;
    expect((await call('PUT', path, headers('park_operator', [mineParkId]), schedule)).status).toBe(403);
    expect((await call('PUT', path, headers('officer'), { ...schedule, windowStart: '25:00' })).status).toBe(
      400,
    );
    const put = await call('PUT', path, headers('officer'), schedule);
    expect(put).toEqual({ status: 200, body: [{ parameterCode: 'COD', maxPerDay: 1, ...schedule }] });

    const inspection = {
      startsAt: '2026-12-20T09:00:00+07:00',
      endsAt: '2026-12-20T11:00:00+07:00',
      reference: 'TB-01',
    };
    expect(
      (await call('POST', `/stations/${stationId}/inspections`, headers('manager'), inspection)).status,
    ).toBe(403);
    expect((await call('POST', `/stations/${stationId}/inspections`, headers('officer'), {})).status).toBe(
      400,
    );
    expect(
      (await call('POST', `/stations/${stationId}/inspections`, headers('officer'), inspection)).status,
    ).toBe(201);
    const listed = await call(
      'GET',
      `/stations/${stationId}/inspections`,
      headers('park_operator', [mineParkId]),
    );
    expect(listed.body).toEqual([expect.objectContaining({ reference: 'TB-01', createdBy: 'dq-officer' })]);

    expect(
      (await call('PUT', '/data-quality/rules/CLOCK_DRIFT', headers('manager'), { raiseAfter: 3 })).status,
    ).toBe(403);
    expect(
      (await call('PUT', '/data-quality/rules/CLOCK_DRIFT', headers('officer'), { raiseAfter: 0 })).status,
    ).toBe(400);
    expect(
      (await call('PUT', '/data-quality/rules/NOPE', headers('officer'), { raiseAfter: 3 })).status,
    ).toBe(400);
    const tuned = await call('PUT', '/data-quality/rules/CLOCK_DRIFT', headers('officer'), { raiseAfter: 3 });
    expect(tuned).toMatchObject({
      status: 200,
      body: { code: 'CLOCK_DRIFT', raiseAfter: 3, evidence: 'V2' },
    });
  });
});
