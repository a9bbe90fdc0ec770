import { SqlExecutor } from '@hp/storage';
import { ReportFileMeta, ReportFormat, ReportRun, ReportRunInput, ReportRunKey } from './reports.types';

const SELECT = `SELECT id, kind, period, language, scope, period_from AS "periodFrom", period_to AS "periodTo", status,
  trigger, requested_by AS "requestedBy", generated_at AS "generatedAt", error, files FROM report_runs`;
/** The unique key: one run per period, language and scope. */
const KEY = `(kind, period, language, scope)`;

/** Generated progress reports, one per period, language and scope, with their files. */
export class ReportRunsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Stores a generated report, replacing the files of an earlier run of the same key (same id). */
  async save(run: ReportRunInput): Promise<ReportRun> {
    const content = (format: ReportFormat) => run.files.find((f) => f.format === format)?.content ?? null;
    const files = run.files.map(({ content: _content, ...meta }) => meta);
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO report_runs (kind, period, language, scope, period_from, period_to, status, trigger, requested_by, generated_at,
         error, files, pdf, xlsx, csv)
       VALUES ($1, $2, $3, $4, $5, $6, 'ready', $7, $8, $9, NULL, $10, $11, $12, $13)
       ON CONFLICT ${KEY} DO UPDATE SET period_from = EXCLUDED.period_from, period_to = EXCLUDED.period_to,
         status = 'ready', trigger = EXCLUDED.trigger, requested_by = EXCLUDED.requested_by,
         generated_at = EXCLUDED.generated_at, error = NULL, files = EXCLUDED.files, pdf = EXCLUDED.pdf,
         xlsx = EXCLUDED.xlsx, csv = EXCLUDED.csv
       RETURNING id`,
      [
        run.kind,
        run.period,
        run.language,
        run.scope,
        run.periodFrom,
        run.periodTo,
        run.trigger,
        run.requestedBy,
        run.generatedAt.toISOString(),
        JSON.stringify(files),
        content('pdf'),
        content('xlsx'),
        content('csv'),
      ],
    );
    return (await this.find(rows[0].id))!;
  }

  /** Records a failed generation; an earlier good run of the key keeps its files and stays 'ready'. */
  async recordFailure(
    key: ReportRunKey & Pick<ReportRun, 'periodFrom' | 'periodTo' | 'trigger' | 'generatedAt'>,
    error: string,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO report_runs (kind, period, language, scope, period_from, period_to, status, trigger, generated_at, error)
       VALUES ($1, $2, $3, $4, $5, $6, 'failed', $7, $8, $9)
       ON CONFLICT ${KEY} DO UPDATE SET generated_at = EXCLUDED.generated_at, error = EXCLUDED.error
         WHERE report_runs.status = 'failed'`,
      [
        key.kind,
        key.period,
        key.language,
        key.scope,
        key.periodFrom,
        key.periodTo,
        key.trigger,
        key.generatedAt.toISOString(),
        error,
      ],
    );
  }

  async find(id: number): Promise<ReportRun | null> {
    return (await this.db.query<ReportRun>(`${SELECT} WHERE id = $1`, [id])).rows[0] ?? null;
  }

  async findByKey(key: ReportRunKey): Promise<ReportRun | null> {
    return (
      (
        await this.db.query<ReportRun>(`${SELECT} WHERE ${KEY} = ($1, $2, $3, $4)`, [
          key.kind,
          key.period,
          key.language,
          key.scope,
        ])
      ).rows[0] ?? null
    );
  }

  /** Newest first. */
  async list(limit = 100): Promise<ReportRun[]> {
    return (await this.db.query<ReportRun>(`${SELECT} ORDER BY generated_at DESC, id DESC LIMIT $1`, [limit]))
      .rows;
  }

  /** One file of a run with its metadata; null when the run or that format is absent. */
  async file(id: number, format: ReportFormat): Promise<(ReportFileMeta & { content: Buffer }) | null> {
    const { rows } = await this.db.query<{ files: ReportFileMeta[]; content: Uint8Array | null }>(
      `SELECT files, ${format} AS content FROM report_runs WHERE id = $1`,
      [id],
    );
    const meta = rows[0]?.files.find((f) => f.format === format);
    if (!meta || !rows[0].content) return null;
    return { ...meta, content: Buffer.from(rows[0].content) };
  }
}
