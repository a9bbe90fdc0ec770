import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { Workbook } from 'exceljs';
import { JOB_QUEUE, JobQueue, QueueModule, redisUrl } from '@hp/queue';
import { StorageModule } from '@hp/storage';
import { WasteLotRecord, WasteWriter } from '@hp/waste';
import { RegistryAdmin, RegistryDataModule, RegistryReader } from '@hp/registry';
import { ComplianceDataModule, ComplianceWriter } from '@hp/compliance';
import { createTestDatabase, SmtpSink, startSmtpSink, TestDatabase, waitFor } from '@hp/testing';
import { reason } from '@hp/contracts';
import { parseReportPeriod } from './model/report-period';
import { ProgressReportBuilder } from './model/progress-report';
import { ReportDeliveriesRepository } from './storage/report-deliveries.repository';
import { ReportRunsRepository } from './storage/report-runs.repository';
import { ReportSubscriptionsRepository } from './storage/report-subscriptions.repository';
import { layoutReport } from './model/report-tables';
import { translator } from './model/messages';
import { ReportsApiModule, ReportsWorkerModule } from './reports.module';
import { ReportsService } from './reports.service';
import { REPORT_GENERATE_JOB, REPORT_SCHEDULES, ReportJobs } from './worker/report-jobs';
import { ReadingsDataModule } from '@hp/readings';

// pdf-parse's index.js runs a debug self-test when required directly; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (
  data: Buffer,
) => Promise<{ text: string; numpages: number }>;

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** Sample files for the closing note: test/output/reports (rewritten on every run). */
const SAMPLES = path.resolve(__dirname, '../../../test/output/reports');
/** The report is made as the scheduled job makes it: 1 Nov 2026, 06:00 in Hai Phong. */
const NOW = new Date('2026-11-01T06:00:00+07:00');
const at = (iso: string) => new Date(iso);

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

/**
 * A month of reports from a seeded database (real PostgreSQL, real Redis for the jobs, a real SMTP server):
 * two parks with an outlet each (Đình Vũ compliant all October, VSIP with two exceedance days), one park
 * without a plant, and four hazardous-waste lots (1,000 kg treated per regulation, 500 kg received short,
 * 300 kg with a gap in its chain).
 */
describe('progress reports (PostgreSQL, Redis, SMTP)', () => {
  let database: TestDatabase;
  let smtp: SmtpSink;
  let app: INestApplication;
  const prefix = `reports-spec-${randomUUID()}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpSink();
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
        QueueModule.forRoot({ driver: 'bullmq', redis: redisUrl(REDIS_URL), prefix }),
        ReportsApiModule.forRoot(),
        ReportsWorkerModule.forRoot({ smtpUrl: smtp.url, mailFrom: 'reports@hp-envmon.local' }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    await app.init();

    const parks = app.get(RegistryReader).parks;
    const stations = app.get(RegistryReader).stations;
    const judged = app.get(ComplianceWriter);
    const october = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
    const seeded: [string, string, string[]][] = [
      ['DVU', 'Khu công nghiệp Đình Vũ', []],
      ['VSIP', 'Khu công nghiệp VSIP Hải Phòng', ['2026-10-14', '2026-10-20']],
    ];
    for (const [code, name, exceedances] of seeded) {
      const park = await app.get(RegistryAdmin).registerPark({ code, name, operatingStatus: 'operating' });
      const plant = await app.get(RegistryAdmin).registerTreatmentPlant({
        code: `${code}-CETP`,
        parkId: park.id,
        name: 'CETP',
        operatingStatus: 'operating',
      });
      const station = await app.get(RegistryAdmin).registerStation({
        code: `${code}-OUT`,
        plantId: plant.id,
        name: 'outlet',
        kind: 'outlet',
      });
      await judged.storeStationDays(
        october.map((day) => ({
          stationId: station.id,
          day,
          permitId: null,
          verdict: exceedances.includes(day) ? 'exceedance' : 'compliant',
          reasons: exceedances.includes(day)
            ? [
                reason('EXCEEDANCE_DAILY_MEAN', {
                  parameter: 'COD',
                  mean: 182.5,
                  limit: 150,
                  bound: 'max',
                  unit: 'mg/L',
                  confirmed: false,
                }),
              ]
            : [],
        })),
      );
    }
    // An officer rejected COD readings the flat-line screen had set aside at Đình Vũ on 10 October.
    await app.get(ComplianceWriter).appendSetAsideReview({
      stationId: (await stations.findByCode('DVU-OUT'))!.id,
      day: '2026-10-10',
      parameterCode: 'COD',
      decision: 'rejected',
      setAsideRecords: 24,
      note: 'Ô đo COD bị tắc, biên bản kiểm tra 11/10',
      reviewer: 'canbo.moitruong',
    });
    await app
      .get(RegistryAdmin)
      .registerPark({ code: 'NCK', name: 'Khu công nghiệp Nam Cầu Kiền', operatingStatus: 'operating' });
    const dvu = (await parks.findByCode('DVU'))!.id;
    const vsip = (await parks.findByCode('VSIP'))!.id;
    const lots = app.get(WasteWriter);
    const treated = {
      state: 'treated' as const,
      handedOverAt: at('2026-10-08T09:00:00+07:00'),
      receivedAt: at('2026-10-08T15:00:00+07:00'),
      treatedAt: at('2026-10-10T10:00:00+07:00'),
    };
    await lots.saveFoldedLot(
      lot('L-DVU-1', dvu, { ...treated, generatedKg: 1000, handedOverKg: 1000, receivedKg: 1000 }),
    );
    await lots.saveFoldedLot(
      lot('L-DVU-2', dvu, { ...treated, generatedKg: 500, handedOverKg: 500, receivedKg: 400 }),
    );
    await lots.saveFoldedLot(
      lot('L-VSIP-1', vsip, {
        generatedKg: 300,
        findings: [{ code: 'chain_gap', params: { step: 'lot.handed-over', missing: 'lot.generated' } }],
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await database?.drop();
  });

  it('makes the month in Vietnamese as PDF, XLSX and CSV with the seeded figures and correct diacritics', async () => {
    const { run, files } = await app
      .get(ReportsService)
      .generate(
        { period: parseReportPeriod('2026-10'), language: 'vi', parkCode: null, trigger: 'request' },
        NOW,
      );
    expect(run).toMatchObject({
      kind: 'month',
      period: '2026-10',
      language: 'vi',
      scope: '',
      status: 'ready',
    });
    expect(files.map((f) => f.filename)).toEqual([
      'progress-2026-10-vi.pdf',
      'progress-2026-10-vi.xlsx',
      'progress-2026-10-vi.csv',
    ]);
    await mkdir(SAMPLES, { recursive: true });
    for (const f of files) await writeFile(path.join(SAMPLES, f.filename), f.content);

    const pdf = files.find((f) => f.format === 'pdf')!.content;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfParse(pdf);
    for (const phrase of [
      'Báo cáo tiến độ thực hiện mục tiêu năm 2030',
      'Tháng 10/2026',
      'Khu công nghiệp Đình Vũ',
      'Khu công nghiệp Nam Cầu Kiền',
      'Đạt chuẩn',
      'Vượt chuẩn',
      'Chất thải nguy hại',
      'Chưa có nhà máy xử lý',
      'Thời điểm lập: 01/11/2026 06:00',
      'vượt chuẩn 2 ngày',
      // The latest day's reason, stored as a code, worded by the catalogue in Vietnamese numbers.
      'COD: trung bình ngày 182,5 >',
      'Bác bỏ do lỗi thiết bị',
      'Ô đo COD bị tắc',
      'Thiếu một bước trong chuỗi',
      'L-VSIP-1',
      'Trang 1',
    ])
      expect(text).toContain(phrase);
    // 1 of 3 operating parks met the standard; 1,000 of 1,800 kg were treated per regulation.
    expect(text).toContain('33,3 %');
    expect(text).toContain('55,6 %');

    const workbook = new Workbook();
    await workbook.xlsx.load(files.find((f) => f.format === 'xlsx')!.content as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names[0]).toBe('0. Tóm tắt');
    const summary = workbook.worksheets[1];
    expect(summary.getRow(3).values).toEqual([
      undefined,
      'Mục tiêu 1: khu công nghiệp đang hoạt động có nhà máy xử lý nước thải tập trung đạt chuẩn',
      1 / 3,
      1,
      3,
      '100 % đến năm 2030',
    ]);
    expect(summary.getCell('B3').numFmt).toBe('0.0%');
    expect(summary.getCell('B4').value).toBeCloseTo(0.5556, 4);
    const parksSheet = workbook.worksheets[2];
    const dvuRow = parksSheet.getRow(3).values as unknown[];
    expect(dvuRow.slice(1)).toEqual([
      'DVU',
      'Khu công nghiệp Đình Vũ',
      'Đạt chuẩn',
      1,
      31,
      31,
      0,
      0,
      0,
      0,
      0,
    ]);
    expect((parksSheet.getRow(5).values as unknown[]).slice(1, 4)).toEqual([
      'VSIP',
      'Khu công nghiệp VSIP Hải Phòng',
      'Vượt chuẩn',
    ]);

    const csv = files.find((f) => f.format === 'csv')!.content;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Mục,Kỳ,Đối tượng,Chỉ tiêu,Giá trị');
    expect(lines).toContain('parks,2026-10,DVU,park,Khu công nghiệp Đình Vũ');
    expect(lines).toContain('parks,2026-10,VSIP,exceedance_days,2');
    expect(lines).toContain('summary,2026-10,hazardous_waste,total,1800');
    expect(lines).toContain('waste_gaps,2026-10,L-DVU-2,kg,500');
    expect(lines).toContain('trend,2026-10,2026-10,parks_meeting,1');
    expect(lines).toContain('set_aside_reviews,2026-10,DVU-OUT/2026-10-10/COD,reviewer,canbo.moitruong');
  });

  it('makes the same month in English; generating it again adds a version and keeps the first (issue 18)', async () => {
    const service = app.get(ReportsService);
    const request = {
      period: parseReportPeriod('2026-10'),
      language: 'en' as const,
      parkCode: null,
      trigger: 'request' as const,
    };
    const first = await service.generate(request, NOW);
    const again = await service.generate(request, new Date(NOW.getTime() + 60_000));
    expect(again.run.id).not.toBe(first.run.id);
    expect(again.run.version).toBe(first.run.version + 1);
    const runs = app.get(ReportRunsRepository);
    // The first version keeps its files, byte for byte.
    for (const file of first.files)
      expect((await runs.file(first.run.id, file.format))!.content.equals(file.content)).toBe(true);
    expect((await runs.findByKey({ kind: 'month', period: '2026-10', language: 'en', scope: '' }))!.id).toBe(
      again.run.id,
    );
    const pdf = again.files.find((f) => f.format === 'pdf')!;
    await writeFile(path.join(SAMPLES, pdf.filename), pdf.content);
    const { text } = await pdfParse(pdf.content);
    for (const phrase of [
      'Progress report on the 2030 targets',
      'Month 10/2026',
      'Khu công nghiệp Đình Vũ',
      'Exceedance',
      '33.3 %',
      'Page 1 of',
    ])
      expect(text).toContain(phrase);
    const versions = (await runs.list()).filter((r) => r.period === '2026-10' && r.language === 'en');
    expect(versions.map((r) => r.version).sort()).toEqual([first.run.version, again.run.version]);
  });

  it("makes one park's report only with that park's figures", async () => {
    const { files } = await app
      .get(ReportsService)
      .generate(
        { period: parseReportPeriod('2026-Q4'), language: 'vi', parkCode: 'VSIP', trigger: 'request' },
        NOW,
      );
    const lines = files
      .find((f) => f.format === 'csv')!
      .content.toString('utf8')
      .split('\r\n');
    expect(lines).toContain('summary,2026-Q4,hazardous_waste,total,300');
    expect(lines.some((l) => l.includes(',DVU,'))).toBe(false);
  });

  it('marks a park not meeting the standard as provisional while its standing rests on a day that may change', async () => {
    const builder = app.get(ProgressReportBuilder);
    // October is closed and its days final: VSIP's exceedance stands.
    const october = await builder.build(parseReportPeriod('2026-10'), null, NOW);
    expect(october.wastewater.notMeeting.find((p) => p.parkCode === 'VSIP')).toMatchObject({
      status: 'exceedance',
      provisional: false,
    });
    // November holds today (judged so far): every standing may still change, and the table says so.
    const november = await builder.build(parseReportPeriod('2026-11'), null, NOW);
    expect(november.wastewater.notMeeting.length).toBeGreaterThan(0);
    expect(november.wastewater.notMeeting.every((p) => p.provisional)).toBe(true);
    const table = layoutReport(november, translator('vi')).tables.find((t) => t.id === 'not_meeting')!;
    expect(String(table.rows[0].cells[2])).toContain('(tạm tính');
  });

  it('the scheduled job reports on the month just ended and e-mails each subscriber once, with attachments', async () => {
    const subscriptions = app.get(ReportSubscriptionsRepository);
    const vi = await subscriptions.insert({
      email: 'so-tnmt@haiphong.example',
      language: 'vi',
      periodKinds: ['month'],
      formats: ['pdf', 'xlsx'],
    });
    const en = await subscriptions.insert({
      email: 'heza@haiphong.example',
      language: 'en',
      periodKinds: ['month', 'year'],
      formats: ['csv'],
    });
    await subscriptions.insert({
      email: 'yearly@haiphong.example',
      language: 'en',
      periodKinds: ['year'],
      formats: ['pdf'],
    });
    const queue = app.get<JobQueue>(JOB_QUEUE);
    await queue.startWorkers();

    // The schedule fired on 1 November: the report is October's.
    const period = await app.get(ReportJobs).generate({ kind: 'month' }, NOW);
    expect(period.key).toBe('2026-10');
    await waitFor(async () => (smtp.messages.length >= 2 ? true : null), { timeoutMs: 20_000 });
    // The same job once more (a retry, or an operator re-running it) sends nothing new.
    await queue.add(REPORT_GENERATE_JOB, { kind: 'month', period: '2026-10' });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(smtp.messages.map((m) => m.to).sort()).toEqual([
      ['heza@haiphong.example'],
      ['so-tnmt@haiphong.example'],
    ]);
    const viMail = smtp.messages.find((m) => m.to[0] === 'so-tnmt@haiphong.example')!.raw;
    expect(viMail).toContain('progress-2026-10-vi.pdf');
    expect(viMail).toContain('progress-2026-10-vi.xlsx');
    expect(viMail).not.toContain('progress-2026-10-vi.csv');
    expect(viMail).toContain('application/pdf');
    expect(smtp.messages.find((m) => m.to[0] === 'heza@haiphong.example')!.raw).toContain(
      'progress-2026-10-en.csv',
    );
    const run = await app
      .get(ReportRunsRepository)
      .findByKey({ kind: 'month', period: '2026-10', language: 'vi', scope: '' });
    expect(run?.trigger).toBe('schedule');
    expect(
      (await app.get(ReportDeliveriesRepository).listForRun(run!.id)).map((d) => d.subscriptionId),
    ).toEqual([vi.id]);
    void en;
    // A retried job gets the scheduled version already made: no new version, no second e-mail.
    await app.get(ReportJobs).generate({ kind: 'month' }, new Date(NOW.getTime() + 60_000));
    expect(
      (await app
        .get(ReportRunsRepository)
        .findByKey({ kind: 'month', period: '2026-10', language: 'vi', scope: '' }))!.id,
    ).toBe(run!.id);

    // The calendar schedules live in Redis as BullMQ job schedulers, in Hai Phong time.
    const reportsQueue = new Queue('reports', { connection: { url: REDIS_URL }, prefix });
    try {
      const schedulers = await reportsQueue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual(
        Object.entries(REPORT_SCHEDULES)
          .map(([kind, pattern]) => [`reports:${kind}`, pattern, 'Asia/Ho_Chi_Minh'])
          .sort(),
      );
    } finally {
      await reportsQueue.close();
    }
  }, 60_000);
});
