import { addDays, localDayOf } from '@hp/contracts';
import { ParkOutlet, RegistryAdmin, RegistryReader } from '@hp/registry';
import { SeededApi, startSeededApi } from './support/seeded-api';
import { ReadingsWriter } from '@hp/readings';

/**
 * Issue 16, deliverable 7: Decree 08/2022/ND-CP Art. 102 public disclosure of continuous automatic monitoring
 * results of the last 30 days, over the real API app on PostgreSQL: no sign-in, the open-data licence, the
 * permit limit in force (exact), corrected values, only active outlet stations, JSON and CSV, paginated,
 * rate-limited; and the public page served under the dashboard's CSP.
 */
const RATE = 120;
const MINUTE = 60_000;
const DAY = 86_400_000;

interface Envelope<T> {
  dataset: string;
  licence: { name: string; url: string };
  data: T;
}
interface ReadingRow {
  parkCode: string;
  stationCode: string;
  parameter: string;
  value: number;
  unit: string | null;
  time: string;
  status: string;
  limitMin: number | null;
  limitMax: number | null;
  corrected: boolean;
}
interface Page {
  station: { stationId: number; stationCode: string; parkCode: string };
  window: { from: string; to: string };
  readings: ReadingRow[];
  nextFrom: string | null;
  next: string | null;
}

describe('monitoring disclosure (/api/open/v1/monitoring): Decree 08/2022 Art. 102, last 30 days, public', () => {
  let api: SeededApi;
  let outlet: ParkOutlet;
  let inletId: number;
  let inactiveId: number;
  /** Whole minutes, so times compare exactly. */
  const now = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
  const at = (msAgo: number) => new Date(now.getTime() - msAgo);
  const oldTime = at(31 * DAY);
  const monthTime = at(29 * DAY);
  const correctedTime = at(2 * DAY);
  const withdrawnTime = at(2 * DAY + 5 * MINUTE);

  beforeAll(async () => {
    api = await startSeededApi({
      OPEN_DATA_RATE_LIMIT_PER_MINUTE: String(RATE),
      OPEN_DATA_CACHE_SECONDS: '300',
    });
    const stations = api.app.get(RegistryAdmin);
    outlet = (await api.app.get(RegistryReader).stations.listParkOutlets()).find(
      (o) => o.stationId !== null,
    )!;
    const plantId = outlet.plantId!;
    inletId = (await stations.registerStation({ code: 'DISCLOSE-IN', plantId, name: 'inlet', kind: 'inlet' }))
      .id;
    inactiveId = (
      await stations.registerStation({
        code: 'DISCLOSE-OLD',
        plantId,
        name: 'retired',
        kind: 'outlet',
        active: false,
      })
    ).id;
    // QCVN 40:2011 column B, Kq 0.9, Kf 1.1: COD Cmax = 150 x 0.9 x 1.1 = 148.5 (exact); Flow is not judged.
    await api.app.get(RegistryAdmin).recordDischargePermit({
      stationId: outlet.stationId!,
      permitNumber: 'GPMT-DISCLOSE',
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      kq: 0.9,
      kf: 1.1,
      effectiveFrom: addDays(localDayOf(now), -40),
    });
    const readings = api.app.get(ReadingsWriter);
    const rows = [
      { time: oldTime, parameterCode: 'COD', value: 31, status: 0 as const },
      { time: monthTime, parameterCode: 'COD', value: 29, status: 0 as const },
      { time: monthTime, parameterCode: 'Flow', value: 120, status: 0 as const },
      { time: correctedTime, parameterCode: 'COD', value: 400, status: 0 as const },
      { time: withdrawnTime, parameterCode: 'COD', value: 999, status: 0 as const },
      // 150 readings of pH and TSS a minute apart yesterday: more than one page of 100.
      ...Array.from({ length: 75 }, (_, i) => [
        { time: at(DAY + i * MINUTE), parameterCode: 'pH', value: 7 + i / 1000, status: 1 as const },
        { time: at(DAY + i * MINUTE), parameterCode: 'TSS', value: 20 + i, status: 0 as const },
      ]).flat(),
    ];
    await readings.insertReadings(rows.map((r) => ({ ...r, stationId: outlet.stationId! })));
    await readings.insertReadings([
      { time: monthTime, stationId: inletId, parameterCode: 'COD', value: 500, status: 0 },
      { time: monthTime, stationId: inactiveId, parameterCode: 'COD', value: 500, status: 0 },
    ]);
    const corrections = api.app.get(ReadingsWriter);
    await corrections.appendCorrection({
      stationId: outlet.stationId!,
      parameterCode: 'COD',
      time: correctedTime,
      withdrawn: false,
      value: 40,
      reason: 'analyser drift, lab sample 40 mg/L',
      author: 'officer',
    });
    await corrections.appendCorrection({
      stationId: outlet.stationId!,
      parameterCode: 'COD',
      time: withdrawnTime,
      withdrawn: true,
      reason: 'maintenance flush',
      author: 'officer',
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  const readingsUrl = (id: number, query = '') =>
    `${api.url}/open/v1/monitoring/stations/${id}/readings${query ? `?${query}` : ''}`;

  it('serves the last 30 days of an active outlet without a sign-in: licence, +07:00 times, status codes, exact limits, corrections', async () => {
    const response = await fetch(readingsUrl(outlet.stationId!, 'limit=10000'));
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toBe(
      '<https://creativecommons.org/licenses/by/4.0/>; rel="license"',
    );
    const body = (await response.json()) as Envelope<Page>;
    expect(body.dataset).toBe('monitoring-readings');
    expect(body.licence).toEqual({ name: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    const { readings } = body.data;
    const cod = readings.filter((r) => r.parameter === 'COD');
    // The 31-day-old reading is not published; the 29-day-old one is; the withdrawn one is not.
    expect(cod.map((r) => r.value)).toEqual([29, 40]);
    expect(cod[0]).toEqual({
      parkCode: outlet.parkCode,
      stationCode: outlet.stationCode,
      parameter: 'COD',
      value: 29,
      unit: 'mg/L',
      time: localIso(monthTime),
      status: '00',
      limitMin: null,
      limitMax: 148.5,
      corrected: false,
    });
    expect(cod[1]).toMatchObject({ value: 40, corrected: true, limitMax: 148.5 });
    expect(cod[0].time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    // Flow is measured, not judged: no limit. pH is a range, unscaled; status 01 as Circular 10/2021 writes it.
    expect(readings.find((r) => r.parameter === 'Flow')).toMatchObject({ limitMin: null, limitMax: null });
    expect(readings.find((r) => r.parameter === 'pH')).toMatchObject({
      status: '01',
      limitMin: 5.5,
      limitMax: 9,
    });
    expect(readings).toHaveLength(2 + 1 + 150);
    // Nothing internal: no device, no reason, no author, no quarantine.
    const text = JSON.stringify(body);
    for (const internal of ['device', 'analyser drift', 'officer', 'quarantine', '999'])
      expect(text).not.toContain(internal);
  });

  it('serves the same rows as CSV through the one writer, with the limit and a byte-order mark', async () => {
    const response = await fetch(readingsUrl(outlet.stationId!, 'parameter=COD&format=csv'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'parkCode,stationCode,parameter,value,unit,time,status,limitMin,limitMax,corrected',
      `${outlet.parkCode},${outlet.stationCode},COD,29,mg/L,${localIso(monthTime)},00,,148.5,false`,
      `${outlet.parkCode},${outlet.stationCode},COD,40,mg/L,${localIso(correctedTime)},00,,148.5,true`,
    ]);
  });

  it('pages a window: each page ends on a whole instant, names the next, and the pages add up to the window', async () => {
    const from = encodeURIComponent(localIso(at(DAY + 80 * MINUTE)));
    const to = encodeURIComponent(localIso(at(DAY - MINUTE)));
    let url: string | null = readingsUrl(outlet.stationId!, `from=${from}&to=${to}&limit=100`);
    const seen: ReadingRow[] = [];
    let pages = 0;
    while (url) {
      const response: Response = await fetch(url);
      expect(response.status).toBe(200);
      const page = ((await response.json()) as Envelope<Page>).data;
      expect(page.readings.length).toBeLessThanOrEqual(100);
      seen.push(...page.readings);
      pages++;
      if (page.next) {
        expect(response.headers.get('link')).toContain(`<${page.next}>; rel="next"`);
        url = `${api.url}${page.next.replace(/^\/api/, '')}`;
      } else url = null;
    }
    expect(pages).toBe(2);
    expect(seen).toHaveLength(150);
    expect(new Set(seen.map((r) => `${r.parameter}|${r.time}`)).size).toBe(150);
  });

  it('publishes only active outlet stations, each with the limits its permit judges', async () => {
    const list = (await (await fetch(`${api.url}/open/v1/monitoring/stations`)).json()) as Envelope<
      { stationId: number; permit: { number: string } | null; limits: { parameter: string; max: number }[] }[]
    >;
    expect(list.licence.name).toBe('CC-BY-4.0');
    const ids = list.data.map((s) => s.stationId);
    expect(ids).toContain(outlet.stationId);
    expect(ids).not.toContain(inletId);
    expect(ids).not.toContain(inactiveId);
    const mine = list.data.find((s) => s.stationId === outlet.stationId)!;
    expect(mine.permit?.number).toBe('GPMT-DISCLOSE');
    expect(mine.limits.map((l) => l.parameter).sort()).toEqual(['COD', 'NH4', 'TSS', 'Temp', 'pH'].sort());
    expect(mine.limits.find((l) => l.parameter === 'COD')!.max).toBe(148.5);
    for (const id of [inletId, inactiveId, 2_000_000])
      expect((await fetch(readingsUrl(id))).status).toBe(404);
  });

  it('refuses parameters out of their one form with a 400 naming them', async () => {
    const cases: [string, RegExp][] = [
      ['from=2026-11-01', /from: must be an ISO 8601 date-time with its zone/],
      ['parameter=cod', /parameter: must be one of/],
      ['limit=50', /limit: must be an integer from 100 to 10000/],
      ['format=csv&format=json', /format: is given more than once/],
      ['station=1', /station: is not a parameter of this route/],
    ];
    for (const [query, message] of cases) {
      const response = await fetch(readingsUrl(outlet.stationId!, query));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
  });

  it('serves the public page and its script without a sign-in, under the dashboard CSP', async () => {
    const origin = api.url.replace(/\/api$/, '');
    const page = await fetch(`${origin}/disclosure.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toMatch(/<script type="module" src="disclosure.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script: the CSP would refuse it
    const script = await fetch(`${origin}/disclosure.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const source = await script.text();
    expect(source).toContain("'/api/open/v1/monitoring'");
    // It reads the open data only: never the signed-in API client (tokens, refresh).
    expect(source).not.toContain('./api.js');
  });

  it('gives a client over its rate a 429 with Retry-After', async () => {
    let refused: Response | undefined;
    for (let i = 0; i < RATE + 1 && !refused; i++) {
      const response = await fetch(`${api.url}/open/v1/monitoring/stations`);
      if (response.status === 429) refused = response;
      else {
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
    }
    expect(refused).toBeDefined();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused!.json()) as { code: string }).code).toBe('TOO_MANY_REQUESTS');
  });
});

/** Local time, ISO 8601 with +07:00, as the disclosure writes it (whole seconds here). */
function localIso(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().replace('.000Z', '+07:00');
}
