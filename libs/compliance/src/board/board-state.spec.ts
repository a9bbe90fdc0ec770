import { expectedRecords, linkState, rate, valueState } from './board-state';

const NOW = new Date('2026-12-07T08:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const reading = (value: number, secondsAgo = 60, status = 0) => ({ time: ago(secondsAgo), value, status });
const COD = { min: null, max: 150 };
const PH = { min: 5.5, max: 9 };

describe('valueState', () => {
  it.each([
    [100, COD, 'ok'],
    [119.9, COD, 'ok'],
    [120, COD, 'near'],
    [150, COD, 'near'],
    [150.1, COD, 'over'],
    [7.2, PH, 'ok'],
    [8.6, PH, 'ok'],
    [8.7, PH, 'near'],
    [5.8, PH, 'near'],
    [9.1, PH, 'over'],
    [5.4, PH, 'over'],
    [3, { min: 2, max: null }, 'ok'],
    [2.4, { min: 2, max: null }, 'near'],
    [500, null, 'no_limit'],
    [500, { min: null, max: null }, 'no_limit'],
  ])('%d against %j is %s', (value, limit, state) => {
    expect(valueState(reading(value), limit, 300, NOW)).toBe(state);
  });

  it('is stale past three cadences, or without any reading, before anything else', () => {
    expect(valueState(reading(500, 900), COD, 300, NOW)).toBe('over');
    expect(valueState(reading(500, 901), COD, 300, NOW)).toBe('stale');
    expect(valueState(reading(500, 2700), COD, 900, NOW)).toBe('over');
    expect(valueState(null, COD, 300, NOW)).toBe('stale');
  });

  it('does not judge a calibrating or faulty instrument', () => {
    expect(valueState(reading(500, 60, 1), COD, 300, NOW)).toBe('not_measuring');
    expect(valueState(reading(500, 60, 2), COD, 300, NOW)).toBe('not_measuring');
  });
});

describe('linkState, expectedRecords, rate', () => {
  it('is online within three expected intervals of the last message', () => {
    expect(linkState(ago(900), 300, NOW)).toBe('online');
    expect(linkState(ago(901), 300, NOW)).toBe('offline');
    expect(linkState(null, 300, NOW)).toBe('never');
  });

  it('counts whole records and rounds the rate', () => {
    expect(expectedRecords(86_400, 300)).toBe(288);
    expect(expectedRecords(86_400, 900)).toBe(96);
    expect(expectedRecords(1000, 300)).toBe(3);
    expect(expectedRecords(-5, 300)).toBe(0);
    expect(rate(216, 288)).toBe(0.75);
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(0, 0)).toBeNull();
  });
});
