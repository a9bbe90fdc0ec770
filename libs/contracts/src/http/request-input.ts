import { DomainError } from '../errors/domain-error';
import { isDay } from '../calendar/local-days';
import { CODE_PATTERN } from '../telemetry/schemas';
import { MANIFEST_NUMBER_PATTERN } from '../waste/waste-events';

/**
 * The one parser of route parameters and query strings. Each value has exactly one accepted spelling
 * (`1`, never `01`, `+1`, ` 1`, `1.0` or other scripts' digits; park codes in upper-case ASCII, never
 * lower-case; real calendar days only), so whoever reads the parsed request (the access guard deciding a
 * park's scope, and the handler answering) reads the same value. Anything else is a 400 naming the
 * parameter, before any check or query runs.
 */

/** The OpenAPI schema of one parameter (the part this parser uses). */
export interface InputSchema {
  readonly type: 'string' | 'integer' | 'boolean';
  readonly format?: string;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly example?: string | number;
}

/** How one route or query parameter's text becomes a typed value, and how OpenAPI describes it. */
export interface InputSpec<T = unknown> {
  readonly schema: InputSchema;
  readonly description?: string;
  /** Query parameters only: refused when absent (route parameters are always present). */
  readonly required: boolean;
  /** @throws DomainError INVALID_ARGUMENT naming the parameter. */
  parse(name: string, text: string): T;
}

/** The parameters of one route: its path (`:id`) and its query string. Any other query parameter is refused. */
export interface RequestShape {
  readonly path?: Readonly<Record<string, InputSpec>>;
  readonly query?: Readonly<Record<string, InputSpec>>;
}

/** A request's parameters, typed by their specs; absent optional query parameters are undefined. */
export interface ParsedInput {
  readonly path: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
}

/** Largest id a PostgreSQL serial column holds; a larger one cannot exist. */
export const MAX_ID = 2_147_483_647;
/** Park codes as the registry stores them: upper-case ASCII letters, digits and dashes. */
export const PARK_CODE_PATTERN = '^[A-Z0-9-]{1,64}$';
/** A canonical non-negative decimal integer: ASCII digits, no sign, no leading zero, no fraction. */
const CANONICAL_INTEGER = /^(0|[1-9][0-9]{0,15})$/;
/**
 * An RFC 3339 date-time with its zone (a time without one would be read in the server's zone): calendar
 * day, hh:mm[:ss[.fraction]], then Z or an offset.
 */
const ZONED_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

function quoted(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}...` : text);
}

function spec<T>(
  schema: InputSchema,
  description: string | undefined,
  parse: (name: string, text: string) => T,
): InputSpec<T> {
  return { schema, description, required: false, parse };
}

function integerIn(name: string, text: string, min: number, max: number, what: string): number {
  const value = CANONICAL_INTEGER.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max))
    throw DomainError.invalid(
      name,
      `must be ${what} (digits only, no sign or leading zero), got ${quoted(text)}`,
    );
  return value;
}

function matching(name: string, text: string, pattern: string, what: string): string {
  if (!new RegExp(pattern).test(text))
    throw DomainError.invalid(name, `must be ${what}, got ${quoted(text)}`);
  return text;
}

/** The kinds of parameter the platform's routes take. */
export const input = {
  /** A database id: 1 to 2147483647 in canonical decimal. */
  id(description?: string): InputSpec<number> {
    return spec({ type: 'integer', minimum: 1, maximum: MAX_ID, example: 1 }, description, (name, text) =>
      integerIn(name, text, 1, MAX_ID, `an id from 1 to ${MAX_ID}`),
    );
  },
  /** An integer in [min, max], canonical decimal. */
  integer(min: number, max: number, description?: string): InputSpec<number> {
    return spec({ type: 'integer', minimum: min, maximum: max }, description, (name, text) =>
      integerIn(name, text, min, max, `an integer from ${min} to ${max}`),
    );
  },
  /** A park code, upper-case ASCII as the registry stores it: `vsip-hp` is refused, not folded. */
  parkCode(description?: string): InputSpec<string> {
    return spec(
      { type: 'string', pattern: PARK_CODE_PATTERN, example: 'VSIP-HP' },
      description,
      (name, text) =>
        matching(name, text, PARK_CODE_PATTERN, 'a park code (upper-case letters, digits and dashes)'),
    );
  },
  /** A device-chosen code (lots, waste parties): letters, digits, `_` and `-`, matched exactly, case included. */
  code(description?: string): InputSpec<string> {
    return spec({ type: 'string', pattern: CODE_PATTERN }, description, (name, text) =>
      matching(name, text, CODE_PATTERN, 'a code of 1-64 letters, digits, _ and -'),
    );
  },
  /** A manifest (chung tu CTNH) number as printed: letters, digits and `/ . _ -`. */
  manifestNumber(description?: string): InputSpec<string> {
    return spec(
      { type: 'string', pattern: MANIFEST_NUMBER_PATTERN, example: '31.000123.T/2026' },
      description,
      (name, text) =>
        matching(name, text, MANIFEST_NUMBER_PATTERN, 'a manifest number (letters, digits, / . _ -)'),
    );
  },
  /** Text of a fixed form, e.g. a report period `2026-Q4`. */
  text(pattern: string, what: string, description?: string): InputSpec<string> {
    return spec({ type: 'string', pattern }, description, (name, text) =>
      matching(name, text, pattern, what),
    );
  },
  /** One of a closed list of words, exactly as listed. */
  oneOf<T extends string>(values: readonly T[], description?: string): InputSpec<T> {
    return spec({ type: 'string', enum: values }, description, (name, text) => {
      if (!(values as readonly string[]).includes(text))
        throw DomainError.invalid(name, `must be one of ${values.join(', ')}, got ${quoted(text)}`);
      return text as T;
    });
  },
  /** `true` or `false`. */
  boolean(description?: string): InputSpec<boolean> {
    return spec({ type: 'boolean' }, description, (name, text) => {
      if (text !== 'true' && text !== 'false')
        throw DomainError.invalid(name, `must be true or false, got ${quoted(text)}`);
      return text === 'true';
    });
  },
  /** A local calendar day `YYYY-MM-DD` that exists (no 2026-02-30, no month 13). */
  day(description?: string): InputSpec<string> {
    return spec({ type: 'string', format: 'date', example: '2026-11-27' }, description, (name, text) =>
      parseDay(name, text),
    );
  },
  /** An instant: RFC 3339 date-time with its zone, on a real calendar day, from 1970. */
  instant(description?: string): InputSpec<Date> {
    return spec(
      { type: 'string', format: 'date-time', example: '2026-11-27T10:05:00+07:00' },
      description,
      (name, text) => parseInstant(name, text),
    );
  },
  /** Any other value, parsed by the feature; `parse` throws DomainError.invalid naming the parameter. */
  custom<T>(
    schema: InputSchema,
    parse: (name: string, text: string) => T,
    description?: string,
  ): InputSpec<T> {
    return spec(schema, description, parse);
  },
};

/** The same spec, refused when absent. */
export function required<T>(inputSpec: InputSpec<T>): InputSpec<T> {
  return { ...inputSpec, required: true };
}

/** A local day parameter, `YYYY-MM-DD` on the calendar. */
export function parseDay(name: string, text: string): string {
  if (!isDay(text))
    throw DomainError.invalid(name, `must be a date YYYY-MM-DD that exists, got ${quoted(text)}`);
  return text;
}

/** An RFC 3339 instant with its zone, on a real calendar day, not before 1970. */
export function parseInstant(name: string, text: string): Date {
  const match = ZONED_TIME.exec(text);
  const time = match && isDay(match[1]) ? new Date(text) : null;
  // Before 1970 no station measured anything (and year 0 is no PostgreSQL time).
  if (!time || Number.isNaN(time.getTime()) || time.getTime() < 0)
    throw DomainError.invalid(
      name,
      `must be an ISO 8601 date-time with its zone, e.g. 2026-11-27T10:05:00Z, got ${quoted(text)}`,
    );
  return time;
}

/**
 * Parses a request's route parameters and query string by its shape. Refused (400): a parameter not in the
 * shape, one given more than once or as a structure, a required one missing, any value not in its one
 * canonical form.
 */
export function parseRequestInput(
  shape: RequestShape,
  rawPath: Readonly<Record<string, unknown>>,
  rawQuery: Readonly<Record<string, unknown>>,
): ParsedInput {
  const path: Record<string, unknown> = {};
  for (const [name, inputSpec] of Object.entries(shape.path ?? {})) {
    const text = rawPath[name];
    if (typeof text !== 'string') throw DomainError.invalid(name, 'is required');
    path[name] = inputSpec.parse(name, text);
  }
  const specs = shape.query ?? {};
  const query: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rawQuery)) {
    if (!Object.prototype.hasOwnProperty.call(specs, name)) {
      const accepted = Object.keys(specs);
      throw DomainError.invalid(
        name,
        `is not a parameter of this route (${accepted.length ? `accepted: ${accepted.join(', ')}` : 'it takes none'})`,
      );
    }
    if (Array.isArray(value)) throw DomainError.invalid(name, 'is given more than once; give it once');
    if (typeof value !== 'string') throw DomainError.invalid(name, 'must be given once, as text');
  }
  for (const [name, inputSpec] of Object.entries(specs)) {
    const text = Object.prototype.hasOwnProperty.call(rawQuery, name)
      ? (rawQuery[name] as string)
      : undefined;
    if (text === undefined) {
      if (inputSpec.required) throw DomainError.invalid(name, 'is required');
      query[name] = undefined;
    } else query[name] = inputSpec.parse(name, text);
  }
  return { path, query };
}
