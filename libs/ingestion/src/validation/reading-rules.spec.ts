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
    expect(row).toMatchObject({ stationId: 1 });
    expect((row as { value: number }).value).toBeCloseTo(expected, 6);
  });

  it.each([
    [
      r({ unit: 'furlongs' }),
      {
        code: 'UNIT_NOT_ACCEPTED',
        params: { parameter: 'COD', unit: 'furlongs', accepted: expect.stringMatching(/^mg\/L, /) },
      },
    ],
    [
      r({ parameter: 'pH', unit: 'pH', value: 14.5 }),
      {
        code: 'VALUE_OUT_OF_PHYSICAL_BOUNDS',
        params: { parameter: 'pH', value: 14.5, min: 0, max: 14, unit: 'pH' },
      },
    ],
    [
      r({ parameter: 'Flow', unit: 'm3/h', value: -1 }),
      {
        code: 'VALUE_OUT_OF_PHYSICAL_BOUNDS',
        params: { parameter: 'Flow', value: -1, min: 0, max: null, unit: 'm3/h' },
      },
    ],
    [
      r({ time: '2026-11-27T10:05:01+07:00' }),
      {
        code: 'TIME_IN_FUTURE',
        params: { parameter: 'COD', time: '2026-11-27T10:05:01+07:00', toleranceSeconds: 300 },
      },
    ],
    [
      r({ time: '2026-09-01T10:00:00+07:00' }),
      {
        code: 'TIME_BEFORE_BACKFILL',
        params: { parameter: 'COD', time: '2026-09-01T10:00:00+07:00', backfillDays: 60 },
      },
    ],
  ])('refuses %j with a reason code and the values compared', (reading, reason) => {
    expect(checkReading(1, reading, NOW, RULES)).toEqual(reason);
  });

  it('accepts exactly at the future tolerance', () => {
    expect(checkReading(1, r({ time: '2026-11-27T10:05:00+07:00' }), NOW, RULES)).toMatchObject({
      stationId: 1,
    });
  });
});

describe('localDay', () => {
  it('uses Asia/Ho_Chi_Minh days', () => {
    expect(localDay(new Date('2026-11-27T16:59:59Z'))).toBe('2026-11-27');
    expect(localDay(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });
});
