import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import {
  JsonType,
  MAX_SCHEMA_PROBLEMS,
  PayloadRefusal,
  SchemaProblem,
  TextShape,
} from '../messages/quarantine-reasons';
import {
  CODE_PATTERN,
  DATE_TIME_WITH_OFFSET_PATTERN,
  DeviceStatusPayloadSchema,
  ENVELOPE_SCHEMAS,
  GatewayNoticePayloadSchema,
  TelemetryReadingSchema,
} from './schemas';

/**
 * The one ajv instance of the contracts lib. Validators are compiled once, at module load; on the happy
 * path a message costs one JSON.parse and one compiled-function call per object. Error objects (and the
 * problems built from them) exist only for refused input.
 */
export const contractAjv = new Ajv({ allErrors: true, strict: true, verbose: true, messages: false });

// `date-time` is RFC 3339; the pattern in the schema already demands the shape and the offset, the format
// adds the calendar: no 30 February, no hour 24, no offset beyond ±23:59.
contractAjv.addFormat('date-time', { type: 'string', validate: isCalendarDateTime });

export const validators = {
  reading: contractAjv.compile(TelemetryReadingSchema),
  stationEnvelope: contractAjv.compile(ENVELOPE_SCHEMAS.stationTelemetry),
  gatewayEnvelope: contractAjv.compile(ENVELOPE_SCHEMAS.gatewayTelemetry),
  gatewayStationEnvelope: contractAjv.compile(ENVELOPE_SCHEMAS.gatewayStationBatch),
  gatewayNotice: contractAjv.compile(GatewayNoticePayloadSchema),
  deviceStatus: contractAjv.compile(DeviceStatusPayloadSchema),
} as const satisfies Record<string, ValidateFunction>;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The last time text found valid: a message's readings nearly always repeat it. */
let lastValidDateTime = '';

/** Calendar check of a string already shaped like DATE_TIME_WITH_OFFSET_PATTERN (fixed positions). */
export function isCalendarDateTime(value: string): boolean {
  if (value === lastValidDateTime) return true;
  if (!checkCalendarDateTime(value)) return false;
  lastValidDateTime = value;
  return true;
}

function checkCalendarDateTime(value: string): boolean {
  if (value.length < 20) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return false;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  if (digits(value, 11, 2) > 23 || digits(value, 14, 2) > 59 || digits(value, 17, 2) > 59) return false;
  const zone = value.charCodeAt(value.length - 1) === 90 /* Z */ ? null : value.slice(-6);
  return zone === null || (digits(zone, 1, 2) <= 23 && digits(zone, 4, 2) <= 59);
}

/** NaN (so any comparison fails) when a position is not a digit. */
function digits(s: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

/** The two ways a payload fails before its schema is checked. */
const PAYLOAD_EMPTY: PayloadRefusal = { code: 'PAYLOAD_EMPTY', params: {} };
const PAYLOAD_NOT_JSON: PayloadRefusal = { code: 'PAYLOAD_NOT_JSON', params: {} };

export type Decoded =
  | { readonly ok: true; readonly body: unknown; readonly owned: boolean }
  | { readonly ok: false; readonly reason: PayloadRefusal };

/**
 * Turns an MQTT payload (Buffer, string, or an already parsed value) into a JSON value.
 * `owned` says the value was parsed here, so the parser may hand out its arrays without copying them.
 */
export function decodeJson(payload: unknown): Decoded {
  let text: string;
  if (Buffer.isBuffer(payload)) text = payload.toString('utf8');
  else if (typeof payload === 'string') text = payload;
  else return { ok: true, body: payload, owned: false };
  if (text.length === 0) return { ok: false, reason: PAYLOAD_EMPTY };
  try {
    return { ok: true, body: JSON.parse(text), owned: true };
  } catch {
    return { ok: false, reason: PAYLOAD_NOT_JSON };
  }
}

export type Checked<T> =
  | { readonly ok: true; readonly value: T; readonly owned: boolean }
  | { readonly ok: false; readonly reason: PayloadRefusal };

/** Decodes a payload and checks it against one compiled validator; the reason names what is wrong. */
export function decodeAndCheck<T>(validate: ValidateFunction, payload: unknown): Checked<T> {
  const decoded = decodeJson(payload);
  if (!decoded.ok) return decoded;
  if (!validate(decoded.body)) return { ok: false, reason: schemaRefusal(validate.errors, '') };
  return { ok: true, value: decoded.body as T, owned: decoded.owned };
}

/** A schema refusal of the given problems, kept to MAX_SCHEMA_PROBLEMS. */
export function schemaInvalid(problems: SchemaProblem[]): PayloadRefusal {
  const kept = problems.length > MAX_SCHEMA_PROBLEMS ? problems.slice(0, MAX_SCHEMA_PROBLEMS) : problems;
  return { code: 'PAYLOAD_SCHEMA_INVALID', params: { problems: kept, more: problems.length - kept.length } };
}

/**
 * The reason for the errors of one validated value: one problem per offending field (called only for
 * refused input). `at` is where the value sits in the message (`readings[3]`, `stations[1]`; '' for the
 * message itself), so every problem names its field by its full path.
 */
export function schemaRefusal(errors: readonly ErrorObject[] | null | undefined, at: string): PayloadRefusal {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    if (error.keyword === 'if') continue; // the `then` branch reports the real problem
    const path = joinPath(at, error.instancePath);
    const key = error.keyword === 'required' ? joinKey(path, error) : path;
    if (seen.has(key)) continue; // e.g. a bad time fails both `pattern` and `format`: say it once
    seen.add(key);
    problems.push(problemOf(error, path));
  }
  if (problems.length === 0) {
    const first = errors?.[0];
    problems.push({
      path: at,
      rule: 'invalid',
      keyword: first?.keyword ?? 'schema',
      value: printable(first?.data),
    });
  }
  return schemaInvalid(problems);
}

/** Which shape a refused pattern demands; keyed by the pattern text (schemas.ts and waste-events.ts). */
const PATTERN_SHAPE: Readonly<Record<string, TextShape>> = {
  [CODE_PATTERN]: 'code',
  [DATE_TIME_WITH_OFFSET_PATTERN]: 'date_time',
  '^[A-Za-z0-9_.:-]{1,128}$': 'event_id',
  '^[0-9]{2} [0-9]{2} [0-9]{2}$': 'waste_code',
  '^[A-Za-z0-9/._-]{1,64}$': 'manifest_number',
};

const COMPARISON: Readonly<Record<string, Extract<SchemaProblem, { rule: 'range' }>['comparison']>> = {
  exclusiveMinimum: 'more_than',
  minimum: 'at_least',
  exclusiveMaximum: 'less_than',
  maximum: 'at_most',
};

function problemOf(error: ErrorObject, path: string): SchemaProblem {
  switch (error.keyword) {
    case 'required':
      return { path: joinKey(path, error), rule: 'required' };
    case 'type':
      return { path, rule: 'type', expected: String(error.params['type']) as JsonType };
    case 'enum':
      return {
        path,
        rule: 'enum',
        value: printable(error.data),
        allowed: (error.schema as unknown[]).join(', '),
      };
    case 'format':
      return { path, rule: 'pattern', value: printable(error.data), shape: 'date_time' };
    case 'pattern': {
      const shape = PATTERN_SHAPE[String(error.schema)];
      if (shape) return { path, rule: 'pattern', value: printable(error.data), shape };
      break;
    }
    case 'exclusiveMinimum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'maximum':
      return {
        path,
        rule: 'range',
        value: error.data as number,
        comparison: COMPARISON[error.keyword],
        limit: Number(error.params['limit']),
      };
    case 'minItems':
    case 'maxItems':
      return {
        path,
        rule: 'item_count',
        count: (error.data as unknown[]).length,
        min: Number(error.parentSchema?.['minItems'] ?? 0),
        max: Number(error.parentSchema?.['maxItems']),
      };
    case 'minLength':
      return { path, rule: 'too_short', limit: Number(error.params['limit']) };
    case 'maxLength':
      return { path, rule: 'too_long', value: printable(error.data), limit: Number(error.params['limit']) };
  }
  return { path, rule: 'invalid', keyword: error.keyword, value: printable(error.data) };
}

/** The full path of the property a `required` error says is missing. */
function joinKey(path: string, error: ErrorObject): string {
  const key = String(error.params['missingProperty']);
  return path ? `${path}.${key}` : key;
}

/** `readings[3]` + `/value` -> `readings[3].value`; `` + `/stations/1/park` -> `stations[1].park`. */
function joinPath(at: string, pointer: string): string {
  let path = at;
  if (pointer === '') return path;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  }
  return path;
}

/** Longest value quoted in a reason. */
const MAX_QUOTED_LENGTH = 80;

/**
 * A value as a reason quotes it: JSON, cut to MAX_QUOTED_LENGTH. Never throws: a hostile value (nested
 * 100,000 deep, or huge) must not turn a refusal into a crash.
 */
function printable(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? '[...]' : '{...}';
  }
  if (text === undefined) return String(value);
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}...` : text;
}
