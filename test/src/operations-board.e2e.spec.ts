import { INestApplication } from '@nestjs/common';
import { UserRole } from '@hp/accounts';
import { ComplianceEngine } from '@hp/compliance';
import { addDays, localDayOf, localDayStart } from '@hp/contracts';
import { NewReading, ReadingsWriter } from '@hp/readings';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { SeededApi, startSeededApi } from './support/seeded-api';

/**
 * The live operations board over the real API app (issue 18.3): latest values judged against the permit
 * (an over, a near, a stale, a station offline), transmission rates and exceedance counts of a seeded day
 * computed by hand, the readings CSV export, range refusals (400 naming the field) and a park operator's
 * scope (other parks absent or 403). Last, the board's p95 over 8 parks and 30 stations.
 */
const DAY = '2026-03-10';
const MINUTE = 60_000;

interface BoardParameter {
  parameter: string;
  value: number | null;
  unit: string | null;
  limit: { min: number | null; max: number | null } | null;
  state: string;
  cadenceSeconds: number;
}
interface BoardStation {
  stationId: number;
  parkCode: string;
  link: { state: string; lastMessageAt: string | null };
  devices: { code: string; online: boolean | null }[];
  today: { day: string; verdict: string | null; provisional: boolean | null };
  parameters: BoardParameter[];
}
interface Transmission {
  stationId: number;
  expected: number;
  received: number;
  rate: number | null;
  exceedanceDays: number;
  judgedDays: number;
  parameters: Record<string, unknown>[];
}

describe('operations board', () => {
  let api: SeededApi | undefined;
  let app: INestApplication;
  let vsip: { stationId: number; parkId: number; plantId: number };
  let offlineId: number;
  let silentId: number;

  const as = (username: string, role: UserRole, parkIds: number[] = []) =>
    api!.signedIn(username, role, parkIds);
  const officer = () => as('officer-lan', 'officer');
  const operator = () => as('op-vsip', 'park_operator', [vsip.parkId]);
  const get = (path: string, headers = officer()) => api!.request('GET', path, headers);
  const board = async (headers = officer()) => {
    const response = await get('/board/latest', headers);
    expect(response.status).toBe(200);
    return response.body as BoardStation[];
  };

  beforeAll(async () => {
    api = await startSeededApi();
    ({ app } = api);
    const registry = app.get(RegistryReader);
    const admin = app.get(RegistryAdmin);
    const refs = (await registry.stations.listRefs()).filter((r) => r.active);
    const vsipRef = refs.find((r) => r.parkCode === 'VSIP-HP')!;
    const park = (await registry.parks.findByCode('VSIP-HP'))!;
    const station = (await registry.stations.findById(vsipRef.id))!;
    vsip = { stationId: vsipRef.id, parkId: park.id, plantId: station.plantId };
    const others = refs.filter((r) => r.parkCode !== 'VSIP-HP');
    offlineId = others[0].id;
    silentId = others[1].id;

    const permit = (stationId: number) =>
      admin.recordDischargePermit({
        stationId,
        standardVersion: 'QCVN40:2011',
        columnCode: 'B',
        effectiveFrom: '2026-01-01',
        parameters: ['pH', 'TSS', 'COD', 'NH4'],
        limits: [
          { parameterCode: 'COD', min: null, max: 100 },
          { parameterCode: 'TSS', min: null, max: 100 },
          { parameterCode: 'NH4', min: null, max: 10 },
        ],
      });
    await permit(vsip.stationId);
    await permit(offlineId);
    await admin.registerDevice({
      code: 'VSIP-AN-1',
      parkId: vsip.parkId,
      stationId: vsip.stationId,
      kind: 'analyzer',
    });
    await admin.recordDevicePresence('VSIP-AN-1', { online: true, at: new Date() });

    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE);
    const reading = (
      stationId: number,
      time: Date,
      parameterCode: string,
      value: number,
      status: 0 | 1 = 0,
    ) => ({ time, stationId, parameterCode, value, status }) satisfies NewReading;
    const live: NewReading[] = [
      reading(vsip.stationId, at(2), 'COD', 120), // over 100
      reading(vsip.stationId, at(2), 'TSS', 85), // near: >= 80
      reading(vsip.stationId, at(2), 'pH', 7.1), // ok within 5.5-9
      reading(vsip.stationId, at(2), 'Flow', 31.5), // not in the permit
      reading(vsip.stationId, at(180), 'NH4', 4), // 3 h old at a 30-min cadence: stale
      reading(offlineId, at(120), 'COD', 50), // the station's last message, 2 h ago at a 5-min interval
    ];
    // The seeded day: COD every 15 min over hours 0-17 (72 of 96), hours 10 and 11 at 150 (over 100);
    // pH every 5 min over hours 0-11 (144 of 288), 12 of them calibrating (status 01).
    const start = localDayStart(DAY).getTime();
    for (let i = 0; i < 72; i++)
      live.push(
        reading(vsip.stationId, new Date(start + i * 15 * MINUTE), 'COD', i >= 40 && i < 48 ? 150 : 50),
      );
    for (let i = 0; i < 144; i++)
      live.push(reading(vsip.stationId, new Date(start + i * 5 * MINUTE), 'pH', 7, i % 12 === 0 ? 1 : 0));
    await app.get(ReadingsWriter).insertReadings(live);
    const engine = app.get(ComplianceEngine);
    await engine.recomputeStation(vsip.stationId, DAY, addDays(DAY, 1));
    const today = localDayOf(new Date());
    await engine.recomputeStation(vsip.stationId, today, addDays(today, 1));
  });

  afterAll(async () => {
    await api?.close();
  });

  it("shows each parameter's latest value against the permit in force, the station's link and today's verdict", async () => {
    const stations = await board();
    const station = stations.find((s) => s.stationId === vsip.stationId)!;
    const byCode = Object.fromEntries(station.parameters.map((p) => [p.parameter, p]));
    expect(byCode['COD']).toMatchObject({
      value: 120,
      unit: 'mg/L',
      limit: { min: null, max: 100 },
      state: 'over',
    });
    expect(byCode['TSS']).toMatchObject({ value: 85, state: 'near' });
    expect(byCode['pH']).toMatchObject({ value: 7.1, limit: { min: 5.5, max: 9 }, state: 'ok' });
    expect(byCode['NH4']).toMatchObject({ value: 4, cadenceSeconds: 1800, state: 'stale' });
    expect(byCode['Flow']).toMatchObject({ value: 31.5, limit: null, state: 'no_limit' });
    expect(station.parameters.map((p) => p.parameter)).toEqual(['Flow', 'pH', 'TSS', 'COD', 'NH4']);
    expect(station.link.state).toBe('online');
    expect(station.devices).toEqual([{ code: 'VSIP-AN-1', online: true, presenceAt: expect.any(String) }]);
    expect(station.today).toMatchObject({
      day: localDayOf(new Date()),
      verdict: expect.any(String),
      provisional: true,
    });

    const offline = stations.find((s) => s.stationId === offlineId)!;
    expect(offline.link.state).toBe('offline');
    expect(offline.parameters.map((p) => [p.parameter, p.state])).toEqual([
      ['pH', 'stale'],
      ['TSS', 'stale'],
      ['COD', 'stale'],
      ['NH4', 'stale'],
    ]);
    expect(offline.today.verdict).toBeNull();
    const silent = stations.find((s) => s.stationId === silentId)!;
    expect(silent).toMatchObject({ link: { state: 'never', lastMessageAt: null }, parameters: [] });
  });

  it('counts transmission and exceedances of a day by hand', async () => {
    const response = await get(
      `/board/stations/${vsip.stationId}/transmission?from=${DAY}&to=${addDays(DAY, 1)}`,
    );
    expect(response.status).toBe(200);
    const t = response.body as Transmission;
    const byCode = Object.fromEntries(t.parameters.map((p) => [p['parameter'], p]));
    expect(byCode['COD']).toEqual({
      parameter: 'COD',
      cadenceSeconds: 900,
      expected: 96,
      received: 72,
      valid: 72,
      rate: 0.75,
      validRate: 0.75,
      hourExceedances: 2,
      exceedanceDays: 1,
      suspectedDays: 0,
      judgedDays: 1,
    });
    expect(byCode['pH']).toMatchObject({
      cadenceSeconds: 300,
      expected: 288,
      received: 144,
      valid: 132,
      rate: 0.5,
      validRate: 0.4583,
      hourExceedances: 0,
      exceedanceDays: 0,
    });
    expect(byCode['TSS']).toMatchObject({ expected: 288, received: 0, rate: 0 });
    expect(byCode['NH4']).toMatchObject({ expected: 48, received: 0, rate: 0 });
    expect(byCode['Flow']).toBeUndefined();
    // 72 + 144 received of 96 + 288 + 288 + 48 expected.
    expect(t).toMatchObject({ expected: 720, received: 216, rate: 0.3, exceedanceDays: 1, judgedDays: 1 });

    const all = await get(`/board/transmission?from=${DAY}&to=${addDays(DAY, 1)}`);
    expect(all.status).toBe(200);
    const mine = (all.body as Transmission[]).find((s) => s.stationId === vsip.stationId);
    expect(mine).toEqual(t);
  });

  it('exports readings as CSV: BOM, Vietnamese headers, local times, formula-safe cells', async () => {
    const admin = app.get(RegistryAdmin);
    const hostile = await admin.registerStation({
      code: 'VSIP-HP-CETP-OUT2',
      plantId: vsip.plantId,
      name: '=HYPERLINK("http://x") Trạm xả số 2',
      kind: 'outlet',
    });
    await app
      .get(ReadingsWriter)
      .insertReadings([
        { time: localDayStart(DAY), stationId: hostile.id, parameterCode: 'COD', value: 42.5, status: 0 },
      ]);
    const from = encodeURIComponent(`${DAY}T00:00:00+07:00`);
    const to = encodeURIComponent(`${addDays(DAY, 1)}T00:00:00+07:00`);
    const response = await fetch(`${api!.url}/stations/${hostile.id}/readings.csv?from=${from}&to=${to}`, {
      headers: officer(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="readings-VSIP-HP-CETP-OUT2-2026-03-10-2026-03-10.csv"',
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      'Thời điểm (giờ Việt Nam +07:00),Mã trạm,Tên trạm,Thông số,Giá trị,Đơn vị,Trạng thái (TT 10/2021)\r\n' +
        `2026-03-10T00:00:00+07:00,VSIP-HP-CETP-OUT2,"'=HYPERLINK(""http://x"") Trạm xả số 2",COD,42.5,mg/L,00\r\n`,
    );

    const cod = await fetch(
      `${api!.url}/stations/${vsip.stationId}/readings.csv?from=${from}&to=${to}&parameters=COD,pH`,
      { headers: officer() },
    );
    const lines = (await cod.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 72 + 144);
    expect(lines[1]).toBe(
      '2026-03-10T00:00:00+07:00,VSIP-HP-CETP-OUT,VSIP Hai Phong CETP outlet,COD,50,mg/L,00',
    );
    expect(lines[2]).toBe('2026-03-10T00:00:00+07:00,VSIP-HP-CETP-OUT,VSIP Hai Phong CETP outlet,pH,7,pH,01');
    expect(lines[lines.length - 1]).toMatch(/^2026-03-10T17:45:00\+07:00,.*,COD,50,mg\/L,00$/);
  });

  it('refuses bad ranges and parameters with a 400 naming the field', async () => {
    const station = vsip.stationId;
    const cases: [string, string][] = [
      [`/board/transmission?from=${DAY}&to=${DAY}`, 'to'],
      [`/board/transmission?from=${DAY}&to=${addDays(DAY, 93)}`, 'to'],
      [`/board/transmission?from=2026-02-30`, 'from'],
      [`/board/stations/${station}/transmission?from=${DAY}&to=2026-03-01`, 'to'],
      [`/board/stations/abc/transmission`, 'id'],
      [`/stations/${station}/readings?from=2026-01-01T00:00:00Z&to=2026-04-04T00:00:00Z`, 'to'],
      [`/stations/${station}/readings?resolution=minute`, 'resolution'],
      [`/stations/${station}/readings.csv?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z`, 'from'],
      [`/stations/${station}/readings.csv?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z`, 'to'],
      [`/stations/${station}/readings.csv?parameters=COD,BOD`, 'parameters'],
      [`/stations/${station}/readings.csv?parameters=COD,,pH`, 'parameters'],
      [`/stations/${station}/readings.csv?from=yesterday`, 'from'],
    ];
    for (const [path, field] of cases) {
      const response = await get(path);
      expect({
        path,
        status: response.status,
        details: (response.body as { details?: unknown }).details,
      }).toEqual({
        path,
        status: 400,
        details: { field },
      });
    }
    const auto = await get(
      `/stations/${station}/readings?resolution=auto&from=${encodeURIComponent(`${DAY}T00:00:00+07:00`)}&to=${encodeURIComponent(`${addDays(DAY, 10)}T00:00:00+07:00`)}&parameter=COD`,
    );
    expect(auto.status).toBe(200);
    expect((auto.body as { resolution: string; buckets: unknown[] }).resolution).toBe('hour');
    expect((auto.body as { buckets: unknown[] }).buckets).toHaveLength(18);
  });

  it('keeps a park operator to their parks: others absent from lists, 403 by id, unknown 404', async () => {
    const mine = await board(operator());
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((s) => s.parkCode))).toEqual(new Set(['VSIP-HP']));
    const all = await get(`/board/transmission?from=${DAY}&to=${addDays(DAY, 1)}`, operator());
    expect(new Set((all.body as Transmission[]).map((s) => (s as unknown as BoardStation).parkCode))).toEqual(
      new Set(['VSIP-HP']),
    );
    expect((await get(`/board/stations/${vsip.stationId}/transmission`, operator())).status).toBe(200);
    expect((await get(`/board/stations/${offlineId}/transmission`, operator())).status).toBe(403);
    expect((await get(`/stations/${offlineId}/readings.csv`, operator())).status).toBe(403);
    expect((await get(`/board/stations/999999/transmission`)).status).toBe(404);
    expect((await get(`/stations/999999/readings.csv`)).status).toBe(404);
    expect((await api!.request('GET', '/board/latest', {})).status).toBe(401);
  });

  it('answers the board for 8 parks and 30 stations fast (p95 logged)', async () => {
    const registry = app.get(RegistryReader);
    const admin = app.get(RegistryAdmin);
    const plants = (await registry.plants.list())
      .filter((p) => p.operatingStatus === 'operating')
      .slice(0, 8);
    expect(plants).toHaveLength(8);
    let stations = (await registry.stations.listRefs()).filter((s) => s.active).length;
    for (let i = 0; stations < 30; i++, stations++) {
      const plant = plants[i % plants.length];
      const s = await admin.registerStation({
        code: `${plant.code}-BENCH-${i}`,
        plantId: plant.id,
        name: `Bench ${i}`,
        kind: 'outlet',
      });
      await admin.recordDischargePermit({
        stationId: s.id,
        standardVersion: 'QCVN40:2011',
        columnCode: 'B',
        effectiveFrom: '2026-01-01',
        parameters: ['pH', 'TSS', 'COD', 'NH4'],
      });
    }
    // Two days of 5-minute readings of six parameters at every active station.
    const ids = (await registry.stations.listRefs()).filter((s) => s.active).map((s) => s.id);
    const now = Date.now();
    const rows: NewReading[] = [];
    for (const stationId of ids)
      for (let k = 1; k <= 576; k++)
        for (const [parameterCode, value] of [
          ['Flow', 30],
          ['Temp', 28],
          ['pH', 7],
          ['TSS', 40],
          ['COD', 60],
          ['NH4', 3],
        ] as const)
          rows.push({ time: new Date(now - k * 5 * MINUTE), stationId, parameterCode, value, status: 0 });
    await app.get(ReadingsWriter).insertReadings(rows);

    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      const stationsOnBoard = await board();
      times.push(performance.now() - started);
      expect(stationsOnBoard.length).toBeGreaterThanOrEqual(30);
    }
    times.sort((a, b) => a - b);
    const p95 = times[Math.ceil(times.length * 0.95) - 1];
    const p50 = times[Math.floor(times.length / 2)];
    process.stdout.write(
      `board/latest over ${ids.length} stations, ${rows.length} readings: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms\n`,
    );
    expect(p95).toBeLessThan(1000);

    // The transmission summary of the same stations over the two days of readings.
    const today = localDayOf(new Date());
    const started = performance.now();
    const summary = await get(`/board/transmission?from=${addDays(today, -2)}&to=${addDays(today, 1)}`);
    const took = performance.now() - started;
    expect(summary.status).toBe(200);
    expect((summary.body as Transmission[]).every((s) => s.received > 0 || s.expected > 0)).toBe(true);
    process.stdout.write(
      `board/transmission over ${ids.length} stations and 3 days: ${took.toFixed(1)} ms\n`,
    );
  });
});
