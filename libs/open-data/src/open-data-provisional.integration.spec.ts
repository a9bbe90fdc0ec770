// Issue 16, deliverable 2 carried to the public and city views: a park's standing that rests on a day in
// progress (or one inside its late-data window) says so (`provisional`), in the open data's park days (JSON
// and CSV), the open KPI and the officers' KPI; the same standing on a closed, final day does not.
import { INestApplication } from '@nestjs/common';
import { addDays, localDayOf, namedApiSchemas } from '@hp/contracts';
import { ComplianceWriter } from '@hp/compliance';
import { RegistryAdmin } from '@hp/registry';
import { startOpenDataApp } from './open-data-test-app';

/** A closed day long past: its verdicts are final. */
const CLOSED = '2026-03-02';

interface NotMeeting {
  parkCode: string;
  status: string;
  provisional: boolean;
}

describe('provisional standings in open data and the KPI (PostgreSQL, over HTTP)', () => {
  let app: INestApplication;
  let url: string;
  let close: (() => Promise<void>) | undefined;
  const today = localDayOf(new Date());

  beforeAll(async () => {
    ({ app, url, close } = await startOpenDataApp());
    // One park whose outlet exceeds on the closed day (final) and today (judged so far, provisional).
    const park = await app
      .get(RegistryAdmin)
      .registerPark({ code: 'PRV', name: 'KCN PRV', operatingStatus: 'operating' });
    const plant = await app
      .get(RegistryAdmin)
      .registerTreatmentPlant({
        code: 'PRV-CETP',
        parkId: park.id,
        name: 'CETP',
        operatingStatus: 'operating',
      });
    const station = await app
      .get(RegistryAdmin)
      .registerStation({ code: 'PRV-OUT', plantId: plant.id, name: 'out', kind: 'outlet' });
    await app.get(ComplianceWriter).storeStationDays([
      {
        stationId: station.id,
        day: CLOSED,
        permitId: null,
        verdict: 'exceedance',
        reasons: [{ code: 'TEXT', params: { text: 'COD' } }],
        provisional: false,
        judgedUntil: null,
      },
      {
        stationId: station.id,
        day: today,
        permitId: null,
        verdict: 'exceedance',
        reasons: [{ code: 'TEXT', params: { text: 'COD' } }],
        provisional: true,
        judgedUntil: new Date(),
      },
    ]);
  }, 60_000);

  afterAll(async () => {
    await close?.();
  });

  const json = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  it('park days: today is provisional, the closed final day is not (JSON and CSV)', async () => {
    const rows = async (from: string) =>
      (
        await json<{ data: { day: string; parkCode: string; status: string; provisional: boolean }[] }>(
          `/open/v1/parks/daily?from=${from}&to=${addDays(from, 1)}`,
        )
      ).data.filter((r) => r.parkCode === 'PRV');
    expect(await rows(today)).toEqual([
      expect.objectContaining({ day: today, status: 'exceedance', provisional: true }),
    ]);
    expect(await rows(CLOSED)).toEqual([
      expect.objectContaining({ day: CLOSED, status: 'exceedance', provisional: false }),
    ]);
    const csv = async (from: string) => {
      const text = await (
        await fetch(`${url}/open/v1/parks/daily?from=${from}&to=${addDays(from, 1)}&format=csv`)
      ).text();
      const [header, ...lines] = text.trimEnd().split('\r\n');
      const columns = header.split(',');
      const row = lines.map((l) => l.split(',')).find((f) => f[columns.indexOf('parkCode')] === 'PRV')!;
      return { last: columns.at(-1), status: row[columns.indexOf('status')], flag: row.at(-1) };
    };
    expect(await csv(CLOSED)).toEqual({ last: 'provisional', status: 'exceedance', flag: 'false' });
    expect(await csv(today)).toEqual({ last: 'provisional', status: 'exceedance', flag: 'true' });
  });

  it("the KPI's parks not meeting the standard: provisional on today, final on the closed day", async () => {
    const open = (date: string) =>
      json<{ data: { wastewater: { provisional: boolean; notMeeting: NotMeeting[] } } }>(
        `/open/v1/kpi?period=day&date=${date}`,
      );
    const officers = (date: string) =>
      json<{ provisional: boolean; notMeeting: (NotMeeting & { reasons: { code: string }[] })[] }>(
        `/compliance/kpi?period=day&date=${date}`,
      );
    const prv = (list: NotMeeting[]) => list.find((p) => p.parkCode === 'PRV');
    const openToday = (await open(today)).data.wastewater;
    expect(prv(openToday.notMeeting)).toEqual({
      parkCode: 'PRV',
      parkName: 'KCN PRV',
      status: 'exceedance',
      provisional: true,
    });
    expect(openToday.provisional).toBe(true);
    const openClosed = (await open(CLOSED)).data.wastewater;
    expect(prv(openClosed.notMeeting)).toMatchObject({ status: 'exceedance', provisional: false });
    expect(openClosed.provisional).toBe(false);
    expect(prv((await officers(today)).notMeeting)).toMatchObject({
      status: 'exceedance',
      provisional: true,
    });
    const closed = await officers(CLOSED);
    expect(prv(closed.notMeeting)).toMatchObject({ status: 'exceedance', provisional: false });
    expect(closed.provisional).toBe(false);
    // In CSV the wastewater standings carry the flag, waste figures leave it empty.
    const csv = await (await fetch(`${url}/open/v1/kpi?period=day&date=${today}&format=csv`)).text();
    expect(csv.split('\r\n')[0]).toBe('scope,indicator,value,periodFrom,periodTo,provisional');
    expect(csv).toContain(`PRV,meets_wastewater_standard,0,${today},${addDays(today, 1)},true`);
    expect(csv).toContain(`city,hazardous_waste_generated_kg,0,${today},${addDays(today, 1)},\r\n`);
    const closedCsv = await (await fetch(`${url}/open/v1/kpi?period=day&date=${CLOSED}&format=csv`)).text();
    expect(closedCsv).toContain(`PRV,meets_wastewater_standard,0,${CLOSED},${addDays(CLOSED, 1)},false`);
  });

  it('documents the flag in the OpenAPI schema of the routes', async () => {
    const { SwaggerModule, DocumentBuilder } = await import('@nestjs/swagger');
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    // Named response schemas (apiSchema) are served under components/schemas: follow the references.
    const named = namedApiSchemas();
    const schemaOf = (path: string) =>
      JSON.stringify(doc.paths[path].get!.responses['200']).replace(
        /\{"\$ref":"#\/components\/schemas\/(\w+)"\}/g,
        (ref, name: string) => (name in named ? JSON.stringify(named[name]) : ref),
      );
    for (const path of ['/open/v1/parks/daily', '/open/v1/kpi', '/compliance/kpi', '/compliance/parks'])
      expect(schemaOf(path)).toContain('"provisional":{"type":"boolean"');
  });
});
