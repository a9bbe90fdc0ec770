import { DomainError } from '../errors/domain-error';
import { isDay } from '../calendar/local-days';
import { input, parseRequestInput, required, RequestShape } from './request-input';

const SHAPE: RequestShape = {
  path: { id: input.id() },
  query: {
    park: input.parkCode(),
    date: input.day(),
    at: input.instant(),
    number: required(input.manifestNumber()),
  },
};

function refusal(path: Record<string, unknown>, query: Record<string, unknown>): string | null {
  try {
    parseRequestInput(SHAPE, path, query);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_ARGUMENT');
    return (error as DomainError).message;
  }
}

describe('parseRequestInput: one canonical form per parameter', () => {
  it('types the canonical spelling', () => {
    expect(
      parseRequestInput(
        SHAPE,
        { id: '17' },
        { park: 'VSIP-HP', date: '2024-02-29', at: '2026-11-27T10:05:00+07:00', number: 'M-1' },
      ),
    ).toEqual({
      path: { id: 17 },
      query: { park: 'VSIP-HP', date: '2024-02-29', at: new Date('2026-11-27T03:05:00Z'), number: 'M-1' },
    });
    expect(parseRequestInput(SHAPE, { id: '2147483647' }, { number: 'x' }).query).toEqual({
      park: undefined,
      date: undefined,
      at: undefined,
      number: 'x',
    });
  });

  it.each([
    '01',
    '+1',
    '-1',
    ' 1',
    '1 ',
    '1.0',
    '1e0',
    '0x1',
    '٣',
    '１',
    '0',
    '',
    '2147483648',
    '99999999999999999999',
  ])('refuses the id %j', (id) => {
    expect(refusal({ id }, { number: 'x' })).toMatch(/^id: must be an id/);
  });

  it.each(['vsip-hp', 'Vsip-HP', ' VSIP-HP', 'VSIP-HP ', 'VSIP_HP', 'VSİP-HP', ''])(
    'refuses the park code %j',
    (park) => {
      expect(refusal({ id: '1' }, { park, number: 'x' })).toMatch(/^park: must be a park code/);
    },
  );

  it.each([
    '2026-13-45',
    '2026-02-30',
    '2025-02-29',
    '2026-00-10',
    '2026-1-05',
    '٢٠٢٦-01-01',
    '2026-01-01T00:00:00Z',
  ])('refuses the day %j without throwing anything but a 400', (date) => {
    expect(isDay(date)).toBe(false);
    expect(refusal({ id: '1' }, { date, number: 'x' })).toMatch(/^date: must be a date/);
  });

  it.each([
    '2026-13-45T00:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T10:00:00',
    'yesterday',
    '1969-12-31T23:59:59Z',
  ])('refuses the instant %j', (at) => {
    expect(refusal({ id: '1' }, { at, number: 'x' })).toMatch(/^at: must be an ISO 8601 date-time/);
  });

  it('refuses a repeated, structured, unknown or missing query parameter', () => {
    expect(refusal({ id: '1' }, { number: ['a', 'b'] })).toBe(
      'number: is given more than once; give it once',
    );
    expect(refusal({ id: '1' }, { number: { a: 'b' } })).toBe('number: must be given once, as text');
    expect(refusal({ id: '1' }, { number: 'x', parkId: '4' })).toMatch(
      /^parkId: is not a parameter of this route/,
    );
    expect(refusal({ id: '1' }, {})).toBe('number: is required');
  });
});
