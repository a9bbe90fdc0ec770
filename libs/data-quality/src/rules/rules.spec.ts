import { calibrationOffSchedule } from './calibration';
import { clockDrift } from './clock-drift';
import { dropBeforeExceedance } from './drop-before-exceedance';
import { dayScore, QUIET, SignalState, stepSignal } from './hysteresis';
import { inspectionGap } from './inspection-gap';
import { nearLimitCluster } from './near-limit-cluster';
import { repeatedDay } from './repeated-day';
import { CalibrationSchedule, DayContext, DqReading } from './rule-types';
import { stuckValue } from './stuck-value';

/**
 * Each rule on a crafted series that must raise it and on a legitimate one that must not. Settings are
 * the defaults migration 0022 seeds (repeated here so a changed default shows up as a failing case).
 */
const DAY = '2026-12-01';
const DAY_START = new Date('2026-11-30T17:00:00Z'); // local midnight, UTC+7
const MIN = 60_000;

function series(
  parameterCode: string,
  count: number,
  value: (i: number) => number,
  o: {
    stepMinutes?: number;
    startMinute?: number;
    status?: (i: number) => number;
    lagMs?: (i: number) => number;
    dayStart?: Date;
  } = {},
): DqReading[] {
  const step = (o.stepMinutes ?? 5) * MIN;
  const start = (o.dayStart ?? DAY_START).getTime() + (o.startMinute ?? 0) * MIN;
  return Array.from({ length: count }, (_, i) => {
    const time = new Date(start + i * step);
    return {
      time,
      parameterCode,
      value: value(i),
      status: o.status?.(i) ?? 0,
      receivedAt: new Date(time.getTime() + (o.lagMs?.(i) ?? 20_000)),
    };
  });
}

function ctx(readings: DqReading[], extra: Partial<DayContext> = {}): DayContext {
  return {
    day: DAY,
    dayStart: DAY_START,
    dayEnd: new Date(DAY_START.getTime() + 1440 * MIN),
    readings: [...readings].sort((a, b) => a.time.getTime() - b.time.getTime()),
    earlierDays: [],
    limits: [],
    schedules: [],
    inspections: [],
    baselinePerHour: new Map(),
    ...extra,
  };
}

/** A noisy but plausible value (deterministic). */
const noisy = (base: number, amplitude: number) => (i: number) =>
  Number((base + amplitude * Math.sin(i * 0.7) + amplitude * 0.3 * Math.cos(i * 2.3)).toFixed(2));

describe('STUCK_VALUE', () => {
  const settings = {
    runRecords: { Flow: 288, Temp: 72, pH: 72, TSS: 24, COD: 16, NH4: 12 },
    defaultRunRecords: 24,
  };

  it('raises on a COD analyser frozen for 5 hours', () => {
    const cod = series('COD', 96, (i) => (i >= 20 && i < 40 ? 42.7 : noisy(40, 5)(i)), { stepMinutes: 15 });
    const f = stuckValue(ctx(cod), settings);
    expect(f).toMatchObject({
      holds: true,
      params: { parameter: 'COD', value: 42.7, records: 20, runRecords: 16 },
    });
  });

  it('raises on a Flow meter frozen the whole day', () => {
    expect(stuckValue(ctx(series('Flow', 288, () => 150)), settings).holds).toBe(true);
  });

  it('does not raise on a fixed-rate pump cycling 4 h on, 1 h off, nor on pH and Temp at instrument resolution', () => {
    const pump = series('Flow', 288, (i) => (i % 60 < 48 ? 150 : 0));
    // pH at 0.1 resolution holding 7.2 for 3 h at a time; Temp at 0.1 degC stepping every 2 h.
    const ph = series('pH', 288, (i) => (Math.floor(i / 36) % 2 === 0 ? 7.2 : 7.3));
    const temp = series('Temp', 288, (i) => 28 + Math.floor(i / 24) * 0.1);
    expect(stuckValue(ctx([...pump, ...ph, ...temp]), settings)).toEqual({ holds: false, params: {} });
  });
});

describe('NEAR_LIMIT_CLUSTER', () => {
  const settings = { bandLow: 0.9, minShare: 0.5, minRecords: 12 };
  const limits = [{ parameter: 'COD', min: null, max: 148.5 }];

  it('raises when most values sit just under Cmax and none above', () => {
    const cod = series('COD', 96, (i) => (i % 4 === 0 ? 120 : 140 + (i % 7)), { stepMinutes: 15 });
    expect(nearLimitCluster(ctx(cod, { limits }), settings)).toMatchObject({
      holds: true,
      params: { parameter: 'COD', cmax: 148.5, records: 96 },
    });
  });

  it('does not raise on values spread over the range, nor on a real exceedance', () => {
    const spread = series('COD', 96, noisy(70, 30), { stepMinutes: 15 });
    expect(nearLimitCluster(ctx(spread, { limits }), settings).holds).toBe(false);
    const over = series('COD', 96, (i) => (i === 50 ? 160 : 140 + (i % 7)), { stepMinutes: 15 });
    expect(nearLimitCluster(ctx(over, { limits }), settings).holds).toBe(false);
  });
});

describe('REPEATED_DAY', () => {
  const settings = { lookbackDays: 7, minPairs: 24, minShare: 0.9, minDistinct: 10, tolerance: 0 };
  const earlierStart = new Date(DAY_START.getTime() - 3 * 1440 * MIN);

  it("raises when today's series is an earlier day's, time for time", () => {
    const values = noisy(30, 8);
    const earlier = series('TSS', 288, values, { dayStart: earlierStart });
    const today = series('TSS', 288, values);
    expect(
      repeatedDay(ctx(today, { earlierDays: [{ day: '2026-11-28', readings: earlier }] }), settings),
    ).toMatchObject({
      holds: true,
      params: { parameter: 'TSS', sameAsDay: '2026-11-28', share: 1, pairs: 288 },
    });
  });

  it('does not raise on a similar but measured day, nor on a timer-driven pump repeating its schedule', () => {
    const earlier = series('TSS', 288, noisy(30, 8), { dayStart: earlierStart });
    const today = series('TSS', 288, (i) => noisy(30, 8)(i) + ((i * 37) % 11) / 100 + 0.01);
    const pumpBefore = series('Flow', 288, (i) => (i % 60 < 48 ? 150 : 0), { dayStart: earlierStart });
    const pumpToday = series('Flow', 288, (i) => (i % 60 < 48 ? 150 : 0));
    const c = ctx([...today, ...pumpToday], {
      earlierDays: [{ day: '2026-11-28', readings: [...earlier, ...pumpBefore] }],
    });
    expect(repeatedDay(c, settings).holds).toBe(false);
  });
});

describe('CALIBRATION_OFF_SCHEDULE', () => {
  const settings = { episodeGapMinutes: 60, maxEpisodesWithoutSchedule: 2 };
  const weekly: CalibrationSchedule = {
    parameterCode: 'ALL',
    everyDays: 7,
    anchorDay: '2026-11-24', // due on 2026-12-01
    windowStart: '08:00',
    windowMinutes: 120,
    maxPerDay: 1,
  };
  /** COD with status 01 between two local times (minutes of the day). */
  const codCalibrating = (from: number, to: number) =>
    series('COD', 96, noisy(40, 5), {
      stepMinutes: 15,
      status: (i) => (i * 15 >= from && i * 15 < to ? 1 : 0),
    });

  it('raises on calibration outside the declared window, on a day not due, and too often without a schedule', () => {
    expect(
      calibrationOffSchedule(ctx(codCalibrating(14 * 60, 15 * 60), { schedules: [weekly] }), settings),
    ).toMatchObject({
      holds: true,
      params: { parameter: 'COD', reason: 'OUTSIDE_WINDOW' },
    });
    const notDue = { ...weekly, anchorDay: '2026-11-25' };
    expect(
      calibrationOffSchedule(ctx(codCalibrating(8 * 60, 9 * 60), { schedules: [notDue] }), settings),
    ).toMatchObject({
      holds: true,
      params: { reason: 'NOT_DUE' },
    });
    const threeTimes = series('pH', 288, () => 7.1, { status: (i) => (i % 96 < 3 ? 1 : 0) });
    expect(calibrationOffSchedule(ctx(threeTimes), settings)).toMatchObject({
      holds: true,
      params: { parameter: 'pH', reason: 'TOO_OFTEN', episodes: 3, schedule: false },
    });
  });

  it('does not raise on calibration inside the declared window on a due day, nor on a daily pH calibration', () => {
    expect(
      calibrationOffSchedule(ctx(codCalibrating(8 * 60, 9 * 60), { schedules: [weekly] }), settings).holds,
    ).toBe(false);
    const dailyPh = series('pH', 288, () => 7.1, { status: (i) => (i >= 100 && i < 104 ? 1 : 0) });
    expect(calibrationOffSchedule(ctx(dailyPh), settings).holds).toBe(false);
  });
});

describe('CLOCK_DRIFT', () => {
  const settings = {
    futureToleranceSeconds: 120,
    maxMedianLagSeconds: 900,
    maxLagSpreadSeconds: 120,
    minRecords: 12,
  };

  it('raises on readings stamped in the future, and on a steady 40-minute offset', () => {
    const ahead = series('pH', 288, noisy(7, 0.2), { lagMs: (i) => (i > 200 ? -10 * MIN : 15_000) });
    expect(clockDrift(ctx(ahead), settings)).toMatchObject({
      holds: true,
      params: { reason: 'FUTURE_TIMESTAMPS', futureRecords: 87 },
    });
    const behind = series('pH', 288, noisy(7, 0.2), { lagMs: (i) => 40 * MIN + (i % 5) * 1000 });
    expect(clockDrift(ctx(behind), settings)).toMatchObject({
      holds: true,
      params: { reason: 'STEADY_OFFSET', medianLagSeconds: 2402 },
    });
  });

  it('does not raise on prompt delivery, nor on a late batch flushed from the logger buffer', () => {
    const prompt = series('pH', 288, noisy(7, 0.2), { lagMs: (i) => 10_000 + (i % 30) * 1000 });
    expect(clockDrift(ctx(prompt), settings).holds).toBe(false);
    // The buffer flushed at 18:00 local: lags spread from 18 h down to nothing.
    const flushed = series('pH', 288, noisy(7, 0.2), {
      lagMs: (i) => (i < 216 ? (216 - i) * 5 * MIN : 20_000),
    });
    expect(clockDrift(ctx(flushed), settings).holds).toBe(false);
  });
});

describe('DROP_BEFORE_EXCEEDANCE', () => {
  const settings = { approachRatio: 0.85, dropRatio: 0.4, climbSteps: 3, minEvents: 1 };
  const limits = [{ parameter: 'COD', min: null, max: 148.5 }];

  it('raises when a climb toward Cmax is cut sharply where the next step would exceed it', () => {
    const shape = [60, 62, 61, 90, 110, 128, 145, 70, 65, 63];
    const cod = series('COD', 96, (i) => shape[i] ?? noisy(60, 4)(i), { stepMinutes: 15 });
    expect(dropBeforeExceedance(ctx(cod, { limits }), settings)).toMatchObject({
      holds: true,
      params: { parameter: 'COD', cmax: 148.5, peak: 145, after: 70, events: 1 },
    });
  });

  it('does not raise on a climb that turns and falls gradually, nor after a real exceedance', () => {
    const gradual = [60, 62, 61, 90, 110, 128, 140, 130, 115, 100, 85, 70];
    const exceeded = [60, 62, 61, 90, 120, 140, 160, 70, 65];
    for (const shape of [gradual, exceeded]) {
      const cod = series('COD', 96, (i) => shape[i] ?? noisy(60, 4)(i), { stepMinutes: 15 });
      expect(dropBeforeExceedance(ctx(cod, { limits }), settings).holds).toBe(false);
    }
  });
});

describe('INSPECTION_GAP', () => {
  const settings = { hoursBefore: 24, hoursAfter: 24, baselineDays: 7, maxCaptureDrop: 0.3, gapMinutes: 60 };
  // Announced for 10:00-12:00 local on the day.
  const inspections = [
    {
      id: 1,
      startsAt: new Date(DAY_START.getTime() + 600 * MIN),
      endsAt: new Date(DAY_START.getTime() + 720 * MIN),
    },
  ];
  const baselinePerHour = new Map([[1, 12]]);

  it('raises when the station goes silent for hours around the inspection', () => {
    const flow = series('Flow', 288, noisy(150, 10)).filter((r) => {
      const m = (r.time.getTime() - DAY_START.getTime()) / MIN;
      return m < 480 || m >= 780;
    });
    expect(inspectionGap(ctx(flow, { inspections, baselinePerHour }), settings)).toMatchObject({
      holds: true,
      params: { inspectionId: 1, reason: 'GAP', longestGapMinutes: 305 },
    });
  });

  it('does not raise when capture around the inspection matches the baseline', () => {
    const flow = series('Flow', 288, noisy(150, 10));
    expect(inspectionGap(ctx(flow, { inspections, baselinePerHour }), settings).holds).toBe(false);
  });
});

describe('hysteresis and score', () => {
  it('raises after N consecutive holding evaluations and clears after M consecutive clear ones', () => {
    const days = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9'];
    const holds = [true, false, true, true, true, false, true, false, false];
    let state: SignalState = QUIET;
    const trace: string[] = [];
    holds.forEach((h, i) => {
      const step = stepSignal(state, h, 2, 2, days[i]);
      state = step.state;
      trace.push(`${state.raised ? 'R' : '-'}${step.change ? `:${step.change}` : ''}`);
    });
    // One holding day is not enough (d1); a day that does not hold resets; raised on d4, the 2nd in a row;
    // one clear day (d6) does not clear; cleared on d9, the 2nd clear day in a row.
    expect(trace).toEqual(['-', '-', '-', 'R:raised', 'R', 'R', 'R', 'R', '-:cleared']);
  });

  it('scores 100 less the weights of the raised signals, never below 0', () => {
    expect(dayScore([])).toBe(100);
    expect(dayScore([{ weight: 20 }, { weight: 30 }])).toBe(50);
    expect(dayScore([{ weight: 60 }, { weight: 70 }])).toBe(0);
  });
});
