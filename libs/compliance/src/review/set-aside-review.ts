import { DomainError, json, WATER_PARAMETER_CODES, WaterParameterCode } from '@hp/contracts';
import { SET_ASIDE_DECISIONS, SetAsideDecision } from '../storage/compliance.types';

/** Longest note accepted: a paragraph. */
export const MAX_REVIEW_NOTE_LENGTH = 2000;

export interface SetAsideReviewRequest {
  parameterCode: WaterParameterCode;
  decision: SetAsideDecision;
  note: string;
}

/** The JSON Schema of the request body (served in the OpenAPI document). */
export const SET_ASIDE_REVIEW_BODY_SCHEMA = json.body({
  parameter: {
    ...json.oneOf(WATER_PARAMETER_CODES),
    example: 'COD',
    description: 'the parameter whose set-aside readings are reviewed',
  },
  decision: {
    type: 'string',
    enum: [...SET_ASIDE_DECISIONS],
    description:
      'confirmed: the set-aside readings are real measurements and are judged as valid (an exceedance they show stands); rejected: they are instrument faults and stay set aside',
  },
  note: {
    type: 'string',
    maxLength: MAX_REVIEW_NOTE_LENGTH,
    example: 'Analyser cell blocked, see site visit 28/11',
  },
});

/** The body as its schema lets it through. */
export interface SetAsideReviewBody {
  parameter: WaterParameterCode;
  decision: SetAsideDecision;
  note: string;
}

/**
 * The rule of a review beyond its schema (checked first): a note that is more than blanks. The reviewer is
 * never read from the body (the schema refuses the field): it is the signed-in user.
 */
export function parseSetAsideReview(b: SetAsideReviewBody): SetAsideReviewRequest {
  const note = b.note.trim();
  if (note === '') throw DomainError.invalid('note', 'is required: say what the review rests on');
  return { parameterCode: b.parameter, decision: b.decision, note };
}
