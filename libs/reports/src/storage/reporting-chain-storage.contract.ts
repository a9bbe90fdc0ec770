// One body of tests run on both storage drivers (reporting-chain-storage.pg.spec.ts, .embedded.spec.ts).
import { RegistryAdmin } from '@hp/registry';
import { Database } from '@hp/storage';
import { CityReportsRepository } from './city-reports.repository';
import { ReportRunsRepository } from './report-runs.repository';
import { ReportSubmissionsRepository } from './report-submissions.repository';

export interface OpenedStore {
  readonly db: Database;
  cleanup(): Promise<void>;
}

const AT = new Date('2026-12-07T03:00:00Z');
const NOVEMBER = {
  kind: 'month',
  period: '2026-11',
  periodFrom: '2026-11-01',
  periodTo: '2026-12-01',
} as const;

export function reportingChainStorageContract(open: () => Promise<OpenedStore>): void {
  let store: OpenedStore;
  let db: Database;
  let parkId: number;

  beforeAll(async () => {
    store = await open();
    db = store.db;
    parkId = (
      await new RegistryAdmin(db).registerPark({ code: 'RC1', name: 'RC park', operatingStatus: 'operating' })
    ).id;
  });
  afterAll(() => store?.cleanup());

  it('keeps one submission per park and period, and moves it only from the states allowed', async () => {
    const submissions = new ReportSubmissionsRepository(db);
    const draft = {
      parkId,
      ...NOVEMBER,
      figures: { parks: 1 },
      createdBy: 'op',
      progress: 'p',
      difficulties: '',
      proposals: '',
    };
    const id = (await submissions.insert(draft))!;
    expect(await submissions.insert(draft)).toBeNull();
    expect(await submissions.transition(id, ['submitted'], 'approved', {}, AT)).toBe(false);
    expect(await submissions.transition(id, ['draft'], 'submitted', { figures: { parks: 2 } }, AT)).toBe(
      true,
    );
    await submissions.recordEvent(id, { action: 'submit', state: 'submitted', actor: 'op', at: AT });
    const found = (await submissions.find(id))!;
    expect(found).toMatchObject({
      parkCode: 'RC1',
      state: 'submitted',
      progress: 'p',
      figures: { parks: 2 },
    });
    expect(found.periodFrom).toBe('2026-11-01');
    expect(found.events).toEqual([
      { action: 'submit', state: 'submitted', actor: 'op', at: AT, comment: null },
    ]);
    expect((await submissions.list({ period: '2026-11', state: 'submitted' })).map((s) => s.id)).toEqual([
      id,
    ]);
    expect(await submissions.list({ state: 'approved' })).toEqual([]);
    expect(await submissions.parkOf(id)).toBe(parkId);
  });

  it('numbers issued reports per year, versions a period, and refuses to change an issued report', async () => {
    const reports = new CityReportsRepository(db);
    expect((await reports.settings()).issuingAgency).toBe('BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG');
    const draft = { ...NOVEMBER, language: 'vi', createdBy: 'khdt' };
    const first = await reports.insertDraft(draft);
    const second = await reports.insertDraft({ ...draft, supersedesId: first });
    expect([(await reports.find(first))!.version, (await reports.find(second))!.version]).toEqual([1, 2]);
    expect([
      await reports.nextNumber(2026),
      await reports.nextNumber(2026),
      await reports.nextNumber(2027),
    ]).toEqual([1, 2, 1]);
    const pdf = Buffer.from('%PDF-frozen');
    const file = {
      format: 'pdf' as const,
      filename: 'a.pdf',
      contentType: 'application/pdf',
      bytes: pdf.length,
      sha256: 'x',
    };
    const issued = {
      number: 1,
      year: 2026,
      documentNumber: '1/BC-BQL',
      issuedAt: AT,
      issuedBy: 'khdt',
      content: { n: 1 },
      files: [
        { ...file, content: pdf },
        { ...file, format: 'xlsx' as const, filename: 'a.xlsx', content: Buffer.from('PK') },
      ],
    };
    expect(await reports.issue(first, issued)).toBe(true);
    expect(await reports.issue(first, issued)).toBe(false);
    expect((await reports.file(first, 'pdf'))!.content.equals(pdf)).toBe(true);
    await expect(db.query(`UPDATE city_reports SET pdf = NULL WHERE id = $1`, [first])).rejects.toThrow(
      /frozen/,
    );
    await expect(db.query(`DELETE FROM city_reports WHERE id = $1`, [first])).rejects.toThrow(/frozen/);
    expect((await reports.list({ period: '2026-11' })).map((r) => [r.version, r.state])).toEqual([
      [1, 'issued'],
      [2, 'draft'],
    ]);
  });

  it('adds a version of a data annex on each generation, keeping the earlier files', async () => {
    const runs = new ReportRunsRepository(db);
    const run = (content: string) => ({
      kind: 'month' as const,
      period: '2026-11',
      language: 'vi' as const,
      scope: '',
      periodFrom: '2026-11-01',
      periodTo: '2026-12-01',
      trigger: 'request' as const,
      requestedBy: null,
      generatedAt: AT,
      files: [
        {
          format: 'csv' as const,
          filename: 'a.csv',
          contentType: 'text/csv',
          bytes: content.length,
          sha256: content,
          content: Buffer.from(content),
        },
      ],
    });
    const first = await runs.save(run('one'));
    const second = await runs.save(run('two'));
    expect([first.version, second.version]).toEqual([1, 2]);
    expect((await runs.file(first.id, 'csv'))!.content.toString()).toBe('one');
    await runs.recordFailure({ ...run('x'), generatedAt: AT }, 'boom');
    await runs.recordFailure({ ...run('x'), generatedAt: AT }, 'boom again');
    const key = { kind: 'month' as const, period: '2026-11', language: 'vi' as const, scope: '' };
    expect(await runs.findByKey(key)).toMatchObject({ version: 3, status: 'failed', error: 'boom again' });
    expect((await runs.find(second.id))!.status).toBe('ready');
    // Generations of one key at once (two officers downloading the same month) each get their own version.
    const together = await Promise.all(['a', 'b', 'c', 'd'].map((c) => runs.save(run(c))));
    expect(together.map((r) => r.version).sort()).toEqual([4, 5, 6, 7]);
  });
}
