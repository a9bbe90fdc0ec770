import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { localDayOf } from '@hp/contracts';
import { AuditTrail } from '@hp/audit';
import { RegistryReader } from '@hp/registry';
import { CityReport, CityReportSettings, ReportSubmission, translator } from '@hp/reports';
import { SeededApi, startSeededApi } from './support/seeded-api';

// pdf-parse's index.js runs a debug self-test when required directly; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;
/** Sample files for the closing note: test/output/reports (rewritten on every run). */
const SAMPLES = path.resolve(__dirname, '../output/reports');

/**
 * The reporting chain of plan 624/KH-BQL on the real API app: a park submits its month, the Planning
 * department returns it with a comment, the park resubmits, the department approves it and issues the
 * Authority's report to the City (Decree 30 form); issuing again is a correction with its own number.
 */
describe('reporting chain: park submissions and the report to the City', () => {
  let api: SeededApi;
  let vsipId: number;
  let deepcId: number;
  const operator = () => api.signedIn('vsip.operator', 'park_operator', [vsipId]);
  const otherOperator = () => api.signedIn('deepc.operator', 'park_operator', [deepcId]);
  const planning = () => api.signedIn('khdt.officer', 'officer');

  async function call<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function download(path: string): Promise<Buffer> {
    const response = await fetch(`${api.url}${path}`, { headers: planning() });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  beforeAll(async () => {
    api = await startSeededApi();
    const parks = api.app.get(RegistryReader).parks;
    vsipId = (await parks.findByCode('VSIP-HP'))!.id;
    deepcId = (await parks.findByCode('DEEPC-HP1'))!.id;
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  let submission: ReportSubmission;

  it('a park drafts its month over its figures, submits it, and cannot approve it', async () => {
    const created = await call<ReportSubmission>('POST', '/report-submissions?park=VSIP-HP', operator(), {
      period: '2026-11',
      progress: 'Nhà máy xử lý nước thải tập trung vận hành ổn định.',
      difficulties: 'Thiết bị quan trắc COD hỏng 2 ngày.',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      parkCode: 'VSIP-HP',
      kind: 'month',
      period: '2026-11',
      state: 'draft',
    });
    expect(created.body.figures).toMatchObject({
      scope: { parkCode: 'VSIP-HP' },
      period: { key: '2026-11' },
    });
    // One submission per park and period.
    expect(
      (await call('POST', '/report-submissions?park=VSIP-HP', operator(), { period: '2026-11' })).status,
    ).toBe(409);
    // Another park's operator cannot file for VSIP, nor read, edit or submit its submission.
    expect(
      (await call('POST', '/report-submissions?park=VSIP-HP', otherOperator(), { period: '2026-11' })).status,
    ).toBe(403);
    const id = created.body.id;
    expect((await call('GET', `/report-submissions/${id}`, otherOperator())).status).toBe(403);
    expect(
      (await call('PATCH', `/report-submissions/${id}`, otherOperator(), { progress: 'x' })).status,
    ).toBe(403);
    expect((await call('POST', `/report-submissions/${id}/submit`, otherOperator(), {})).status).toBe(403);

    const edited = await call<ReportSubmission>('PATCH', `/report-submissions/${id}`, operator(), {
      proposals: 'Đề nghị hỗ trợ thay thế thiết bị quan trắc.',
    });
    expect(edited.body).toMatchObject({
      state: 'draft',
      difficulties: 'Thiết bị quan trắc COD hỏng 2 ngày.',
    });
    const submitted = await call<ReportSubmission>(
      'POST',
      `/report-submissions/${id}/submit`,
      operator(),
      {},
    );
    expect(submitted.body.state).toBe('submitted');
    // A submitted report is no longer the park's to edit; approving is the department's.
    expect((await call('PATCH', `/report-submissions/${id}`, operator(), { progress: 'x' })).status).toBe(
      409,
    );
    expect((await call('POST', `/report-submissions/${id}/approve`, operator(), {})).status).toBe(403);
    expect(
      (await call('POST', `/report-submissions/${id}/return`, operator(), { comment: 'x' })).status,
    ).toBe(403);
    submission = submitted.body;
  }, 60_000);

  it('the department returns it with a comment, the park resubmits, the department approves it', async () => {
    const id = submission.id;
    const listed = await call<ReportSubmission[]>(
      'GET',
      '/report-submissions?period=2026-11&state=submitted',
      planning(),
    );
    expect(listed.body.map((s) => s.id)).toEqual([id]);
    // A park operator lists its own parks' submissions only.
    expect((await call<ReportSubmission[]>('GET', '/report-submissions', otherOperator())).body).toEqual([]);
    expect(
      (await call<ReportSubmission[]>('GET', '/report-submissions', operator())).body.map((s) => s.id),
    ).toEqual([id]);

    // A return needs its comments.
    expect((await call('POST', `/report-submissions/${id}/return`, planning(), {})).status).toBe(400);
    const returned = await call<ReportSubmission>('POST', `/report-submissions/${id}/return`, planning(), {
      comment: 'Bổ sung nguyên nhân và thời gian khắc phục sự cố thiết bị.',
    });
    expect(returned.body.state).toBe('returned');
    expect((await call('POST', `/report-submissions/${id}/approve`, planning(), {})).status).toBe(409);
    const resubmitted = await call<ReportSubmission>('POST', `/report-submissions/${id}/submit`, operator(), {
      difficulties: 'Thiết bị quan trắc COD hỏng 2 ngày do sét; đã thay thế ngày 20/11.',
    });
    expect(resubmitted.body.state).toBe('resubmitted');
    const approved = await call<ReportSubmission>(
      'POST',
      `/report-submissions/${id}/approve`,
      planning(),
      {},
    );
    expect(approved.body.state).toBe('approved');
    expect(approved.body.events.map((e) => [e.action, e.state, e.actor])).toEqual([
      ['create', 'draft', 'vsip.operator'],
      ['edit', 'draft', 'vsip.operator'],
      ['submit', 'submitted', 'vsip.operator'],
      ['return', 'returned', 'khdt.officer'],
      ['resubmit', 'resubmitted', 'vsip.operator'],
      ['approve', 'approved', 'khdt.officer'],
    ]);
    expect(approved.body.events[3].comment).toBe(
      'Bổ sung nguyên nhân và thời gian khắc phục sự cố thiết bị.',
    );
    const audit = await api.app.get(AuditTrail).list({ subject: `report_submission:${id}`, limit: 20 });
    expect(audit.map((a) => a.action).reverse()).toEqual([
      'report_submission.create',
      'report_submission.edit',
      'report_submission.submit',
      'report_submission.return',
      'report_submission.resubmit',
      'report_submission.approve',
    ]);
  }, 60_000);

  it('the issuing particulars are data: admins set the signer, and officers read them', async () => {
    const { body: current } = await call<CityReportSettings>('GET', '/city-reports/settings', planning());
    expect(current).toMatchObject({ issuingAgency: 'BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG', symbol: 'BC-BQL' });
    const { series: _series, ...particulars } = current;
    const changed = { ...particulars, signerName: 'Nguyễn Văn Bình' };
    expect((await call('PUT', '/city-reports/settings', planning(), changed)).status).toBe(403);
    const saved = await call<CityReportSettings>(
      'PUT',
      '/city-reports/settings',
      api.signedIn('bql.admin', 'admin'),
      changed,
    );
    expect(saved.body.signerName).toBe('Nguyễn Văn Bình');
  });

  it('the department issues the report to the City in the Decree 30 form; issuing again is a new version', async () => {
    expect((await call('POST', '/city-reports', operator(), { period: '2026-11' })).status).toBe(403);
    const draft = await call<CityReport>('POST', '/city-reports', planning(), { period: '2026-11' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ state: 'draft', version: 1, documentNumber: null });
    expect((await call('GET', `/city-reports/${draft.body.id}/document.pdf`, planning())).status).toBe(409);

    const first = await call<CityReport>('POST', `/city-reports/${draft.body.id}/issue`, planning());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'issued', version: 1, number: 1, documentNumber: '1/BC-BQL' });
    const firstPdf = await download(`/city-reports/${first.body.id}/document.pdf`);
    expect(createHash('sha256').update(firstPdf).digest('hex')).toBe(
      first.body.files.find((f) => f.format === 'pdf')!.sha256,
    );
    await mkdir(SAMPLES, { recursive: true });
    await writeFile(path.join(SAMPLES, first.body.files.find((f) => f.format === 'pdf')!.filename), firstPdf);
    // Lines wrap where the layout needs: the phrases are looked for across line ends.
    const text = (await pdfParse(firstPdf)).text.replace(/\s+/g, ' ');
    const dateLine = `Hải Phòng, ${translator('vi').documentDate(localDayOf(new Date(first.body.issuedAt!)))}`;
    for (const phrase of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG',
      'Số: 1/BC-BQL',
      dateLine,
      'BÁO CÁO',
      'Kính gửi: Ủy ban nhân dân thành phố Hải Phòng',
      'KT. TRƯỞNG BAN',
      'PHÓ TRƯỞNG BAN',
      'Nguyễn Văn Bình',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT, KHĐT.',
      // The approved submission, its park named in Vietnamese.
      'Khu công nghiệp VSIP Hải Phòng',
      'đã thay thế ngày 20/11',
    ])
      expect([phrase, text.includes(phrase)]).toEqual([phrase, true]);
    expect(text).not.toContain('VSIP Hai Phong (');

    // Issuing the issued report again issues its correction, with the next number; the first stays as issued.
    const second = await call<CityReport>('POST', `/city-reports/${first.body.id}/issue`, planning());
    expect(second.body).toMatchObject({
      state: 'issued',
      version: 2,
      number: 2,
      documentNumber: '2/BC-BQL',
      supersedesId: first.body.id,
    });
    expect(second.body.id).not.toBe(first.body.id);
    expect((await pdfParse(await download(`/city-reports/${second.body.id}/document.pdf`))).text).toContain(
      'Số: 2/BC-BQL',
    );
    expect((await download(`/city-reports/${first.body.id}/document.pdf`)).equals(firstPdf)).toBe(true);
    const xlsx = await download(`/city-reports/${first.body.id}/document.xlsx`);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    const history = await call<CityReport[]>('GET', '/city-reports?period=2026-11', planning());
    expect(history.body.map((r) => [r.version, r.documentNumber])).toEqual([
      [1, '1/BC-BQL'],
      [2, '2/BC-BQL'],
    ]);
    expect((await call('GET', '/city-reports', operator())).status).toBe(403);
  }, 90_000);
});
