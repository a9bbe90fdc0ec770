import { DomainError, input, json, JsonSchema, RequestShape } from '@hp/contracts';
import {
  CORRECTION_REASON_CODES,
  CorrectionReasonCode,
  PROPOSAL_STATES,
} from '../storage/correction-proposals.repository';
import {
  CORRECTION_REQUEST_SCHEMA,
  CorrectionBody,
  CorrectionRequest,
  MAX_REASON_LENGTH,
  parseCorrectionRequest,
} from './correction-request';

/** A proposal as parsed: the correction it asks for, its reason code and note. */
export type CorrectionProposalRequest = Omit<CorrectionRequest, 'reason'> & {
  reasonCode: CorrectionReasonCode;
  note: string;
};

const { reason: _reason, ...CHANGE_PROPERTIES } = (
  CORRECTION_REQUEST_SCHEMA as { properties: Record<string, JsonSchema> }
).properties;

/** The body of POST /stations/:id/readings/correction-proposals: the change of a correction, why, a note. */
export const CORRECTION_PROPOSAL_SCHEMA = json.body(
  {
    ...CHANGE_PROPERTIES,
    reasonCode: { ...json.oneOf(CORRECTION_REASON_CODES), example: 'CALIBRATION' },
    note: {
      ...json.text({ maxLength: MAX_REASON_LENGTH }),
      example: 'Air bubble in the COD analyzer cell, found at the 28/11 calibration',
    },
  },
  ['value', 'status', 'withdrawn'],
);

export type CorrectionProposalBody = Omit<CorrectionBody, 'reason'> & {
  reasonCode: CorrectionReasonCode;
  note: string;
};

/** The rules of a correction (see parseCorrectionRequest), the note standing for its reason. */
export function parseCorrectionProposal(b: CorrectionProposalBody): CorrectionProposalRequest {
  const { reasonCode, note, ...change } = b;
  if (note.trim() === '') throw DomainError.invalid('note', 'is required: say why the reading is corrected');
  const { reason, ...parsed } = parseCorrectionRequest({ ...change, reason: note });
  return { ...parsed, reasonCode, note: reason };
}

export const REVIEW_DECISIONS = ['approve', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The body of POST .../correction-proposals/:proposalId/review. */
export const PROPOSAL_REVIEW_SCHEMA = json.body(
  {
    decision: { ...json.oneOf(REVIEW_DECISIONS), example: 'approve' },
    note: {
      ...json.string({ maxLength: MAX_REASON_LENGTH }),
      description: 'Why; required to reject',
      example: 'Matches the calibration log',
    },
  },
  ['note'],
);

export interface ProposalReviewBody {
  decision: ReviewDecision;
  note?: string;
}

export function parseProposalReview(b: ProposalReviewBody): {
  decision: ReviewDecision;
  note: string | null;
} {
  const note = b.note?.trim() || null;
  if (b.decision === 'reject' && !note) throw DomainError.invalid('note', 'is required to reject: say why');
  return { decision: b.decision, note };
}

export const PROPOSALS_LIST_INPUT = {
  path: { id: input.id('station id') },
  query: {
    state: input.oneOf(PROPOSAL_STATES, 'default: every state'),
    limit: input.integer(1, 1000, 'default 100'),
  },
} satisfies RequestShape;

export const PROPOSAL_REVIEW_INPUT = {
  path: { id: input.id('station id'), proposalId: input.id('proposal id') },
} satisfies RequestShape;
