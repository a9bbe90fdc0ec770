import { ComplianceWriter } from '@hp/compliance';
import { ParkOutlet, RegistryReader } from '@hp/registry';
import { SeededApi, startSeededApi } from './support/seeded-api';

/**
 * Open data over the real API app on PostgreSQL: no sign-in, a licence in every answer, aggregates only,
 * JSON and CSV, served from the cache (ETag, 304), and a client over its rate gets 429 with Retry-After.
 */
const RATE = 40;

describe('open data (/api/open/v1): public, licensed, cached, rate-limited', () => {
  let api: SeededApi;
  let outletsByPark: Map<string, ParkOutlet[]>;
  let judged: string;
  let idle: string;

  beforeAll(async () => {
    api = await startSeededApi({
      OPEN_DATA_RATE_LIMIT_PER_MINUTE: String(RATE),
      OPEN_DATA_CACHE_SECONDS: '300',
      OPEN_DATA_LICENCE: 'CC-BY-4.0',
    });
    const outlets = (await api.app.get(RegistryReader).stations.listParkOutlets()).filter(
      (o) => o.stationId !== null && o.parkStatus === 'operating' && o.plantStatus === 'operating',
    );
    outletsByPark = new Map();
    for (const o of outlets) outletsByPark.set(o.parkCode, [...(outletsByPark.get(o.parkCode) ?? []), o]);
    [judged, idle] = [...outletsByPark.keys()];
    // The judged park: every outlet compliant on the 1st, one exceedance on the 2nd; nothing for the other.
    await api.app.get(ComplianceWriter).storeStationDays(
      outletsByPark.get(judged)!.flatMap((o, i) => [
        {
          stationId: o.stationId!,
          day: '2026-03-01',
          permitId: null,
          verdict: 'compliant' as const,
          reasons: [],
        },
        {
          stationId: o.stationId!,
          day: '2026-03-02',
          permitId: null,
          verdict: i === 0 ? ('exceedance' as const) : ('compliant' as const),
          reasons:
            i === 0
              ? [
                  {
                    code: 'EXCEEDANCE_DAILY_MEAN' as const,
                    params: {
                      parameter: 'COD',
                      mean: 212,
                      limit: 150,
                      bound: 'max' as const,
                      unit: 'mg/L',
                      confirmed: false,
                    },
                  },
                ]
              : [],
        },
      ]),
    );
  });
  afterAll(async () => {
    await api?.close();
  });

  const daily = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/open/v1/parks/daily?${query}`, { headers });

  it('serves each park day without a sign-in, with its licence and nothing but aggregates', async () => {
    const response = await daily('from=2026-03-01&to=2026-03-03');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('link')).toBe(
      '<https://creativecommons.org/licenses/by/4.0/>; rel="license"',
    );
    const body = (await response.json()) as {
      dataset: string;
      licence: { name: string; url: string };
      data: Record<string, unknown>[];
    };
    expect(body.licence).toEqual({ name: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(body.dataset).toBe('park-daily-compliance');
    const row = (day: string, park: string) =>
      body.data.find((r) => r['day'] === day && r['parkCode'] === park)!;
    const n = outletsByPark.get(judged)!.length;
    expect(row('2026-03-01', judged)).toMatchObject({ status: 'compliant', outlets: n, compliantOutlets: n });
    expect(row('2026-03-02', judged)).toMatchObject({ status: 'exceedance', exceedanceOutlets: 1 });
    expect(row('2026-03-01', idle)).toMatchObject({
      status: 'insufficient_data',
      missingOutlets: outletsByPark.get(idle)!.length,
    });
    // No device data, no station, no reason text, no person: only these keys.
    for (const r of body.data)
      expect(Object.keys(r).sort()).toEqual(
        [
          'compliantOutlets',
          'day',
          'exceedanceOutlets',
          'suspectedExceedanceOutlets',
          'insufficientDataOutlets',
          'missingOutlets',
          'noPermitOutlets',
          'outlets',
          'parkCode',
          'parkName',
          'provisional',
          'status',
        ].sort(),
      );
    expect(JSON.stringify(body)).not.toContain('COD 212');
  });

  it('serves CSV with a byte-order mark and the parks named in Vietnamese as stored', async () => {
    const response = await daily('from=2026-03-01&to=2026-03-03&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'day,parkCode,parkName,status,outlets,compliantOutlets,exceedanceOutlets,suspectedExceedanceOutlets,insufficientDataOutlets,noPermitOutlets,missingOutlets,provisional',
    );
    const parkName = outletsByPark.get(judged)![0].parkName;
    expect(lines).toContainEqual(expect.stringContaining(`2026-03-02,${judged},`));
    expect(bytes.toString('utf8')).toContain(parkName.includes(',') ? `"${parkName}"` : parkName);
    expect(lines.length).toBe(
      1 +
        2 *
          new Set((await api.app.get(RegistryReader).stations.listParkOutlets()).map((o) => o.parkCode)).size,
    );
  });

  it('serves the KPI of both targets as JSON and CSV', async () => {
    const json = (await (await fetch(`${api.url}/open/v1/kpi?period=month&date=2026-03-15`)).json()) as {
      licence: { name: string };
      data: {
        wastewater: { period: { from: string; to: string } };
        hazardousWaste: {
          generatedKg: number;
          declared: {
            year: number;
            declaredKg: number | null;
            parks: { parkCode: string; tracking: string }[];
          };
        };
      };
    };
    expect(json.licence.name).toBe('CC-BY-4.0');
    expect(json.data.wastewater.period).toMatchObject({ from: '2026-03-01', to: '2026-04-01' });
    expect(json.data.hazardousWaste.generatedKg).toBe(0);
    // Waste seen whole: every park is listed against declared generation, none tracking or declaring here.
    const { declared } = json.data.hazardousWaste;
    expect(declared).toMatchObject({ year: 2026, declaredKg: null });
    expect(declared.parks.length).toBe(
      new Set((await api.app.get(RegistryReader).stations.listParkOutlets()).map((o) => o.parkCode)).size,
    );
    expect(new Set(declared.parks.map((p) => p.tracking))).toEqual(new Set(['no_data']));
    const bytes = Buffer.from(
      await (await fetch(`${api.url}/open/v1/kpi?period=month&date=2026-03-15&format=csv`)).arrayBuffer(),
    );
    const csv = bytes.toString('utf8'); // Buffer keeps the byte-order mark (fetch's text() drops it)
    expect(csv.split('\r\n')[0]).toBe('\uFEFFscope,indicator,value,periodFrom,periodTo,provisional');
    expect(csv).toContain('city,hazardous_waste_generated_kg,0,2026-03-01,2026-04-01,\r\n');
    expect(csv).toContain('city,hazardous_waste_tracked_share_of_declared,,2026-01-01,2027-01-01,\r\n');
  });

  it('answers a repeated request from its cache and a conditional one with 304', async () => {
    const first = await daily('from=2026-03-01&to=2026-03-02');
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const before = await first.text();
    // A verdict changes: the cached answer stands until it expires (another range is computed afresh).
    const o = outletsByPark.get(judged)![0];
    await api.app
      .get(ComplianceWriter)
      .storeStationDays([
        { stationId: o.stationId!, day: '2026-03-01', permitId: null, verdict: 'exceedance', reasons: [] },
      ]);
    expect(await (await daily('from=2026-03-01&to=2026-03-02')).text()).toBe(before);
    const fresh = (await (await daily('from=2026-02-28&to=2026-03-02')).json()) as {
      data: { day: string; parkCode: string; status: string }[];
    };
    expect(fresh.data.find((r) => r.day === '2026-03-01' && r.parkCode === judged)!.status).toBe(
      'exceedance',
    );
    const conditional = await daily('from=2026-03-01&to=2026-03-02', { 'if-none-match': etag });
    expect(conditional.status).toBe(304);
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    const cases: [string, RegExp][] = [
      ['from=2026-3-1', /from: must be a date YYYY-MM-DD/],
      ['from=2026-02-30', /from: must be a date YYYY-MM-DD that exists/],
      ['from=2026-03-01&from=2026-03-02', /from: is given more than once/],
      ['from=2026-03-05&to=2026-03-01', /to \(2026-03-01\) must be after from \(2026-03-05\)/],
      ['from=2025-01-01&to=2026-03-01', /at most 366 days/],
      ['format=xml', /format: must be one of json, csv/],
    ];
    for (const [query, message] of cases) {
      const response = await daily(query);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
  });

  it('gives a client over its rate a 429 with Retry-After', async () => {
    let refused: Response | undefined;
    for (let i = 0; i < RATE + 1 && !refused; i++) {
      const response = await fetch(`${api.url}/open/v1`);
      if (response.status === 429) refused = response;
      else {
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
    }
    expect(refused).toBeDefined();
    const retryAfter = Number(refused!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await refused!.json()) as { code: string }).code).toBe('TOO_MANY_REQUESTS');
  });
});
