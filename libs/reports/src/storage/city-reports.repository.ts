import { SqlExecutor } from '@hp/storage';
import { ReportFileMeta } from './reports.types';
import { CityReport, CityReportFormat, CityReportSettings } from './reporting-chain.types';

const SELECT = `SELECT id, kind, period, to_char(period_from, 'YYYY-MM-DD') AS "periodFrom",
  to_char(period_to, 'YYYY-MM-DD') AS "periodTo", language, version, supersedes_id AS "supersedesId", state,
  created_by AS "createdBy", created_at AS "createdAt", number, year, document_number AS "documentNumber",
  issued_at AS "issuedAt", issued_by AS "issuedBy", files FROM city_reports`;

/**
 * The Authority's reports to the City, their issuing particulars and per-year numbers. An issued report is
 * frozen (the database refuses to change it); a correction is a new version.
 */
export class CityReportsRepository {
  constructor(private readonly db: SqlExecutor) {}

  async settings(series = 'city'): Promise<CityReportSettings> {
    const { rows } = await this.db.query<CityReportSettings>(
      `SELECT series, governing_body AS "governingBody", issuing_agency AS "issuingAgency", symbol, place, addressee,
         signer_authority AS "signerAuthority", signer_position AS "signerPosition", signer_name AS "signerName",
         recipients FROM city_report_settings WHERE series = $1`,
      [series],
    );
    if (!rows[0]) throw new Error(`no city report settings for series ${series}`);
    return rows[0];
  }

  async saveSettings(settings: CityReportSettings): Promise<void> {
    await this.db.query(
      `INSERT INTO city_report_settings (series, governing_body, issuing_agency, symbol, place, addressee,
         signer_authority, signer_position, signer_name, recipients)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (series) DO UPDATE SET governing_body = EXCLUDED.governing_body,
         issuing_agency = EXCLUDED.issuing_agency, symbol = EXCLUDED.symbol, place = EXCLUDED.place,
         addressee = EXCLUDED.addressee, signer_authority = EXCLUDED.signer_authority,
         signer_position = EXCLUDED.signer_position, signer_name = EXCLUDED.signer_name,
         recipients = EXCLUDED.recipients`,
      [
        settings.series,
        settings.governingBody,
        settings.issuingAgency,
        settings.symbol,
        settings.place,
        settings.addressee,
        settings.signerAuthority,
        settings.signerPosition,
        settings.signerName,
        settings.recipients,
      ],
    );
  }

  /** The next number of a year (1, 2, 3 ...); call in the issuing transaction, so a failed issue gives none. */
  async nextNumber(year: number, series = 'city'): Promise<number> {
    const { rows } = await this.db.query<{ number: number }>(
      `INSERT INTO city_report_numbers (series, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (series, year) DO UPDATE SET last_number = city_report_numbers.last_number + 1
       RETURNING last_number AS number`,
      [series, year],
    );
    return rows[0].number;
  }

  /** A new draft, the next version of its period and language. */
  async insertDraft(draft: {
    kind: string;
    period: string;
    periodFrom: string;
    periodTo: string;
    language: string;
    createdBy: string;
    supersedesId?: number | null;
  }): Promise<number> {
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO city_reports (kind, period, period_from, period_to, language, version, supersedes_id, state, created_by)
       VALUES ($1, $2, $3, $4, $5,
         (SELECT COALESCE(max(version), 0) + 1 FROM city_reports WHERE kind = $1 AND period = $2 AND language = $5),
         $6, 'draft', $7)
       RETURNING id`,
      [
        draft.kind,
        draft.period,
        draft.periodFrom,
        draft.periodTo,
        draft.language,
        draft.supersedesId ?? null,
        draft.createdBy,
      ],
    );
    return rows[0].id;
  }

  /** Freezes a draft as issued with its number, content and files; false when it is not a draft. */
  async issue(
    id: number,
    issued: {
      number: number;
      year: number;
      documentNumber: string;
      issuedAt: Date;
      issuedBy: string;
      content: unknown;
      files: (ReportFileMeta & { content: Buffer })[];
    },
  ): Promise<boolean> {
    const content = (format: CityReportFormat) => issued.files.find((f) => f.format === format)?.content;
    const { rows } = await this.db.query(
      `UPDATE city_reports SET state = 'issued', number = $2, year = $3, document_number = $4, issued_at = $5,
         issued_by = $6, content = $7, files = $8, pdf = $9, xlsx = $10
       WHERE id = $1 AND state = 'draft' RETURNING id`,
      [
        id,
        issued.number,
        issued.year,
        issued.documentNumber,
        issued.issuedAt.toISOString(),
        issued.issuedBy,
        JSON.stringify(issued.content),
        JSON.stringify(issued.files.map(({ content: _content, ...meta }) => meta)),
        content('pdf') ?? null,
        content('xlsx') ?? null,
      ],
    );
    return rows.length > 0;
  }

  async find(id: number): Promise<CityReport | null> {
    return (await this.db.query<CityReport>(`${SELECT} WHERE id = $1`, [id])).rows[0] ?? null;
  }

  /** Every version, newest period first, then by version (the history of corrections). */
  async list(filter: { kind?: string; period?: string }): Promise<CityReport[]> {
    return (
      await this.db.query<CityReport>(
        `${SELECT} WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR period = $2)
         ORDER BY period_from DESC, kind, language, version`,
        [filter.kind ?? null, filter.period ?? null],
      )
    ).rows;
  }

  /** One file of an issued report, as stored at issue. */
  async file(id: number, format: CityReportFormat): Promise<(ReportFileMeta & { content: Buffer }) | null> {
    const { rows } = await this.db.query<{ files: ReportFileMeta[]; content: Uint8Array | null }>(
      `SELECT files, ${format === 'pdf' ? 'pdf' : 'xlsx'} AS content FROM city_reports WHERE id = $1`,
      [id],
    );
    const meta = rows[0]?.files.find((f) => f.format === format);
    if (!meta || !rows[0].content) return null;
    return { ...meta, content: Buffer.from(rows[0].content) };
  }
}
