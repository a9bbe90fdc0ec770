// The small tier (issue 17 item 7): the day's judgement as a pure rule, no database. The golden set
// (golden.*.spec.ts) holds the same rule end to end on both drivers, reasons included.
import { HourWindowStats } from '@hp/readings';
import { DischargePermit } from '@hp/registry';
import { judgeStationDay, StationDayInput } from './judge-day';

const DAY = '2026-03-10';
const PERMIT: DischargePermit = {
  id: 1,
  stationId: 7,
  permitNumber: 'P-1',
  standardVersion: 'QCVN40:2011',
  columnCode: 'B',
  kq: 1,
  kf: 1,
  permittedFlowM3PerDay: null,
  kfSource: null,
  kfReason: null,
  documentRef: null,
  supersedes: null,
  supersededAt: null,
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  parameters: ['COD'],
  windows: ['hour', 'day'],
  minCapture: 0.8,
  flatlineRecords: 0,
  limits: [],
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

/** 24 hours of 5-minute COD records (12 an hour), `valid` of them valid at `value` each. */
function hours(value: (hour: number) => number, valid = (_hour: number) => 12): HourWindowStats[] {
  return Array.from({ length: 24 }, (_, hour) => {
    const n = valid(hour);
    return {
      day: DAY,
      parameterCode: 'COD',
      hour,
      total: 12,
      valid: n,
      sum: n ? n * value(hour) : null,
      max: n ? value(hour) : null,
      min: n ? value(hour) : null,
      setAside: 0,
      setAsideSum: null,
      setAsideMax: null,
      setAsideMin: null,
    };
  });
}

function input(stats: HourWindowStats[], permit: DischargePermit | null = PERMIT): StationDayInput {
  return {
    stationId: 7,
    day: DAY,
    permit,
    cadenceSeconds: new Map([['COD', 300]]),
    defaultCadenceSeconds: 300,
    limits: new Map([['COD', { min: null, max: 150 }]]),
    units: new Map([['COD', 'mg/L']]),
    hours: stats,
  };
}

describe('judgeStationDay (pure rule)', () => {
  it('judges a full day under the limit compliant, and the station with it', () => {
    const { station, parameters } = judgeStationDay(input(hours(() => 90)));
    expect(station.verdict).toBe('compliant');
    expect(parameters.map((p) => [p.parameterCode, p.verdict])).toEqual([['COD', 'compliant']]);
  });

  it('judges a day with one hourly mean above Cmax an exceedance', () => {
    const { station } = judgeStationDay(input(hours((h) => (h === 9 ? 180 : 90))));
    expect(station.verdict).toBe('exceedance');
  });

  it('judges a day below the minimum capture insufficient data, not compliant', () => {
    const { station } = judgeStationDay(
      input(
        hours(
          () => 90,
          (h) => (h < 12 ? 12 : 0),
        ),
      ),
    );
    expect(station.verdict).toBe('insufficient_data');
  });

  it('judges a day without a permit in force no_permit, with no parameter judged', () => {
    const { station, parameters } = judgeStationDay(
      input(
        hours(() => 90),
        null,
      ),
    );
    expect(station.verdict).toBe('no_permit');
    expect(parameters).toEqual([]);
  });

  it('judges a year of station-days in well under a second (no I/O)', () => {
    const days = Array.from({ length: 365 }, (_, i) => input(hours((h) => (h === i % 24 ? 160 : 90))));
    const started = performance.now();
    const verdicts = days.map((d) => judgeStationDay(d).station.verdict);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(new Set(verdicts)).toEqual(new Set(['exceedance']));
  });
});
