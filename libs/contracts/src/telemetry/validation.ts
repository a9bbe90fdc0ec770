import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import {
  DATE_TIME_WITH_OFFSET_PATTERN,
  DeviceStatusPayloadSchema,
  ENVELOPE_SCHEMAS,
  GatewayNoticePayloadSchema,
  TelemetryReadingSchema,
} from './schemas';

/**
 * The one ajv instance of the contracts lib. Validators are compiled once, at module load; on the happy
 * path a message costs one JSON.parse and one compiled-function call per object. Error objects (and the
 * strings built from them) exist only for refused input.
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

export type Decoded =
  | { readonly ok: true; readonly body: unknown; readonly owned: boolean }
  | { readonly ok: false; readonly reason: string };

/**
 * Turns an MQTT payload (Buffer, string, or an already parsed value) into a JSON value.
 * `owned` says the value was parsed here, so the parser may hand out its arrays without copying them.
 */
export function decodeJson(payload: unknown): Decoded {
  let text: string;
  if (Buffer.isBuffer(payload)) text = payload.toString('utf8');
  else if (typeof payload === 'string') text = payload;
  else return { ok: true, body: payload, owned: false };
  if (text.length === 0) return { ok: false, reason: 'payload is empty' };
  try {
    return { ok: true, body: JSON.parse(text), owned: true };
  } catch {
    return { ok: false, reason: 'payload is not valid JSON' };
  }
}

export type Checked<T> =
  | { readonly ok: true; readonly value: T; readonly owned: boolean }
  | { readonly ok: false; readonly reason: string };

/** Decodes a payload and checks it against one compiled validator; the reason names what is wrong. */
export function decodeAndCheck<T>(validate: ValidateFunction, payload: unknown): Checked<T> {
  const decoded = decodeJson(payload);
  if (!decoded.ok) return decoded;
  if (!validate(decoded.body)) return { ok: false, reason: describeErrors(validate.errors, '') };
  return { ok: true, value: decoded.body as T, owned: decoded.owned };
}

/**
 * One human reason for the errors of one validated value: one phrase per offending field, joined by "; ".
 * `at` is where the value sits in the message (`readings[3]`, `stations[1]`; '' for the message itself),
 * so every phrase names the field by its full path, and its value where that helps.
 */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined, at: string): string {
  const phrases: string[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    if (error.keyword === 'if') continue; // the `then` branch reports the real problem
    const path = joinPath(at, error.instancePath);
    const key = error.keyword === 'required' ? `${path}.${String(error.params['missingProperty'])}` : path;
    if (seen.has(key)) continue; // e.g. a bad time fails both `pattern` and `format`: say it once
    seen.add(key);
    phrases.push(describe(error, path));
  }
  return phrases.length > 0 ? phrases.join('; ') : `${at || 'payload'} is invalid`;
}

const TYPE_TEXT: Readonly<Record<string, string>> = {
  number: 'a finite number',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  object: 'a JSON object',
  array: 'an array',
};

const ENUM_TEXT: Readonly<Record<string, string>> = {
  parameter: 'is not a Circular 10/2021 water parameter',
  status: 'is not a Circular 10/2021 status code (00 measuring, 01 calibrating, 02 device error)',
};

/** How a refused pattern is explained; keyed by the pattern text (schemas.ts and waste-events.ts). */
const PATTERN_TEXT: Readonly<Record<string, string>> = {
  '^[A-Za-z0-9_-]{1,64}$': "must be 1 to 64 letters, digits, '-' or '_'",
  '^[A-Za-z0-9_.:-]{1,128}$': "must be 1 to 128 letters, digits, '_', '-', '.' or ':'",
  '^[0-9]{2} [0-9]{2} [0-9]{2}$': 'must be a waste code of three pairs of digits, e.g. "16 01 12"',
  '^[A-Za-z0-9/._-]{1,64}$': "must be 1 to 64 letters, digits, '/', '.', '_' or '-'",
};

function describe(error: ErrorObject, path: string): string {
  const shown = path || 'payload';
  const value = printable(error.data);
  switch (error.keyword) {
    case 'required':
      return `${path ? `${path}.` : ''}${String(error.params['missingProperty'])} is missing`;
    case 'type':
      return `${shown} must be ${TYPE_TEXT[String(error.params['type'])] ?? String(error.params['type'])}`;
    case 'enum':
      return `${shown} ${value} ${ENUM_TEXT[lastKey(path)] ?? `must be one of ${(error.schema as unknown[]).join(', ')}`}`;
    case 'format':
    case 'pattern':
      return error.keyword === 'format' || error.schema === DATE_TIME_WITH_OFFSET_PATTERN
        ? `${shown} ${value} must be an ISO 8601 date-time with seconds and an explicit offset, e.g. 2026-11-27T10:05:00+07:00`
        : `${shown} ${value} ${PATTERN_TEXT[String(error.schema)] ?? `must match ${String(error.schema)}`}`;
    case 'exclusiveMinimum':
      return `${shown} ${value} must be more than ${String(error.params['limit'])}`;
    case 'maximum':
      return `${shown} ${value} must be at most ${String(error.params['limit'])}`;
    case 'minItems':
    case 'maxItems':
      return `${shown} must hold ${String(error.parentSchema?.['minItems'])} to ${String(error.parentSchema?.['maxItems'])} items, got ${(error.data as unknown[]).length}`;
    case 'minLength':
      return `${shown} must not be empty`;
    case 'maxLength':
      return `${shown} ${value} is longer than ${String(error.params['limit'])} characters`;
    default:
      return `${shown} ${value} is invalid (${error.keyword})`;
  }
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

function lastKey(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
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
