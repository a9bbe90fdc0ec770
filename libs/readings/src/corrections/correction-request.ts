import {
  DomainError,
  input,
  isWaterParameterCode,
  RequestShape,
  WATER_PARAMETER_CODES,
  READING_STATUS_CODES,
  ReadingStatusCode,
  statusCodeToValue,
  WATER_PARAMETERS,
  WaterParameterCode,
} from '@hp/contracts';
import { ReadingCorrectionChange } from '@hp/storage';
import { waterParameter } from '../readings-query';

/** Longest reason accepted: a paragraph, not a report (attach those elsewhere). */
export const MAX_REASON_LENGTH = 2000;
export const DEFAULT_CORRECTIONS_LIMIT = 100;
export const MAX_CORRECTIONS_LIMIT = 1000;

/** An ISO 8601 date-time with its zone: a time without one would be read in the server's zone. */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

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

/**
 * Validates the body of POST /stations/:id/readings/corrections. The author is never read from it: it is
 * the signed-in user. Each problem is a 400 naming its field.
 */
export function parseCorrectionRequest(body: unknown): CorrectionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw DomainError.invalid('body', 'must be a JSON object');
  const b = body as Record<string, unknown>;
  const parameter = b['parameter'];
  if (typeof parameter !== 'string' || !isWaterParameterCode(parameter))
    throw DomainError.invalid('parameter', 'must be a Circular 10/2021 parameter code, e.g. COD');
  const time = zonedTime('time', b['time']);
  const reason = typeof b['reason'] === 'string' ? b['reason'].trim() : '';
  if (reason === '') throw DomainError.invalid('reason', 'is required: say why the reading is corrected');
  if (reason.length > MAX_REASON_LENGTH)
    throw DomainError.invalid('reason', `must be at most ${MAX_REASON_LENGTH} characters`);
  if ('author' in b) throw DomainError.invalid('author', 'is not accepted: the author is the signed-in user');

  const withdrawn = b['withdrawn'] ?? false;
  if (typeof withdrawn !== 'boolean') throw DomainError.invalid('withdrawn', 'must be true or false');
  const head = { parameterCode: parameter, time, reason };
  if (withdrawn) {
    for (const field of ['value', 'status'])
      if (b[field] !== undefined)
        throw DomainError.invalid(field, 'must be left out when the reading is withdrawn');
    return { ...head, withdrawn: true };
  }
  if (b['value'] === undefined && b['status'] === undefined)
    throw DomainError.invalid('value', 'give a corrected value and/or status, or withdrawn: true');
  const value = b['value'] === undefined ? undefined : physicalValue(parameter, b['value']);
  const status = b['status'];
  if (status !== undefined && !(READING_STATUS_CODES as readonly unknown[]).includes(status))
    throw DomainError.invalid('status', `must be one of ${READING_STATUS_CODES.join(', ')}`);
  return {
    ...head,
    withdrawn: false,
    value,
    status: status === undefined ? undefined : statusCodeToValue(status as ReadingStatusCode),
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

function zonedTime(field: string, value: unknown): Date {
  const time = typeof value === 'string' && ZONED_TIME.test(value) ? new Date(value) : null;
  // Before 1970 no station measured anything (and year 0 is no PostgreSQL time).
  if (!time || Number.isNaN(time.getTime()) || time.getTime() < 0)
    throw DomainError.invalid(
      field,
      `must be an ISO 8601 date-time with its zone, e.g. 2026-11-27T10:05:00Z, got ${JSON.stringify(value)}`,
    );
  return time;
}

/** A finite number the parameter can physically take (the bounds ingestion applies), in its stored unit. */
function physicalValue(code: WaterParameterCode, value: unknown): number {
  const def = WATER_PARAMETERS.find((p) => p.code === code)!;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw DomainError.invalid('value', `must be a number in ${def.unit}`);
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
