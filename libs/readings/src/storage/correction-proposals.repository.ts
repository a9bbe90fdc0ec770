import type { ReadingStatusValue } from '@hp/contracts';
import { SqlExecutor } from '@hp/storage';
import type { CorrectionReasonCode, ProposalState } from '../corrections/correction-reasons';

export { CORRECTION_REASON_CODES, PROPOSAL_STATES } from '../corrections/correction-reasons';
export type { CorrectionReasonCode, ProposalState } from '../corrections/correction-reasons';

export interface NewCorrectionProposal {
  stationId: number;
  parameterCode: string;
  time: Date;
  withdrawn: boolean;
  value?: number;
  status?: ReadingStatusValue;
  reasonCode: CorrectionReasonCode;
  note: string;
  proposedBy: string;
}

export interface CorrectionProposal {
  id: number;
  stationId: number;
  parameterCode: string;
  time: Date;
  withdrawn: boolean;
  value: number | null;
  status: ReadingStatusValue | null;
  reasonCode: CorrectionReasonCode;
  note: string;
  proposedBy: string;
  proposedAt: Date;
  state: ProposalState;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  correctionId: number | null;
}

const COLUMNS = `id::int AS id, station_id AS "stationId", parameter_code AS "parameterCode", time, withdrawn,
  value, status, reason_code AS "reasonCode", note, proposed_by AS "proposedBy", proposed_at AS "proposedAt",
  state, reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", review_note AS "reviewNote",
  correction_id::int AS "correctionId"`;

/**
 * Proposed corrections of readings awaiting (or past) their review. A proposal is only ever decided once:
 * the decision is written where it is still pending, after the row was locked for the decision.
 */
export class CorrectionProposalsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Records a proposal of a stored reading; null when no such reading is stored. */
  async insert(p: NewCorrectionProposal): Promise<CorrectionProposal | null> {
    const { rows } = await this.db.query<CorrectionProposal>(
      `INSERT INTO reading_correction_proposals (station_id, parameter_code, time, withdrawn, value, status,
                                                 reason_code, note, proposed_by)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
        WHERE EXISTS (SELECT 1 FROM readings WHERE station_id = $1 AND parameter_code = $2 AND time = $3)
       RETURNING ${COLUMNS}`,
      [
        p.stationId,
        p.parameterCode,
        p.time,
        p.withdrawn,
        p.withdrawn ? null : (p.value ?? null),
        p.withdrawn ? null : (p.status ?? null),
        p.reasonCode,
        p.note,
        p.proposedBy,
      ],
    );
    return rows[0] ?? null;
  }

  /** A station's proposals, newest first, optionally in one state. */
  async listForStation(
    stationId: number,
    query: { state?: ProposalState; limit: number },
  ): Promise<CorrectionProposal[]> {
    return (
      await this.db.query<CorrectionProposal>(
        `SELECT ${COLUMNS} FROM reading_correction_proposals
          WHERE station_id = $1 AND ($2::text IS NULL OR state = $2)
          ORDER BY id DESC LIMIT $3`,
        [stationId, query.state ?? null, query.limit],
      )
    ).rows;
  }

  /** One proposal of a station, locked until the transaction ends (call inside one). */
  async lockForReview(stationId: number, id: number): Promise<CorrectionProposal | null> {
    const { rows } = await this.db.query<CorrectionProposal>(
      `SELECT ${COLUMNS} FROM reading_correction_proposals WHERE id = $1 AND station_id = $2 FOR UPDATE`,
      [id, stationId],
    );
    return rows[0] ?? null;
  }

  /** Writes the decision of a pending proposal; null when it was no longer pending. */
  async decide(
    id: number,
    decision: {
      state: 'approved' | 'rejected';
      reviewedBy: string;
      note: string | null;
      correctionId: number | null;
    },
  ): Promise<CorrectionProposal | null> {
    const { rows } = await this.db.query<CorrectionProposal>(
      `UPDATE reading_correction_proposals
          SET state = $2, reviewed_by = $3, reviewed_at = clock_timestamp(), review_note = $4, correction_id = $5
        WHERE id = $1 AND state = 'pending'
       RETURNING ${COLUMNS}`,
      [id, decision.state, decision.reviewedBy, decision.note, decision.correctionId],
    );
    return rows[0] ?? null;
  }
}
