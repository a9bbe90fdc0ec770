import { DomainError, isWaterParameterCode, WaterParameterCode } from '@hp/contracts';
import { SET_ASIDE_DECISIONS, SetAsideDecision } from '@hp/storage';

/** Longest note accepted: a paragraph. */
export const MAX_REVIEW_NOTE_LENGTH = 2000;

export interface SetAsideReviewRequest {
  parameterCode: WaterParameterCode;
  decision: SetAsideDecision;
  note: string;
}

/** The JSON Schema of the request body (served in the OpenAPI document). */
export const SET_ASIDE_REVIEW_BODY_SCHEMA = {
  type: 'object',
  required: ['parameter', 'decision', 'note'],
  additionalProperties: false,
  properties: {
    parameter: {
      type: 'string',
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
  },
};

/**
 * Validates the body of POST /stations/:id/compliance/:day/set-aside-reviews. The reviewer is never read from
 * it: it is the signed-in user. Each problem is a 400 naming its field.
 */
export function parseSetAsideReview(body: unknown): SetAsideReviewRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw DomainError.invalid('body', 'must be a JSON object');
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b))
    if (!(key in SET_ASIDE_REVIEW_BODY_SCHEMA.properties))
      throw DomainError.invalid(key, 'is not accepted (the reviewer is the signed-in user)');
  const parameter = b['parameter'];
  if (typeof parameter !== 'string' || !isWaterParameterCode(parameter))
    throw DomainError.invalid('parameter', 'must be a Circular 10/2021 parameter code, e.g. COD');
  const decision = b['decision'];
  if (typeof decision !== 'string' || !(SET_ASIDE_DECISIONS as readonly string[]).includes(decision))
    throw DomainError.invalid('decision', `must be one of ${SET_ASIDE_DECISIONS.join(', ')}`);
  const note = typeof b['note'] === 'string' ? b['note'].trim() : '';
  if (note === '') throw DomainError.invalid('note', 'is required: say what the review rests on');
  if (note.length > MAX_REVIEW_NOTE_LENGTH)
    throw DomainError.invalid('note', `must be at most ${MAX_REVIEW_NOTE_LENGTH} characters`);
  return { parameterCode: parameter, decision: decision as SetAsideDecision, note };
}
