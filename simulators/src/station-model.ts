import { ReadingStatusCode, TelemetryReadingV1, WATER_PARAMETERS } from '@hp/contracts';
import {
  CalibrationRule,
  FaultConfig,
  FaultConfigOverrides,
  resolveFaultConfig,
  SIMULATED_PARAMETERS,
  SimulatedParameter,
} from './fault-config';
import {
  DAY_MS,
  daysFromTet,
  HOUR_MS,
  ictDayIndex,
  ictDayOfYear,
  ictDayStart,
  ictHourOfDay,
  MINUTE_MS,
  toIctIso,
  WEEK_MS,
  weekdayOfDay,
} from './local-time';
import {
  between,
  hashInts,
  hashString,
  mulberry32,
  normalHash,
  NoiseOctave,
  smoothNoise,
  unitHash,
} from './random';

// Math is aliased at module scope: in a vm context (jest) every global lookup is slow in hot code.
const { PI, ceil, cos, exp, floor, max, min, round: mathRound, sin } = Math;

/** One centralized wastewater treatment plant (CETP) outlet station. */
export interface StationSpec {
  readonly parkCode: string;
  readonly stationCode: string;
  /** Design capacity; null picks a plausible one (1,500-10,000 m3/d) from the seed. */
  readonly designCapacityM3PerDay: number | null;
  /**
   * Root seed, normally the fleet seed: the station's streams derive from (seed, stationCode), so stations
   * sharing a seed still differ and adding a station leaves the others unchanged.
   */
  readonly seed: number;
}

export interface StationModelOptions {
  /** Overrides of DEFAULT_FAULT_CONFIG; `{ ...NO_FAULTS, flatline: {...} }` for a single fault. */
  readonly faults?: FaultConfigOverrides;
  /** Simulated minutes between samples of the continuous channels; must divide 15. Default 5. */
  readonly tickMinutes?: number;
}

/** A station's fixed character, drawn once from its seed. */
export interface StationTraits {
  readonly designCapacityM3PerDay: number;
  /** Working shifts of the park's factories: 2 (06-22) or 3 (round the clock). */
  readonly shifts: 2 | 3;
  /** How much of the 30-90 % design band the park's load fills at full activity (0.65-1). */
  readonly utilisation: number;
  readonly phMean: number;
  readonly temperatureOffset: number;
  readonly tssBase: number;
  readonly codBase: number;
  readonly nh4Base: number;
}

interface Channel {
  readonly parameter: SimulatedParameter;
  readonly unit: string;
  readonly cadenceMs: number;
  readonly decimals: number;
  /** Analyzer full scale, for drift in percent of span. */
  readonly span: number;
  /** What the analyzer reads while calibrating (buffer or standard solution). */
  readonly standard: number;
  readonly max: number;
  readonly key: number;
  readonly calibration: CalibrationRule | null;
  /** Day offset so weekly calibrations of different analyzers fall on different days. */
  readonly calibrationPhase: number;
  readonly events: {
    readonly deviceError: EventRule;
    readonly flatline: EventRule;
    readonly calibration: EventRule;
  };
}

/** A kind of event that happens at most once a local day, with seeded start and length. */
interface EventRule {
  /** Stream of the station or channel the event belongs to, and of the event kind. */
  readonly key: number;
  readonly kind: number;
  /** Probability that a given day has the event. */
  readonly perDay: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Start and length are whole multiples of this (the channel's cadence). */
  readonly alignMs: number;
  /** Local hours the event may start in. */
  readonly hours: readonly [number, number];
}

interface TimeWindow {
  readonly start: number;
  readonly end: number;
  readonly day: number;
}

interface Process {
  readonly flow: number;
  readonly temp: number;
  readonly pH: number;
  readonly tss: number;
  readonly cod: number;
  readonly nh4: number;
}

const CHANNEL_SHAPE: Record<
  SimulatedParameter,
  { cadenceMinutes: number | null; decimals: number; span: number; standard: number }
> = {
  Flow: { cadenceMinutes: null, decimals: 1, span: 1000, standard: 0 },
  Temp: { cadenceMinutes: null, decimals: 2, span: 50, standard: 25 },
  pH: { cadenceMinutes: null, decimals: 2, span: 14, standard: 7 },
  TSS: { cadenceMinutes: null, decimals: 1, span: 500, standard: 100 },
  COD: { cadenceMinutes: 15, decimals: 1, span: 500, standard: 100 },
  NH4: { cadenceMinutes: 30, decimals: 2, span: 50, standard: 5 },
};

/** Relative white noise (sd) of each analyzer, as a fraction of the value or absolute for Temp and pH. */
const WHITE_NOISE: Record<SimulatedParameter, { relative: number; absolute: number }> = {
  Flow: { relative: 0.01, absolute: 0 },
  Temp: { relative: 0, absolute: 0.05 },
  pH: { relative: 0, absolute: 0.02 },
  TSS: { relative: 0.03, absolute: 0 },
  COD: { relative: 0.02, absolute: 0 },
  NH4: { relative: 0.03, absolute: 0 },
};

/** Factory activity by local hour (knots, cosine-interpolated) for 2-shift and 3-shift parks. */
const ACTIVITY: Record<2 | 3, readonly number[]> = {
  2: [
    0.35, 0.32, 0.3, 0.3, 0.32, 0.4, 0.6, 0.85, 0.95, 1, 1, 0.95, 0.85, 0.9, 1, 1, 0.98, 0.95, 0.9, 0.85,
    0.75, 0.6, 0.48, 0.4,
  ],
  3: [
    0.8, 0.78, 0.76, 0.75, 0.76, 0.8, 0.88, 0.95, 1, 1, 1, 0.97, 0.9, 0.95, 1, 1, 0.98, 0.95, 0.92, 0.9, 0.88,
    0.86, 0.84, 0.82,
  ],
};
/** Sunday .. Saturday. */
const WEEKDAY_ACTIVITY = [0.55, 1, 1, 1, 1, 1, 0.8];
/** The outlet follows factory discharge after the equalization tank and treatment train. */
const EQUALIZATION_LAG_HOURS = 1.5;
const HYDRAULIC_LAG_MS = 2 * HOUR_MS;
const FLOW_BAND = { min: 0.3, max: 0.9 };

const KIND = {
  calibration: hashString('calibration'),
  calibrationPhase: hashString('calibration-phase'),
  deviceError: hashString('device-error'),
  drift: hashString('drift'),
  flatline: hashString('flatline'),
  upset: hashString('upset'),
  spike: hashString('spike'),
  process: hashString('process'),
  white: hashString('white'),
};

const roundTo = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return mathRound(value * factor) / factor;
};
const clamp = (value: number, low: number, high: number) => min(high, max(low, value));
const cosineStep = (fraction: number) => (1 - cos(PI * clamp(fraction, 0, 1))) / 2;
const mod = (n: number, m: number) => ((n % m) + m) % m;

/**
 * Deterministic model of one outlet station. Every value is a function of (seed, station code, time):
 * randomness is hashed from counters, never drawn in sequence, so readings can be computed for any
 * instant in any order and the same inputs give byte-identical output. No I/O.
 */
export class StationModel {
  readonly traits: StationTraits;
  readonly faults: FaultConfig;
  readonly tickMs: number;
  private readonly key: number;
  private readonly channels: readonly Channel[];
  private readonly upset: EventRule;
  private lastProcess: { readonly timeMs: number; readonly process: Process } | null = null;

  constructor(
    readonly spec: StationSpec,
    options: StationModelOptions = {},
  ) {
    if (!Number.isSafeInteger(spec.seed))
      throw new RangeError(`station seed must be an integer, got ${spec.seed}`);
    const capacity = spec.designCapacityM3PerDay;
    if (capacity !== null && !(Number.isFinite(capacity) && capacity > 0)) {
      throw new RangeError(
        `designCapacityM3PerDay of ${spec.stationCode} must be a positive number or null, got ${capacity}`,
      );
    }
    const tickMinutes = options.tickMinutes ?? 5;
    if (!(Number.isInteger(tickMinutes) && tickMinutes > 0 && 15 % tickMinutes === 0)) {
      throw new RangeError(`tickMinutes must be 1, 3, 5 or 15, got ${tickMinutes}`);
    }
    this.tickMs = tickMinutes * MINUTE_MS;
    this.faults = resolveFaultConfig(options.faults);
    this.key = hashInts(spec.seed, hashString(spec.stationCode));
    this.traits = drawTraits(this.key, capacity);
    this.channels = SIMULATED_PARAMETERS.map((parameter) => this.channel(parameter));
    const e = this.faults.exceedance;
    this.upset = {
      key: this.key,
      kind: KIND.upset,
      perDay: e.perDay,
      minMs: e.minHours * HOUR_MS,
      maxMs: e.maxHours * HOUR_MS,
      alignMs: this.tickMs,
      hours: [0, 24],
    };
  }

  /** Every reading due at the sample instants t with fromMs <= t < toMs, oldest first. */
  readingsBetween(fromMs: number, toMs: number): TelemetryReadingV1[] {
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
      throw new RangeError('readingsBetween needs finite times');
    const readings: TelemetryReadingV1[] = [];
    for (let t = ceil(fromMs / this.tickMs) * this.tickMs; t < toMs; t += this.tickMs) {
      readings.push(...this.readingsAt(t));
    }
    return readings;
  }

  /**
   * The readings due at sample instant `timeMs` (a multiple of the tick): Flow, Temp, pH and TSS at every
   * tick, COD only when a new analyzer result exists (every 15 min), NH4 every 30 min.
   */
  readingsAt(timeMs: number): TelemetryReadingV1[] {
    if (mod(timeMs, this.tickMs) !== 0)
      throw new RangeError(`${timeMs} is not on the ${this.tickMs / MINUTE_MS}-minute sample grid`);
    return this.channels
      .filter((channel) => mod(timeMs, channel.cadenceMs) === 0)
      .map((channel) => this.reading(channel, timeMs));
  }

  private reading(channel: Channel, timeMs: number): TelemetryReadingV1 {
    const make = (value: number, status: ReadingStatusCode): TelemetryReadingV1 => ({
      parameter: channel.parameter,
      value: roundTo(value, channel.decimals),
      unit: channel.unit,
      time: toIctIso(timeMs),
      status,
    });
    if (activeEvent(channel.events.deviceError, timeMs)) return make(0, '02');
    if (this.calibrationAt(channel, timeMs)) {
      const noise = 0.002 * channel.span * normalHash(channel.key, KIND.calibration, timeMs / MINUTE_MS);
      return make(max(0, channel.standard + noise), '01');
    }
    const stuck = activeEvent(channel.events.flatline, timeMs);
    return make(this.measured(channel, stuck ? stuck.start : timeMs), '00');
  }

  /** What the analyzer reports when it works: true value plus drift and noise, within its physical range. */
  private measured(channel: Channel, timeMs: number): number {
    const truth = this.processAt(timeMs)[PROCESS_FIELD[channel.parameter]];
    const white = WHITE_NOISE[channel.parameter];
    const sd = white.absolute + white.relative * truth;
    const noisy =
      truth + this.drift(channel, timeMs) + sd * normalHash(channel.key, KIND.white, timeMs / MINUTE_MS);
    return clamp(noisy, 0, channel.max);
  }

  /** The plant's true effluent at an instant, remembered for the channels sampled at the same instant. */
  private processAt(timeMs: number): Process {
    if (this.lastProcess?.timeMs !== timeMs) this.lastProcess = { timeMs, process: this.process(timeMs) };
    return this.lastProcess.process;
  }

  /** The plant's true effluent at an instant (before any analyzer fault). */
  private process(timeMs: number): Process {
    const t = this.traits;
    const flowFraction = this.flowFraction(timeMs);
    const load =
      (this.flowFraction(timeMs - HYDRAULIC_LAG_MS) - FLOW_BAND.min) / (FLOW_BAND.max - FLOW_BAND.min);
    const performance = this.noise(KIND.process, timeMs, [
      { periodMs: 12 * HOUR_MS, amplitude: 0.7 },
      { periodMs: 3 * HOUR_MS, amplitude: 0.3 },
    ]);
    const upset = this.upsetAt(timeMs);
    const season = cos((2 * PI * (ictDayOfYear(timeMs) - 196)) / 365.25);
    const daily = cos((2 * PI * (ictHourOfDay(timeMs) - 15)) / 24);
    const temp =
      27 +
      t.temperatureOffset +
      5 * season +
      0.7 * daily +
      this.channelNoise('Temp', timeMs, [
        { periodMs: 12 * HOUR_MS, amplitude: 0.4 },
        { periodMs: 2 * HOUR_MS, amplitude: 0.15 },
      ]);
    const pH =
      t.phMean -
      0.3 * upset.bump +
      this.channelNoise('pH', timeMs, [
        { periodMs: 8 * HOUR_MS, amplitude: 0.15 },
        { periodMs: HOUR_MS, amplitude: 0.06 },
      ]);
    const fast = [
      { periodMs: 6 * HOUR_MS, amplitude: 0.7 },
      { periodMs: 1.5 * HOUR_MS, amplitude: 0.3 },
    ];
    const spike =
      unitHash(this.key, KIND.spike, timeMs / MINUTE_MS) < this.faults.spike.perSample
        ? between(unitHash(this.key, KIND.spike, timeMs / MINUTE_MS, 1), 2, 4)
        : 1;
    const tss =
      t.tssBase *
      exp(0.25 * this.channelNoise('TSS', timeMs, fast) + 0.15 * performance) *
      (0.85 + 0.3 * load) *
      (1 + 1.2 * upset.bump) *
      spike;
    const codNormal =
      t.codBase *
      exp(0.18 * this.channelNoise('COD', timeMs, fast) + 0.15 * performance) *
      (0.9 + 0.2 * load);
    const cod = codNormal + (upset.codPeak - codNormal) * upset.bump;
    const coldNitrification = clamp(1 + 0.05 * (27 - temp), 0.8, 1.5);
    const nh4 =
      t.nh4Base *
      exp(0.3 * this.channelNoise('NH4', timeMs, fast) + 0.1 * performance) *
      coldNitrification *
      (1 + 1.5 * upset.bump);
    return { flow: (t.designCapacityM3PerDay / 24) * flowFraction, temp, pH, tss, cod, nh4 };
  }

  /** Outlet flow as a fraction of design capacity, within 30-90 %: shifts, weekends, Tết, noise. */
  private flowFraction(timeMs: number): number {
    const hour = mod(ictHourOfDay(timeMs) - EQUALIZATION_LAG_HOURS, 24);
    const profile = ACTIVITY[this.traits.shifts];
    const knot = floor(hour);
    const activity = profile[knot] + (profile[(knot + 1) % 24] - profile[knot]) * cosineStep(hour - knot);
    const day = ictDayIndex(timeMs);
    const localHour = ictHourOfDay(timeMs);
    const today = WEEKDAY_ACTIVITY[weekdayOfDay(day)];
    const tomorrow = WEEKDAY_ACTIVITY[weekdayOfDay(day + 1)];
    const week = today + (tomorrow - today) * cosineStep((localHour - 21) / 3);
    const fromTet = daysFromTet(timeMs);
    const tet =
      fromTet === null ? 1 : 1 - 0.85 * (cosineStep((fromTet + 7) / 5) - cosineStep((fromTet - 6) / 6));
    const noise =
      0.04 *
      this.channelNoise('Flow', timeMs, [
        { periodMs: 6 * HOUR_MS, amplitude: 0.6 },
        { periodMs: HOUR_MS, amplitude: 0.4 },
      ]);
    const level = clamp(this.traits.utilisation * activity * week * tet + noise, 0, 1);
    return FLOW_BAND.min + (FLOW_BAND.max - FLOW_BAND.min) * level;
  }

  private upsetAt(timeMs: number): { bump: number; codPeak: number } {
    const upset = activeEvent(this.upset, timeMs);
    if (!upset) return { bump: 0, codPeak: 0 };
    const e = this.faults.exceedance;
    return {
      bump: sin((PI * (timeMs - upset.start)) / (upset.end - upset.start)),
      codPeak: between(unitHash(this.key, KIND.upset, upset.day, 3), e.codPeakMin, e.codPeakMax),
    };
  }

  private calibrationAt(channel: Channel, timeMs: number): boolean {
    const window = this.calibrationOn(channel, ictDayIndex(timeMs));
    return window !== null && window.start <= timeMs && timeMs < window.end;
  }

  /** The calibration window on local day `day`, in working hours, or null if none that day. */
  private calibrationOn(channel: Channel, day: number): TimeWindow | null {
    const rule = channel.calibration;
    if (!rule || mod(day + channel.calibrationPhase, rule.everyDays) !== 0) return null;
    return eventOn(channel.events.calibration, day);
  }

  /** Linear drift since the end of the last calibration; zero for channels that are never calibrated. */
  private drift(channel: Channel, timeMs: number): number {
    const rule = channel.calibration;
    if (!rule) return 0;
    let day = ictDayIndex(timeMs);
    day -= mod(day + channel.calibrationPhase, rule.everyDays);
    let last = this.calibrationOn(channel, day);
    if (last && last.end > timeMs) {
      day -= rule.everyDays;
      last = this.calibrationOn(channel, day);
    }
    if (!last) return 0;
    const d = this.faults.drift;
    if (unitHash(channel.key, KIND.drift, day) >= d.probability) return 0;
    const sign = unitHash(channel.key, KIND.drift, day, 1) < 0.5 ? -1 : 1;
    const percentPerWeek = between(
      unitHash(channel.key, KIND.drift, day, 2),
      d.minPercentSpanPerWeek,
      d.maxPercentSpanPerWeek,
    );
    return (sign * percentPerWeek * channel.span * (timeMs - last.end)) / WEEK_MS / 100;
  }

  private channelNoise(
    parameter: SimulatedParameter,
    timeMs: number,
    octaves: readonly NoiseOctave[],
  ): number {
    return this.noise(hashString(parameter), timeMs, octaves);
  }

  private noise(kind: number, timeMs: number, octaves: readonly NoiseOctave[]): number {
    return smoothNoise(hashInts(this.key, kind), timeMs, octaves);
  }

  private channel(parameter: SimulatedParameter): Channel {
    const shape = CHANNEL_SHAPE[parameter];
    const definition = WATER_PARAMETERS.find((p) => p.code === parameter);
    if (!definition) throw new Error(`${parameter} is not a water parameter of the contract`);
    const key = hashInts(this.key, hashString(parameter));
    const calibration = this.faults.calibration[parameter] ?? null;
    const cadenceMs = shape.cadenceMinutes === null ? this.tickMs : shape.cadenceMinutes * MINUTE_MS;
    const { deviceError, flatline } = this.faults;
    const rule = (
      kind: number,
      perDay: number,
      minMs: number,
      maxMs: number,
      hours: [number, number] = [0, 24],
    ) => ({
      key,
      kind,
      perDay,
      minMs,
      maxMs,
      alignMs: cadenceMs,
      hours,
    });
    return {
      parameter,
      unit: definition.unit,
      cadenceMs,
      decimals: shape.decimals,
      span: shape.span,
      standard: shape.standard,
      max: definition.physicalMax ?? Number.MAX_VALUE,
      key,
      calibration,
      calibrationPhase: calibration ? floor(unitHash(key, KIND.calibrationPhase) * calibration.everyDays) : 0,
      events: {
        // A device error freezes the whole channel for hours, on the tick grid even for batch analyzers.
        deviceError: {
          ...rule(
            KIND.deviceError,
            deviceError.perChannelPerDay,
            deviceError.minHours * HOUR_MS,
            deviceError.maxHours * HOUR_MS,
          ),
          alignMs: this.tickMs,
        },
        flatline: rule(
          KIND.flatline,
          flatline.perChannelPerDay,
          flatline.minCycles * cadenceMs,
          flatline.maxCycles * cadenceMs,
        ),
        calibration: rule(
          KIND.calibration,
          1,
          (calibration?.minMinutes ?? 0) * MINUTE_MS,
          (calibration?.maxMinutes ?? 0) * MINUTE_MS,
          [8, 16],
        ),
      },
    };
  }
}

/** The event of a rule covering `timeMs`, looking back as many days as the longest event can last. */
function activeEvent(rule: EventRule, timeMs: number): TimeWindow | null {
  if (rule.perDay <= 0) return null;
  const today = ictDayIndex(timeMs);
  for (let day = today; day >= today - ceil(rule.maxMs / DAY_MS); day--) {
    const event = eventOn(rule, day);
    if (event && event.start <= timeMs && timeMs < event.end) return event;
  }
  return null;
}

/** The event of a rule on local day `day`, or null when that day has none. */
function eventOn(rule: EventRule, day: number): TimeWindow | null {
  const { key, kind, alignMs } = rule;
  if (unitHash(key, kind, day) >= rule.perDay) return null;
  const offset = between(unitHash(key, kind, day, 1), rule.hours[0] * HOUR_MS, rule.hours[1] * HOUR_MS);
  const start = ictDayStart(day) + floor(offset / alignMs) * alignMs;
  const length = mathRound(between(unitHash(key, kind, day, 2), rule.minMs, rule.maxMs) / alignMs) * alignMs;
  return { start, end: start + max(alignMs, length), day };
}

const PROCESS_FIELD: Record<SimulatedParameter, keyof Process> = {
  Flow: 'flow',
  Temp: 'temp',
  pH: 'pH',
  TSS: 'tss',
  COD: 'cod',
  NH4: 'nh4',
};

function drawTraits(key: number, capacity: number | null): StationTraits {
  const next = mulberry32(key);
  const drawnCapacity = mathRound(between(next(), 1500, 10000) / 100) * 100;
  return {
    designCapacityM3PerDay: capacity ?? drawnCapacity,
    shifts: next() < 0.5 ? 2 : 3,
    utilisation: between(next(), 0.65, 1),
    phMean: between(next(), 7, 7.5),
    temperatureOffset: between(next(), -0.8, 0.8),
    tssBase: between(next(), 10, 18),
    codBase: between(next(), 32, 45),
    nh4Base: between(next(), 1.2, 2.4),
  };
}

export function createStationModel(spec: StationSpec, options?: StationModelOptions): StationModel {
  return new StationModel(spec, options);
}
