import { WaterParameterCode } from '@hp/contracts';

/** The parameters a CETP outlet station measures, in the order they are published. */
export const SIMULATED_PARAMETERS = [
  'Flow',
  'Temp',
  'pH',
  'TSS',
  'COD',
  'NH4',
] as const satisfies readonly WaterParameterCode[];
export type SimulatedParameter = (typeof SIMULATED_PARAMETERS)[number];

/** A recurring calibration: status 01 for a window in working hours on every `everyDays`-th day. */
export interface CalibrationRule {
  readonly everyDays: number;
  readonly minMinutes: number;
  readonly maxMinutes: number;
}

/**
 * Rates and sizes of the simulated faults (domain.md 5.2). Rates are probabilities per local day
 * (at most one event of a kind per channel per day), so 0.05 means about once in 20 days.
 */
export interface FaultConfig {
  /** Calibration windows (status 01) per parameter; a parameter that is absent or null is never calibrated. */
  readonly calibration: Readonly<Partial<Record<SimulatedParameter, CalibrationRule | null>>>;
  /** Device errors (status 02, value 0) lasting hours, per channel. */
  readonly deviceError: {
    readonly perChannelPerDay: number;
    readonly minHours: number;
    readonly maxHours: number;
  };
  /** Linear drift of a calibrated channel, restarting from zero at each calibration. */
  readonly drift: {
    /** Probability that a calibration period drifts at all. */
    readonly probability: number;
    readonly minPercentSpanPerWeek: number;
    readonly maxPercentSpanPerWeek: number;
  };
  /** Stuck value: the same value for N cycles of the channel's cadence, status still 00. */
  readonly flatline: {
    readonly perChannelPerDay: number;
    readonly minCycles: number;
    readonly maxCycles: number;
  };
  /** Treatment upsets: COD rises to a peak above the column B limit (150 mg/L); NH4 and TSS rise with it. */
  readonly exceedance: {
    readonly perDay: number;
    readonly minHours: number;
    readonly maxHours: number;
    readonly codPeakMin: number;
    readonly codPeakMax: number;
  };
  /** Single-sample TSS spikes (bubbles, solids), probability per sample. */
  readonly spike: { readonly perSample: number };
}

export const DEFAULT_FAULT_CONFIG: FaultConfig = {
  calibration: {
    pH: { everyDays: 1, minMinutes: 15, maxMinutes: 30 },
    COD: { everyDays: 7, minMinutes: 30, maxMinutes: 60 },
    NH4: { everyDays: 7, minMinutes: 30, maxMinutes: 60 },
  },
  deviceError: { perChannelPerDay: 0.01, minHours: 1, maxHours: 8 },
  drift: { probability: 0.5, minPercentSpanPerWeek: 0.5, maxPercentSpanPerWeek: 3 },
  flatline: { perChannelPerDay: 0.02, minCycles: 6, maxCycles: 24 },
  exceedance: { perDay: 0.15, minHours: 1, maxHours: 3, codPeakMin: 160, codPeakMax: 260 },
  spike: { perSample: 0.002 },
};

/** A clean station: no calibration, errors, drift, stuck values, upsets or spikes (also usable as overrides). */
export const NO_FAULTS: FaultConfig = {
  calibration: Object.fromEntries(SIMULATED_PARAMETERS.map((parameter) => [parameter, null])),
  deviceError: { ...DEFAULT_FAULT_CONFIG.deviceError, perChannelPerDay: 0 },
  drift: { ...DEFAULT_FAULT_CONFIG.drift, probability: 0 },
  flatline: { ...DEFAULT_FAULT_CONFIG.flatline, perChannelPerDay: 0 },
  exceedance: { ...DEFAULT_FAULT_CONFIG.exceedance, perDay: 0 },
  spike: { perSample: 0 },
};

/**
 * Overrides merged onto a base config one group deep: `{ flatline: { perChannelPerDay: 1 } }`;
 * calibration merges per parameter, null switching a parameter's calibration off.
 */
export type FaultConfigOverrides = {
  readonly [K in keyof FaultConfig]?: Partial<FaultConfig[K]>;
};

/** Merges overrides onto `base` and checks the result; throws a RangeError naming every bad field. */
export function resolveFaultConfig(
  overrides: FaultConfigOverrides = {},
  base: FaultConfig = DEFAULT_FAULT_CONFIG,
): FaultConfig {
  const config: FaultConfig = {
    calibration: { ...base.calibration, ...overrides.calibration },
    deviceError: { ...base.deviceError, ...overrides.deviceError },
    drift: { ...base.drift, ...overrides.drift },
    flatline: { ...base.flatline, ...overrides.flatline },
    exceedance: { ...base.exceedance, ...overrides.exceedance },
    spike: { ...base.spike, ...overrides.spike },
  };
  const problems = faultConfigProblems(config);
  if (problems.length > 0) throw new RangeError(`Invalid fault config: ${problems.join('; ')}`);
  return config;
}

function faultConfigProblems(c: FaultConfig): string[] {
  const problems: string[] = [];
  const probability = (name: string, value: number) => {
    if (!(value >= 0 && value <= 1)) problems.push(`${name} must be a probability from 0 to 1, got ${value}`);
  };
  const range = (name: string, min: number, max: number, floor: number, ceiling = Infinity) => {
    if (!(min >= floor && min <= max && max <= ceiling)) {
      problems.push(`${name}: expected ${floor} <= min <= max <= ${ceiling}, got ${min}..${max}`);
    }
  };
  for (const [parameter, rule] of Object.entries(c.calibration)) {
    if (!(SIMULATED_PARAMETERS as readonly string[]).includes(parameter))
      problems.push(`calibration.${parameter} is not simulated`);
    if (!rule) continue;
    if (!(Number.isInteger(rule.everyDays) && rule.everyDays >= 1))
      problems.push(`calibration.${parameter}.everyDays must be a positive integer`);
    range(`calibration.${parameter} minutes`, rule.minMinutes, rule.maxMinutes, 1, 8 * 60);
  }
  probability('deviceError.perChannelPerDay', c.deviceError.perChannelPerDay);
  range('deviceError hours', c.deviceError.minHours, c.deviceError.maxHours, 0.1, 72);
  probability('drift.probability', c.drift.probability);
  range('drift percent of span per week', c.drift.minPercentSpanPerWeek, c.drift.maxPercentSpanPerWeek, 0);
  probability('flatline.perChannelPerDay', c.flatline.perChannelPerDay);
  range('flatline cycles', c.flatline.minCycles, c.flatline.maxCycles, 2, 40);
  probability('exceedance.perDay', c.exceedance.perDay);
  range('exceedance hours', c.exceedance.minHours, c.exceedance.maxHours, 0.25, 24);
  range('exceedance COD peak', c.exceedance.codPeakMin, c.exceedance.codPeakMax, 0);
  probability('spike.perSample', c.spike.perSample);
  return problems;
}
