import { TelemetryReadingV1 } from '@hp/contracts';
import { checkReading, localDay } from './reading-rules';

const NOW = Date.parse('2026-11-27T03:00:00Z');
const RULES = { backfillMs: 60 * 86_400_000, futureToleranceMs: 300_000 };
const r = (over: Partial<TelemetryReadingV1>): TelemetryReadingV1 => ({
  parameter: 'COD',
  value: 42,
  unit: 'mg/L',
  time: '2026-11-27T10:00:00+07:00',
  status: '00',
  ...over,
});

describe('checkReading', () => {
  it('keeps a good reading, storing UTC time and the numeric status', () => {
    expect(checkReading(5, r({ status: '01' }), NOW, RULES)).toEqual({
      time: new Date('2026-11-27T03:00:00Z'),
      stationId: 5,
      parameterCode: 'COD',
      value: 42,
      status: 1,
    });
  });

  it.each([
    [r({ parameter: 'Flow', unit: 'L/s', value: 10 }), 36],
    [r({ parameter: 'Temp', unit: 'degF', value: 86 }), 30],
    [r({ parameter: 'NH4', unit: 'ug/L', value: 2500 }), 2.5],
    [r({ parameter: 'COD', unit: 'g/m3', value: 42 }), 42],
  ])('converts %j to the canonical unit', (reading, expected) => {
    const row = checkReading(1, reading, NOW, RULES);
    expect(typeof row).toBe('object');
    expect((row as { value: number }).value).toBeCloseTo(expected, 6);
  });

  it.each([
    [r({ unit: 'furlongs' }), 'unit "furlongs" is not accepted for COD (accepted: mg/L'],
    [r({ parameter: 'pH', unit: 'pH', value: 14.5 }), 'pH 14.5 pH is physically impossible (must be 0-14)'],
    [
      r({ parameter: 'Flow', unit: 'm3/h', value: -1 }),
      'Flow -1 m3/h is physically impossible (must be >= 0)',
    ],
    [r({ time: '2026-11-27T10:05:01+07:00' }), 'is more than 300 s in the future'],
    [r({ time: '2026-09-01T10:00:00+07:00' }), 'is older than the backfill window of 60 days'],
  ])('refuses %j, saying why', (reading, reason) => {
    expect(checkReading(1, reading, NOW, RULES)).toContain(reason);
  });

  it('accepts exactly at the future tolerance', () => {
    expect(typeof checkReading(1, r({ time: '2026-11-27T10:05:00+07:00' }), NOW, RULES)).toBe('object');
  });
});

describe('localDay', () => {
  it('uses Asia/Ho_Chi_Minh days', () => {
    expect(localDay(new Date('2026-11-27T16:59:59Z'))).toBe('2026-11-27');
    expect(localDay(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });
});
