import { bodyValidator, checkBody, DomainError, parseRequestInput } from '@hp/contracts';
import {
  CORRECTION_REQUEST_SCHEMA,
  CorrectionBody,
  CORRECTIONS_LIST_INPUT,
  parseCorrectionRequest as correctionOf,
  parseCorrectionsQuery,
} from './correction-request';

/** The body as the route reads it: its schema, then the rules beyond it. */
const validate = bodyValidator(CORRECTION_REQUEST_SCHEMA);
const parseCorrectionRequest = (body: unknown) => correctionOf(checkBody<CorrectionBody>(validate, body));

/** The query as the route parses it (its one parser, then the rules between parameters). */
function correctionsQuery(query: Record<string, string>) {
  const parsed = parseRequestInput(CORRECTIONS_LIST_INPUT, { id: '1' }, query);
  return parseCorrectionsQuery(parsed.query as Parameters<typeof parseCorrectionsQuery>[0]);
}

function problem(fn: () => unknown): { field: unknown; message: string } | null {
  try {
    fn();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.code).toBe('INVALID_ARGUMENT');
    return { field: e.details?.['field'], message: e.message };
  }
}

describe('correction request', () => {
  const base = {
    parameter: 'COD',
    time: '2026-11-27T10:05:00+07:00',
    reason: '  drift found at calibration ',
  };

  it('reads a new value and/or status, or a withdrawal, with a trimmed reason', () => {
    expect(parseCorrectionRequest({ ...base, value: 98.4, status: '01' })).toEqual({
      parameterCode: 'COD',
      time: new Date('2026-11-27T03:05:00Z'),
      reason: 'drift found at calibration',
      withdrawn: false,
      value: 98.4,
      status: 1,
    });
    expect(parseCorrectionRequest({ ...base, status: '02' })).toMatchObject({ value: undefined, status: 2 });
    expect(parseCorrectionRequest({ ...base, value: 0 })).toMatchObject({ value: 0, status: undefined });
    expect(parseCorrectionRequest({ ...base, withdrawn: true })).toEqual({
      parameterCode: 'COD',
      time: new Date('2026-11-27T03:05:00Z'),
      reason: 'drift found at calibration',
      withdrawn: true,
    });
  });

  it.each([
    [null, 'body'],
    [[], 'body'],
    [{ ...base, parameter: 'BOD9' }, 'parameter'],
    [{ ...base, time: '2026-11-27 10:05' }, 'time'],
    [{ ...base, time: '2026-11-27T10:05:00' }, 'time'],
    [{ ...base, time: '0000-01-01T00:00:00Z' }, 'time'],
    [{ ...base, time: 1764205500000 }, 'time'],
    [{ ...base, reason: '' }, 'reason'],
    [{ ...base, reason: 42 }, 'reason'],
    [{ ...base, reason: 'x'.repeat(2001), value: 1 }, 'reason'],
    [{ ...base, value: 1, author: 'someone' }, 'author'],
    [{ ...base, withdrawn: 'yes' }, 'withdrawn'],
    [{ ...base, withdrawn: true, status: '00' }, 'status'],
    [base, 'value'],
    [{ ...base, value: '12' }, 'value'],
    [{ ...base, value: -0.5 }, 'value'],
    [{ ...base, parameter: 'pH', value: 14.1 }, 'value'],
    [{ ...base, value: 1, status: 0 }, 'status'],
  ])('refuses %j naming %s', (body, field) => {
    expect(problem(() => parseCorrectionRequest(body))?.field).toBe(field);
  });

  it('lists everything by default and checks the query', () => {
    expect(correctionsQuery({})).toMatchObject({ from: new Date(0), limit: 100, parameter: undefined });
    expect(correctionsQuery({ from: '2026-11-01T00:00:00Z', limit: '5', parameter: 'NH4' })).toMatchObject({
      from: new Date('2026-11-01T00:00:00Z'),
      limit: 5,
      parameter: 'NH4',
    });
    expect(problem(() => correctionsQuery({ limit: '0' }))?.field).toBe('limit');
    expect(problem(() => correctionsQuery({ limit: '1e3' }))?.field).toBe('limit');
    expect(problem(() => correctionsQuery({ parameter: 'x' }))?.field).toBe('parameter');
    expect(
      problem(() => correctionsQuery({ from: '2026-12-01T00:00Z', to: '2026-11-01T00:00Z' }))?.field,
    ).toBe('from');
  });
});
