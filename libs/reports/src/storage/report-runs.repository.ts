import { isUniqueViolation, QueryResult, SqlExecutor } from '@hp/storage';
import { ReportFileMeta, ReportFormat, ReportRun, ReportRunInput, ReportRunKey } from './reports.types';

const SELECT = `SELECT id, kind, period, language, scope, version, period_from AS "periodFrom", period_to AS "periodTo",
  status, trigger, requested_by AS "requestedBy", generated_at AS "generatedAt", error, files FROM report_runs`;
/** The key of a report: its period, language and scope; each generation of it is a version. */
const KEY = `(kind, period, language, scope)`;
const NEXT_VERSION = `(SELECT COALESCE(max(version), 0) + 1 FROM report_runs WHERE ${KEY} = ($1, $2, $3, $4))`;
/** Two generations of one key at once may both compute the same next version: the loser takes the one after. */
const VERSION_ATTEMPTS = 5;

/**
 * Generated progress reports (data annexes) with their files. Generating a period again adds a version:
 * an earlier version keeps its files (issue 18: a produced report is never silently replaced).
 */
export class ReportRunsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Stores a generated report as the next version of its key. */
  async save(run: ReportRunInput): Promise<ReportRun> {
    const content = (format: ReportFormat) => run.files.find((f) => f.format === format)?.content ?? null;
    const files = run.files.map(({ content: _content, ...meta }) => meta);
    const { rows } = await this.insertNextVersion<{ id: number }>(
      `INSERT INTO report_runs (kind, period, language, scope, version, period_from, period_to, status, trigger,
         requested_by, generated_at, error, files, pdf, xlsx, csv)
       VALUES ($1, $2, $3, $4, ${NEXT_VERSION}, $5, $6, 'ready', $7, $8, $9, NULL, $10, $11, $12, $13)
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

  /**
   * Records a failed generation as the next version (a failure repeated on a failed latest version updates
   * it); earlier good versions keep their files and stay 'ready'.
   */
  async recordFailure(
    key: ReportRunKey & Pick<ReportRun, 'periodFrom' | 'periodTo' | 'trigger' | 'generatedAt'>,
    error: string,
  ): Promise<void> {
    const params = [
      key.kind,
      key.period,
      key.language,
      key.scope,
      key.periodFrom,
      key.periodTo,
      key.trigger,
      key.generatedAt.toISOString(),
      error,
    ];
    const latest = await this.findByKey(key);
    if (latest?.status === 'failed') {
      await this.db.query(`UPDATE report_runs SET generated_at = $2, error = $3 WHERE id = $1`, [
        latest.id,
        params[7],
        error,
      ]);
      return;
    }
    await this.insertNextVersion(
      `INSERT INTO report_runs (kind, period, language, scope, version, period_from, period_to, status, trigger,
         generated_at, error)
       VALUES ($1, $2, $3, $4, ${NEXT_VERSION}, $5, $6, 'failed', $7, $8, $9)`,
      params,
    );
  }

  private async insertNextVersion<R = Record<string, unknown>>(
    statement: string,
    params: readonly unknown[],
  ): Promise<QueryResult<R>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.query<R>(statement, params);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= VERSION_ATTEMPTS) throw error;
      }
    }
  }

  async find(id: number): Promise<ReportRun | null> {
    return (await this.db.query<ReportRun>(`${SELECT} WHERE id = $1`, [id])).rows[0] ?? null;
  }

  /** The latest version of a key. */
  async findByKey(key: ReportRunKey): Promise<ReportRun | null> {
    return (
      (
        await this.db.query<ReportRun>(
          `${SELECT} WHERE ${KEY} = ($1, $2, $3, $4) ORDER BY version DESC LIMIT 1`,
          [key.kind, key.period, key.language, key.scope],
        )
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
