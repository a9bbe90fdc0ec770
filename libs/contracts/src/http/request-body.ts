import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { DomainError } from '../errors/domain-error';
import { isDay } from '../calendar/local-days';
import { parseInstant } from './request-input';
import { NOT_BLANK } from './api-schemas';

/**
 * The one validator of JSON request bodies. A route's body is an OpenAPI 3.0 schema object (JSON Schema with
 * `nullable` and `example`); the same object is served as the route's requestBody, so the document and the
 * check cannot disagree. Anything the schema refuses is a 400 INVALID_ARGUMENT naming the field (every
 * problem in the message, the first in details.field); checks a schema cannot say (a trimmed text not empty,
 * a value physically possible for its parameter) stay in the feature and run after it.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

const bodyAjv = new Ajv({ allErrors: true, strict: true, messages: false, verbose: true });
bodyAjv.addKeyword({ keyword: 'example', schemaType: ['string', 'number', 'boolean', 'object', 'array'] });
// Dates and times as the query parser accepts them: a real calendar day; a zoned RFC 3339 instant.
bodyAjv.addFormat('date', { type: 'string', validate: isDay });
bodyAjv.addFormat('date-time', { type: 'string', validate: isZonedInstant });

/** Exactly the instants a query parameter accepts (parseInstant): zoned RFC 3339, a real day, from 1970. */
function isZonedInstant(text: string): boolean {
  try {
    parseInstant('', text);
    return true;
  } catch {
    return false;
  }
}

/** Compiles a body schema once (at decoration time: a schema ajv refuses fails the boot, not a request). */
export function bodyValidator(schema: JsonSchema): ValidateFunction {
  return bodyAjv.compile(schema);
}

/**
 * The body, checked against its compiled schema and returned as the type the schema describes.
 * @throws DomainError INVALID_ARGUMENT naming the first bad field (`body` for the body itself).
 */
export function checkBody<T>(validate: ValidateFunction, body: unknown): T {
  if (validate(body)) return body as T;
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const found = describe(error);
    if (!found || seen.has(found.field)) continue; // one phrase per field
    seen.add(found.field);
    problems.push(found);
  }
  return refuseFields(problems.length > 0 ? problems : [{ field: 'body', problem: 'is invalid' }]);
}

/** One field's problem, as a body's refusal words it: `<field> <problem>`. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/**
 * A 400 INVALID_ARGUMENT naming every problem (`a must be ...; b is required`) and the first field in
 * details.field. Features use it for the rules of a body beyond its schema, so both read alike.
 */
export function refuseFields(problems: readonly FieldProblem[]): never {
  throw new DomainError('INVALID_ARGUMENT', problems.map((p) => `${p.field} ${p.problem}`).join('; '), {
    field: problems[0]?.field ?? 'body',
  });
}

const TYPE_TEXT: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a JSON object',
  array: 'an array',
  null: 'null',
};

/** `/settings/forSecs` -> `settings.forSecs`, `/items/3/code` -> `items[3].code`, `` -> `body`. */
function fieldOf(pointer: string, child?: string): string {
  let path = '';
  const segments = pointer === '' ? [] : pointer.slice(1).split('/');
  if (child !== undefined) segments.push(child);
  for (const raw of segments) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  }
  return path || 'body';
}

function describe(error: ErrorObject): FieldProblem | null {
  const params = error.params as Record<string, unknown>;
  const field = fieldOf(error.instancePath);
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        field: fieldOf(error.instancePath, String(params['missingProperty'])),
        problem: 'is required',
      };
    case 'additionalProperties': {
      const accepted = Object.keys((parent['properties'] as object | undefined) ?? {});
      return {
        field: fieldOf(error.instancePath, String(params['additionalProperty'])),
        problem: `is not accepted (${accepted.length ? `accepted: ${accepted.join(', ')}` : 'none is'})`,
      };
    }
    case 'propertyNames': {
      // The name's own `enum` error says the same thing with less: this one names the property.
      const names = (parent['propertyNames'] ?? {}) as { enum?: unknown[]; description?: string };
      return {
        field: fieldOf(error.instancePath, String(params['propertyName'])),
        problem: `is not ${names.description ?? 'an accepted name'}${names.enum ? ` (${names.enum.join(', ')})` : ''}`,
      };
    }
    case 'enum':
      if (error.propertyName !== undefined) return null;
      return { field, problem: `must be one of ${(error.schema as unknown[]).join(', ')}` };
    case 'type':
      return {
        field,
        problem: `must be ${String(params['type'])
          .split(',')
          .map((t) => TYPE_TEXT[t] ?? t)
          .join(' or ')}`,
      };
    case 'format':
      return {
        field,
        problem:
          params['format'] === 'date'
            ? 'must be a date YYYY-MM-DD that exists'
            : 'must be an ISO 8601 date-time with its zone, e.g. 2026-11-27T10:05:00Z',
      };
    case 'pattern':
      return params['pattern'] === NOT_BLANK
        ? { field, problem: 'must be a non-empty string' }
        : { field, problem: `must match ${String(params['pattern'])}` };
    case 'minLength':
      return error.schema === 1
        ? { field, problem: 'must not be empty' }
        : { field, problem: `must be at least ${String(params['limit'])} characters` };
    case 'maxLength':
      return { field, problem: `must be at most ${String(params['limit'])} characters` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { field, problem: `must be ${String(params['comparison'])} ${String(params['limit'])}` };
    case 'minItems':
      return { field, problem: `must hold at least ${String(params['limit'])} items` };
    case 'maxItems':
      return { field, problem: `must hold at most ${String(params['limit'])} items` };
    case 'uniqueItems':
      return { field, problem: 'must not repeat an item' };
    default:
      return { field, problem: `is invalid (${error.keyword})` };
  }
}
