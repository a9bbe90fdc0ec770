import { DomainError, parseRequestInput } from '@hp/contracts';
import { DEFAULT_WINDOW_MS, parseReadingsQuery, READINGS_INPUT, ReadingsQueryParams } from './readings-query';

const NOW = new Date('2026-11-27T10:00:00Z');

/** The request as the route reads it: its one parser, then the rules between parameters. */
function readingsQuery(id: string, params: Record<string, string>, now: Date) {
  const parsed = parseRequestInput(READINGS_INPUT, { id }, params);
  return parseReadingsQuery(parsed.path['id'] as number, parsed.query as ReadingsQueryParams, now);
}

function problem(id: string, params: Record<string, string>): string {
  try {
    readingsQuery(id, params, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as Error).message;
  }
  throw new Error('expected a DomainError');
}

describe('parseReadingsQuery', () => {
  it('defaults to the raw readings of the last 24 hours', () => {
    const q = readingsQuery('7', {}, NOW);
    expect(q).toMatchObject({ stationId: 7, resolution: 'raw', limit: 1000, fill: false });
    expect(q.to).toEqual(NOW);
    expect(NOW.getTime() - q.from.getTime()).toBe(DEFAULT_WINDOW_MS);
  });

  it('accepts a bucketed, gap-filled query for one parameter', () => {
    const q = readingsQuery(
      '7',
      { resolution: 'day', parameter: 'COD', fill: 'true', from: '2026-11-01T00:00:00+07:00' },
      NOW,
    );
    expect(q).toMatchObject({ resolution: 'day', parameter: 'COD', fill: true });
    expect(q.from.toISOString()).toBe('2026-10-31T17:00:00.000Z');
  });

  it.each([
    ['2026-11-26T10:00:00Z', 'raw'],
    ['2026-11-25T10:00:00Z', 'raw'],
    ['2026-11-20T10:00:00Z', 'hour'],
    ['2026-10-27T10:00:00Z', 'hour'],
    ['2026-09-01T10:00:00Z', 'day'],
  ])('resolution auto from %s to now: %s', (from, resolution) => {
    expect(readingsQuery('1', { resolution: 'auto', from }, NOW).resolution).toBe(resolution);
  });

  it('accepts exactly 92 days', () => {
    const q = readingsQuery('1', { from: '2026-08-27T10:00:00Z', resolution: 'day' }, NOW);
    expect((NOW.getTime() - q.from.getTime()) / 86_400_000).toBe(92);
  });

  it.each([
    ['x1', {}, 'id: must be an id from 1 to 2147483647'],
    ['01', {}, 'id: must be an id'],
    ['1', { from: '2026-02-30T00:00:00Z' }, 'from: must be an ISO 8601 date-time with its zone'],
    ['1', { limit: '010' }, 'limit: must be an integer from 1 to 10000'],
    ['1', { lmit: '10' }, 'lmit: is not a parameter of this route'],
    ['1', { resolution: 'minute' }, 'resolution: must be one of raw, hour, day, auto'],
    [
      '1',
      { from: 'yesterday' },
      'from: must be an ISO 8601 date-time with its zone, e.g. 2026-11-27T10:05:00Z, got "yesterday"',
    ],
    ['1', { from: '2026-11-28T00:00:00Z' }, 'from: must be earlier than to'],
    ['1', { parameter: 'BOD' }, 'parameter: unknown parameter code "BOD"'],
    ['1', { limit: '0' }, 'limit: must be an integer from 1 to 10000'],
    ['1', { fill: 'true' }, 'fill: needs resolution hour or day and one parameter'],
    [
      '1',
      { from: '2026-08-01T00:00:00+07:00', to: '2026-11-02T00:00:00+07:00' },
      'to: must be at most 92 days after from',
    ],
  ])('refuses id %s with %j, naming the parameter', (id, params, message) => {
    expect(problem(id, params)).toContain(message);
  });
});
