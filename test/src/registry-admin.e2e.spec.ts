import { INestApplication } from '@nestjs/common';
import { ComplianceEngine } from '@hp/compliance';
import { addDays, localDayStart } from '@hp/contracts';
import { UserRole } from '@hp/accounts';
import { ReadingsWriter } from '@hp/readings';
import { RegistryReader } from '@hp/registry';
import { SeededApi, startSeededApi } from './support/seeded-api';

/**
 * Registry administration (issue 18.2) over the real API app: an officer registers a park, its treatment
 * plant, an outlet station and the station's permit with its own COD limit; readings of a past day are
 * judged against that permit, and once the permit is superseded by a version with a tighter limit the same
 * day is judged again, to an exceedance, in the same running app. Park operators read but cannot register;
 * bad coordinates are 400s naming the field, a code taken a 409; every change is audited before/after.
 */
const DAY = '2026-03-12';
const PARK = 'ADMIN-TEST-KCN';
const PLANT = 'ADMIN-TEST-KCN-XLNT';
const STATION = 'ADMIN-TEST-KCN-XLNT-OUT';

describe('registry administration through the API', () => {
  let api: SeededApi | undefined;
  let app: INestApplication;
  let stationId: number;
  let permitId: number;

  const as = (username: string, role: UserRole, parkIds: number[] = []) =>
    api!.signedIn(username, role, parkIds);
  const officer = () => as('officer-lan', 'officer');
  const send = async (
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body?: unknown,
    headers = officer(),
  ) => {
    const response = await api!.request(method, path, headers, body);
    return { status: response.status, body: response.body as Record<string, unknown> & unknown[] };
  };
  /** What the compliance worker does: judge the marked station-days. */
  const runWorker = async () => {
    while ((await app.get(ComplianceEngine).recomputeMarked()) > 0);
  };
  const judgedDay = async () =>
    (
      (await send('GET', `/stations/${stationId}/compliance?from=${DAY}&to=${addDays(DAY, 1)}`))
        .body as unknown as {
        days: { verdict: string; reasons: { code: string; params: Record<string, unknown> }[] }[];
      }
    ).days[0];
  const auditOf = async (subject: string) =>
    (await send('GET', `/admin/audit?subject=${subject}`, undefined, as('root', 'admin')))
      .body as unknown as {
      action: string;
      actor: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];

  beforeAll(async () => {
    api = await startSeededApi();
    ({ app } = api);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('registers a park, its plant and an outlet station, with Vietnamese names and coordinates', async () => {
    const park = await send('POST', '/parks', {
      code: PARK,
      nameVi: 'Khu công nghiệp Thử nghiệm',
      name: 'Test Industrial Park',
      economicZone: 'Dinh Vu - Cat Hai',
      latitude: 20.84,
      longitude: 106.77,
    });
    expect(park.status).toBe(201);
    expect(park.body).toMatchObject({
      code: PARK,
      nameVi: 'Khu công nghiệp Thử nghiệm',
      name: 'Test Industrial Park',
      latitude: 20.84,
      longitude: 106.77,
      operatingStatus: 'operating',
      treatmentPlants: [],
    });
    const plant = await send('POST', `/parks/${PARK}/treatment-plants`, {
      code: PLANT,
      nameVi: 'Trạm XLNT tập trung',
      designCapacityM3PerDay: 3000,
    });
    expect(plant.status).toBe(201);
    expect(plant.body).toMatchObject({
      code: PLANT,
      nameVi: 'Trạm XLNT tập trung',
      name: 'Trạm XLNT tập trung',
    });
    const station = await send('POST', '/stations', {
      plantCode: PLANT,
      code: STATION,
      kind: 'outlet',
      nameVi: 'Cửa xả sau xử lý',
      name: 'Treated outlet',
      latitude: 20.841,
      longitude: 106.772,
    });
    expect(station.status).toBe(201);
    expect(station.body).toMatchObject({
      code: STATION,
      parkCode: PARK,
      plantCode: PLANT,
      active: true,
      retiredOn: null,
      latitude: 20.841,
      permits: [],
    });
    stationId = station.body['id'] as number;
    const renamed = await send('PATCH', `/parks/${PARK}`, { name: 'Test IP', operatingStatus: 'operating' });
    expect(renamed.body).toMatchObject({
      name: 'Test IP',
      nameVi: 'Khu công nghiệp Thử nghiệm',
      latitude: 20.84,
    });
  });

  it('judges a past day against the permit registered for it, and again once it is superseded', async () => {
    const added = await send('POST', `/stations/${stationId}/permits`, {
      permitNumber: '12/GPMT-UBND',
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      permittedFlowM3PerDay: 3000,
      parameters: ['COD'],
      limits: [{ parameterCode: 'COD', max: 100 }],
      effectiveFrom: '2026-01-01',
      documentRef: 'https://example.gov.vn/gpmt/12-GPMT-UBND.pdf',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      stationId,
      permitNumber: '12/GPMT-UBND',
      kf: 1,
      kfSource: 'flow_table',
      limits: [{ parameterCode: 'COD', max: 100 }],
      supersedes: null,
      supersededAt: null,
    });
    permitId = added.body['id'] as number;
    // A day of COD near 80 mg/L, stored and marked as ingestion does.
    const start = localDayStart(DAY).getTime();
    const writer = app.get(ReadingsWriter);
    await writer.insertReadings(
      Array.from({ length: 288 }, (_, i) => ({
        time: new Date(start + i * 300_000),
        stationId,
        parameterCode: 'COD',
        value: 80 + (i % 7) * 0.5,
        status: 0 as const,
      })),
    );
    await writer.markForRecompute([{ stationId, day: DAY }]);
    await runWorker();
    expect((await judgedDay()).verdict).toBe('compliant');

    const corrected = await send('POST', `/permits/${permitId}/supersede`, {
      limits: [{ parameterCode: 'COD', max: 60 }],
      reason: 'Limit misread from the GPMT: 60 mg/L',
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({
      supersedes: permitId,
      effectiveFrom: '2026-01-01',
      permitNumber: '12/GPMT-UBND',
      kf: 1,
      limits: [{ parameterCode: 'COD', max: 60 }],
      documentRef: 'https://example.gov.vn/gpmt/12-GPMT-UBND.pdf',
    });
    await runWorker();
    const day = await judgedDay();
    expect(day.verdict).toBe('exceedance');
    expect(day.reasons[0]).toMatchObject({ params: { parameter: 'COD', limit: 60 } });

    const history = await send('GET', `/stations/${stationId}/permits`);
    expect(history.status).toBe(200);
    expect(history.body).toEqual([
      expect.objectContaining({ id: permitId, supersededAt: expect.any(String) }),
      expect.objectContaining({ id: corrected.body['id'], supersedes: permitId, supersededAt: null }),
    ]);
    expect((await send('GET', `/permits/${permitId}`)).body).toMatchObject({ limits: [{ max: 100 }] });
    // A superseded version is corrected no further.
    expect((await send('POST', `/permits/${permitId}/supersede`, { kq: 0.9, reason: 'Kq' })).status).toBe(
      409,
    );
  });

  it('refuses park operators, bad coordinates, unknown plants and codes taken', async () => {
    const parkId = (await app.get(RegistryReader).parks.findByCode(PARK))!.id;
    const operator = as('operator-test', 'park_operator', [parkId]);
    expect((await send('POST', '/parks', { code: 'OTHER-KCN', nameVi: 'Khác' }, operator)).status).toBe(403);
    expect((await send('PATCH', `/parks/${PARK}`, { name: 'Ours' }, operator)).status).toBe(403);
    expect(
      (await send('POST', `/stations/${stationId}/permits`, { permitNumber: 'x' }, operator)).status,
    ).toBe(403);
    // ... but reads its own park's permits.
    expect((await send('GET', `/stations/${stationId}/permits`, undefined, operator)).status).toBe(200);
    expect((await send('GET', `/permits/${permitId}`, undefined, operator)).status).toBe(200);
    const stranger = as('operator-other', 'park_operator', [parkId + 1000]);
    expect((await send('GET', `/permits/${permitId}`, undefined, stranger)).status).toBe(403);

    for (const [body, field] of [
      [
        {
          plantCode: PLANT,
          code: 'ADMIN-TEST-X',
          kind: 'outlet',
          nameVi: 'X',
          latitude: 48.85,
          longitude: 2.35,
        },
        'latitude',
      ],
      [
        {
          plantCode: PLANT,
          code: 'ADMIN-TEST-X',
          kind: 'outlet',
          nameVi: 'X',
          latitude: 20.8,
          longitude: 120,
        },
        'longitude',
      ],
      [{ plantCode: PLANT, code: 'ADMIN-TEST-X', kind: 'outlet', nameVi: 'X', latitude: 20.8 }, 'longitude'],
    ] as const) {
      const refused = await send('POST', '/stations', body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field } });
    }
    expect((await send('PATCH', `/stations/${stationId}`, { latitude: 7.5 })).body).toMatchObject({
      details: { field: 'latitude' },
    });
    const unknownPlant = await send('POST', '/stations', {
      plantCode: 'NO-SUCH-PLANT',
      code: 'ADMIN-TEST-X',
      kind: 'outlet',
      nameVi: 'X',
    });
    expect(unknownPlant).toMatchObject({ status: 404, body: { details: { field: 'plantCode' } } });

    const takenPark = await send('POST', '/parks', { code: PARK, nameVi: 'Trùng' });
    expect(takenPark).toMatchObject({
      status: 409,
      body: { code: 'CONFLICT', details: { reason: 'CODE_TAKEN' } },
    });
    const takenStation = await send('POST', '/stations', {
      plantCode: PLANT,
      code: STATION,
      kind: 'outlet',
      nameVi: 'Trùng',
    });
    expect(takenStation.status).toBe(409);
    const overlapping = await send('POST', `/stations/${stationId}/permits`, {
      permitNumber: '13/GPMT-UBND',
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      permittedFlowM3PerDay: 3000,
      parameters: ['COD'],
      effectiveFrom: '2026-01-01',
    });
    expect(overlapping).toMatchObject({ status: 409, body: { details: { reason: 'PERMIT_OVERLAP' } } });
    const noKf = await send('POST', `/stations/${stationId}/permits`, {
      permitNumber: '13/GPMT-UBND',
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      parameters: ['COD'],
      effectiveFrom: '2026-06-01',
    });
    expect(noKf).toMatchObject({ status: 400, body: { details: { field: 'permittedFlowM3PerDay' } } });
  });

  it('retires a station, which keeps its history and stops being expected', async () => {
    const retired = await send('POST', `/stations/${stationId}/retire`, {
      retiredOn: '2026-04-01',
      reason: 'Outlet moved',
    });
    expect(retired.status).toBe(201);
    expect(retired.body).toMatchObject({ active: false, retiredOn: '2026-04-01' });
    expect((retired.body['permits'] as unknown[]).length).toBe(1);
    expect((await judgedDay()).verdict).toBe('exceedance');
    expect((await send('POST', `/stations/${stationId}/retire`, { reason: 'again' })).status).toBe(409);
  });

  it('audits every change with who made it and the before and after', async () => {
    expect((await auditOf(`park:${PARK}`)).map((e) => e.action).sort()).toEqual([
      'park.register',
      'park.update',
    ]);
    const update = (await auditOf(`park:${PARK}`)).find((e) => e.action === 'park.update')!;
    expect(update).toMatchObject({
      actor: 'officer-lan',
      before: { name: 'Test Industrial Park' },
      after: { name: 'Test IP' },
    });
    expect((await auditOf(`plant:${PLANT}`)).map((e) => e.action)).toEqual(['plant.register']);
    const station = await auditOf(`station:${STATION}`);
    expect(station.map((e) => e.action).sort()).toEqual([
      'permit.add',
      'permit.supersede',
      'station.register',
      'station.retire',
    ]);
    expect(station.find((e) => e.action === 'permit.supersede')).toMatchObject({
      before: { id: permitId, limits: [{ max: 100 }] },
      after: { supersedes: permitId, limits: [{ max: 60 }], reason: 'Limit misread from the GPMT: 60 mg/L' },
    });
  });
});
