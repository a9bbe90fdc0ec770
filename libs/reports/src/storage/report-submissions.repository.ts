import { SqlExecutor } from '@hp/storage';
import {
  ReportSubmission,
  ReportSubmissionInput,
  SubmissionAction,
  SubmissionEvent,
  SubmissionNarrative,
  SubmissionState,
} from './reporting-chain.types';

type Row = Omit<ReportSubmission, 'events'>;

const SELECT = `SELECT s.id, s.park_id AS "parkId", p.code AS "parkCode", s.kind, s.period,
  to_char(s.period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(s.period_to, 'YYYY-MM-DD') AS "periodTo", s.state,
  s.progress, s.difficulties, s.proposals, s.figures, s.created_by AS "createdBy", s.created_at AS "createdAt",
  s.updated_at AS "updatedAt"
  FROM report_submissions s JOIN parks p ON p.id = s.park_id`;

/** The parks' periodic submissions and every transition of each (report_submission_events). */
export class ReportSubmissionsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** A new draft; null when the park already has a submission for the period. */
  async insert(input: ReportSubmissionInput): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO report_submissions (park_id, kind, period, period_from, period_to, state, progress, difficulties,
         proposals, figures, created_by)
       VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10)
       ON CONFLICT (park_id, kind, period) DO NOTHING RETURNING id`,
      [
        input.parkId,
        input.kind,
        input.period,
        input.periodFrom,
        input.periodTo,
        input.progress,
        input.difficulties,
        input.proposals,
        JSON.stringify(input.figures),
        input.createdBy,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Moves a submission to `state` (with new narrative or figures when given) only from one of `from`: false
   * when it is no longer in one of them (a concurrent transition won).
   */
  async transition(
    id: number,
    from: readonly SubmissionState[],
    state: SubmissionState,
    changes: { narrative?: SubmissionNarrative; figures?: unknown },
    at: Date,
  ): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE report_submissions SET state = $3, updated_at = $4,
         progress = COALESCE($5, progress), difficulties = COALESCE($6, difficulties),
         proposals = COALESCE($7, proposals), figures = COALESCE($8::jsonb, figures)
       WHERE id = $1 AND state = ANY ($2::text[]) RETURNING id`,
      [
        id,
        [...from],
        state,
        at.toISOString(),
        changes.narrative?.progress ?? null,
        changes.narrative?.difficulties ?? null,
        changes.narrative?.proposals ?? null,
        changes.figures === undefined ? null : JSON.stringify(changes.figures),
      ],
    );
    return rows.length > 0;
  }

  async recordEvent(
    id: number,
    event: {
      action: SubmissionAction;
      state: SubmissionState;
      actor: string;
      at: Date;
      comment?: string | null;
    },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO report_submission_events (submission_id, action, state, actor, at, comment)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, event.action, event.state, event.actor, event.at.toISOString(), event.comment ?? null],
    );
  }

  async find(id: number): Promise<ReportSubmission | null> {
    const row = (await this.db.query<Row>(`${SELECT} WHERE s.id = $1`, [id])).rows[0];
    return row ? { ...row, events: await this.events(id) } : null;
  }

  /** The park of a submission (the access guard's resolver); null when there is none. */
  async parkOf(id: number): Promise<number | null> {
    const { rows } = await this.db.query<{ parkId: number }>(
      `SELECT park_id AS "parkId" FROM report_submissions WHERE id = $1`,
      [id],
    );
    return rows[0]?.parkId ?? null;
  }

  /** Submissions by period, state and park (each filter optional), newest period first, then by park. */
  async list(filter: {
    kind?: string;
    period?: string;
    state?: SubmissionState;
    parkCode?: string;
  }): Promise<ReportSubmission[]> {
    const rows = (
      await this.db.query<Row>(
        `${SELECT} WHERE ($1::text IS NULL OR s.kind = $1) AND ($2::text IS NULL OR s.period = $2)
           AND ($3::text IS NULL OR s.state = $3) AND ($4::text IS NULL OR p.code = $4)
         ORDER BY s.period_from DESC, s.kind, p.code`,
        [filter.kind ?? null, filter.period ?? null, filter.state ?? null, filter.parkCode ?? null],
      )
    ).rows;
    return Promise.all(rows.map(async (r) => ({ ...r, events: await this.events(r.id) })));
  }

  private async events(id: number): Promise<SubmissionEvent[]> {
    return (
      await this.db.query<SubmissionEvent>(
        `SELECT action, state, actor, at, comment FROM report_submission_events WHERE submission_id = $1 ORDER BY id`,
        [id],
      )
    ).rows;
  }
}
