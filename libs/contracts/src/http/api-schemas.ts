import { PERIOD_KINDS } from '../calendar/periods';
import type { JsonSchema } from './request-body';

/**
 * Named response schemas (OpenAPI 3.0 schema objects) of the features' routes. A feature registers each shape
 * once, next to its route, and refers to it by the returned `$ref`; the served document lists them under
 * components/schemas, where the dashboard's generated types take their names from.
 */
const named = new Map<string, JsonSchema>();

/** Registers `schema` as components/schemas/`name` and returns a reference to it. */
export function apiSchema(name: string, schema: JsonSchema): JsonSchema {
  const known = named.get(name);
  if (known && JSON.stringify(known) !== JSON.stringify(schema))
    throw new Error(`two different API schemas are named ${name}`);
  named.set(name, schema);
  return { $ref: `#/components/schemas/${name}` };
}

/** Every registered schema, by name. */
export function namedApiSchemas(): Readonly<Record<string, JsonSchema>> {
  return Object.fromEntries(named);
}

/** The pattern of text that is more than blanks (request-body.ts words its refusal). */
export const NOT_BLANK = '\\S';

/** Shorthands for the schemas the routes write most. */
export const json = {
  string: (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra }),
  integer: (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...extra }),
  number: (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', ...extra }),
  boolean: (): JsonSchema => ({ type: 'boolean' }),
  /** Text that is more than blanks. */
  text: (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', pattern: NOT_BLANK, ...extra }),
  dateTime: (): JsonSchema => ({ type: 'string', format: 'date-time' }),
  day: (): JsonSchema => ({ type: 'string', format: 'date' }),
  oneOf: (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] }),
  /** The same schema, or null. A `$ref` cannot take siblings in OpenAPI 3.0, so it is wrapped in allOf. */
  nullable: (schema: JsonSchema): JsonSchema =>
    '$ref' in schema ? { allOf: [schema], nullable: true } : { ...schema, nullable: true },
  array: (items: JsonSchema): JsonSchema => ({ type: 'array', items }),
  /** An object with exactly these properties, all required unless named in `optional`. */
  object: (properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema => ({
    type: 'object',
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
  }),
  /** A request body's object: these properties, all required unless named in `optional`, and no other. */
  body: (properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema => ({
    ...json.object(properties, optional),
    additionalProperties: false,
  }),
  /** A map from free keys to values of one schema. */
  record: (values: JsonSchema): JsonSchema => ({ type: 'object', additionalProperties: values }),
};

/** A day, month, quarter or year: [from, to) in local days. */
export const PERIOD_SCHEMA = apiSchema(
  'Period',
  json.object({
    kind: json.oneOf(PERIOD_KINDS),
    from: json.day(),
    to: { ...json.day(), description: 'the day after the last, exclusive' },
  }),
);
