import {
  DomainError,
  input,
  json,
  RequestShape,
  WATER_PARAMETER_CODES,
  READING_STATUS_CODES,
  ReadingStatusCode,
  statusCodeToValue,
  WATER_PARAMETERS,
  WaterParameterCode,
} from '@hp/contracts';
import { ReadingCorrectionChange } from '../storage/reading-corrections.repository';
import { waterParameter } from '../readings-query';

/** Longest reason accepted: a paragraph, not a report (attach those elsewhere). */
export const MAX_REASON_LENGTH = 2000;
export const DEFAULT_CORRECTIONS_LIMIT = 100;
export const MAX_CORRECTIONS_LIMIT = 1000;

export type CorrectionRequest = ReadingCorrectionChange & {
  parameterCode: WaterParameterCode;
  time: Date;
  reason: string;
};

export interface CorrectionsListQuery {
  from: Date;
  to: Date;
  parameter?: string;
  limit: number;
}

/** The body of POST /stations/:id/readings/corrections (served as its requestBody). */
export const CORRECTION_REQUEST_SCHEMA = json.body(
  {
    parameter: { ...json.oneOf(WATER_PARAMETER_CODES), example: 'COD' },
    time: {
      ...json.dateTime(),
      example: '2026-11-27T03:05:00.000Z',
      description: "The corrected reading's time exactly as stored, ISO 8601 with its zone",
    },
    value: {
      ...json.number(),
      example: 98.4,
      description: "Corrected value in the parameter's stored unit; left out: as the reading stands now",
    },
    status: {
      ...json.oneOf(READING_STATUS_CODES),
      description: 'Corrected Circular 10/2021 status; left out: as the reading stands now',
    },
    withdrawn: {
      type: 'boolean',
      default: false,
      description:
        'true: the reading is declared invalid and no longer counts at all (value and status left out)',
    },
    reason: {
      ...json.string({ maxLength: MAX_REASON_LENGTH }),
      example: 'Air bubble in the COD analyzer cell, found at the 28/11 calibration',
    },
  },
  ['value', 'status', 'withdrawn'],
);

/** The body as its schema lets it through. */
export interface CorrectionBody {
  parameter: WaterParameterCode;
  time: string;
  value?: number;
  status?: ReadingStatusCode;
  withdrawn?: boolean;
  reason: string;
}

/**
 * The rules of a correction beyond its schema (checked first): a reason that is more than blanks, a value
 * the parameter can physically take, value and status or a withdrawal. The author is never read from the
 * body (the schema refuses the field): it is the signed-in user. Each problem is a 400 naming its field.
 */
export function parseCorrectionRequest(b: CorrectionBody): CorrectionRequest {
  const reason = b.reason.trim();
  if (reason === '') throw DomainError.invalid('reason', 'is required: say why the reading is corrected');
  const head = { parameterCode: b.parameter, time: new Date(b.time), reason };
  if (b.withdrawn) {
    for (const field of ['value', 'status'] as const)
      if (b[field] !== undefined)
        throw DomainError.invalid(field, 'must be left out when the reading is withdrawn');
    return { ...head, withdrawn: true };
  }
  if (b.value === undefined && b.status === undefined)
    throw DomainError.invalid('value', 'give a corrected value and/or status, or withdrawn: true');
  return {
    ...head,
    withdrawn: false,
    value: b.value === undefined ? undefined : physicalValue(b.parameter, b.value),
    status: b.status === undefined ? undefined : statusCodeToValue(b.status),
  };
}

/** The parameters of GET /stations/:id/readings/corrections, each in its one accepted form. */
export const CORRECTIONS_LIST_INPUT = {
  path: { id: input.id('station id') },
  query: {
    from: input.instant('readings at or after, ISO 8601 with zone; default: all'),
    to: input.instant('readings before, ISO 8601 with zone; default: all'),
    parameter: input.custom({ type: 'string', enum: WATER_PARAMETER_CODES }, waterParameter),
    limit: input.integer(1, MAX_CORRECTIONS_LIMIT, `default ${DEFAULT_CORRECTIONS_LIMIT}`),
  },
} satisfies RequestShape;

/** The query of GET /stations/:id/readings/corrections as parsed (default: every correction, newest first). */
export function parseCorrectionsQuery(params: {
  from?: Date;
  to?: Date;
  parameter?: WaterParameterCode;
  limit?: number;
}): CorrectionsListQuery {
  const from = params.from ?? new Date(0);
  const to = params.to ?? new Date('9999-01-01T00:00:00Z');
  if (from >= to) throw DomainError.invalid('from', 'must be earlier than to');
  return { from, to, parameter: params.parameter, limit: params.limit ?? DEFAULT_CORRECTIONS_LIMIT };
}

/** A finite number the parameter can physically take (the bounds ingestion applies), in its stored unit. */
function physicalValue(code: WaterParameterCode, value: number): number {
  const def = WATER_PARAMETERS.find((p) => p.code === code)!;
  if (value < def.physicalMin || (def.physicalMax !== null && value > def.physicalMax)) {
    const range =
      def.physicalMax === null ? `>= ${def.physicalMin}` : `${def.physicalMin}-${def.physicalMax}`;
    throw DomainError.invalid(
      'value',
      `${code} ${value} ${def.unit} is physically impossible (must be ${range})`,
    );
  }
  return value;
}
