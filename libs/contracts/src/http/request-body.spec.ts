import { DomainError } from '../errors/domain-error';
import { json } from './api-schemas';
import { bodyValidator, checkBody, refuseFields } from './request-body';

const SCHEMA = json.body(
  {
    code: json.text(),
    kind: json.oneOf(['a', 'b']),
    at: json.dateTime(),
    day: json.day(),
    count: json.nullable(json.integer({ minimum: 0 })),
    settings: {
      type: 'object',
      propertyNames: { enum: ['x', 'y'], description: 'a setting' },
      additionalProperties: json.number(),
    },
  },
  ['at', 'day', 'count', 'settings'],
);
const validate = bodyValidator(SCHEMA);

function refusal(body: unknown): { field: unknown; message: string } | null {
  try {
    checkBody(validate, body);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_ARGUMENT');
    return { field: (error as DomainError).details?.['field'], message: (error as DomainError).message };
  }
}

describe('checkBody: a JSON body against its schema', () => {
  const valid = { code: 'c1', kind: 'a' };

  it('lets a body in its schema through, unchanged', () => {
    const body = {
      ...valid,
      at: '2026-11-27T10:05:00+07:00',
      day: '2026-02-28',
      count: null,
      settings: { x: 1 },
    };
    expect(checkBody(validate, body)).toBe(body);
    expect(refusal({ ...valid, at: '2026-11-27T03:05Z' })).toBeNull();
  });

  it.each([
    [null, 'body', 'body must be a JSON object'],
    [[], 'body', 'body must be a JSON object'],
    [{ kind: 'a' }, 'code', 'code is required'],
    [{ ...valid, code: '  ' }, 'code', 'code must be a non-empty string'],
    [{ ...valid, kind: 'c' }, 'kind', 'kind must be one of a, b'],
    [
      { ...valid, author: 'x' },
      'author',
      'author is not accepted (accepted: code, kind, at, day, count, settings)',
    ],
    [{ ...valid, count: -1 }, 'count', 'count must be >= 0'],
    [{ ...valid, count: 1.5 }, 'count', 'count must be a whole number'],
    [{ ...valid, day: '2026-02-30' }, 'day', 'day must be a date YYYY-MM-DD that exists'],
    [
      { ...valid, at: '2026-11-27T10:05:00' },
      'at',
      'at must be an ISO 8601 date-time with its zone, e.g. 2026-11-27T10:05:00Z',
    ],
    [
      { ...valid, at: '1969-12-31T23:59:59Z' },
      'at',
      'at must be an ISO 8601 date-time with its zone, e.g. 2026-11-27T10:05:00Z',
    ],
    [{ ...valid, settings: { z: 1 } }, 'settings.z', 'settings.z is not a setting (x, y)'],
    [{ ...valid, settings: { x: '1' } }, 'settings.x', 'settings.x must be a number'],
  ])('refuses %j naming %s', (body, field, message) => {
    expect(refusal(body)).toEqual({ field, message });
  });

  it('names every problem at once, the first in details.field', () => {
    expect(refusal({ kind: 'c', settings: { z: 1 } })).toEqual({
      field: 'code',
      message: 'code is required; kind must be one of a, b; settings.z is not a setting (x, y)',
    });
  });

  it('words the rules beyond a schema alike', () => {
    expect(() => refuseFields([{ field: 'endsAt', problem: 'must be after startsAt' }])).toThrow(
      expect.objectContaining({ message: 'endsAt must be after startsAt', details: { field: 'endsAt' } }),
    );
  });

  it('refuses a schema ajv cannot compile strictly when the route is declared, not at a request', () => {
    expect(() => bodyValidator({ type: 'object', propertiez: {} })).toThrow(/unknown keyword/);
  });
});
