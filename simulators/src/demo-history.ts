import { ReadingStatusCode } from '@hp/contracts';
import { FaultConfigOverrides } from './fault-config';
import { DAY_MS, HOUR_MS, ictDayIndex, ictDayStart } from './local-time';
import { between, hashInts, hashString, mulberry32, shuffle, unitHash } from './random';
import { StationModel } from './station-model';

/**
 * What a simulated station does in the demo's history and live after it: most plants meet the standard,
 * some have treatment upsets (COD and NH4 above the limit for hours on some days), one has an analyser
 * that fails (its COD sticks at one value, then sends nothing for days, then is repaired).
 */
export type DemoStationRole = 'compliant' | 'exceeding' | 'failing_analyser';

export interface DemoStationProfile {
  readonly stationCode: string;
  readonly role: DemoStationRole;
  /** The station model's faults, in the history and live alike. */
  readonly faults: FaultConfigOverrides;
}

/** A reading of the demo history: epoch milliseconds, and the status as Circular 10/2021 writes it. */
export interface DemoHistoryReading {
  readonly timeMs: number;
  readonly parameter: string;
  readonly value: number;
  readonly status: ReadingStatusCode;
}

/** Faults of a well-run plant: no upsets, rare stuck values and device errors (calibrations as usual). */
const WELL_RUN: FaultConfigOverrides = {
  exceedance: { perDay: 0 },
  flatline: { perChannelPerDay: 0.005 },
  deviceError: { perChannelPerDay: 0.003 },
};

/** Scheduled upsets of an exceeding plant: one every this many days (phase seeded), so every month has some. */
const UPSET_EVERY_DAYS = 9;
/** A failing analyser fails once in this many days: stuck for STUCK_DAYS, then silent for SILENT_DAYS. */
const FAILURE_EVERY_DAYS = 30;
const STUCK_HOURS = 10;
const SILENT_DAYS = 2;

/**
 * Each station's role, drawn from the seed: one failing analyser, one or two plants with upsets (two from
 * six stations), the rest compliant. The same seed and stations give the same roles.
 */
export function demoStationProfiles(stationCodes: readonly string[], seed: number): DemoStationProfile[] {
  const order = shuffle([...stationCodes].sort(), mulberry32(hashInts(seed, hashString('demo-roles'))));
  const exceeding = stationCodes.length >= 6 ? 2 : 1;
  const roleOf = new Map<string, DemoStationRole>();
  order.forEach((code, i) => {
    const role: DemoStationRole =
      stationCodes.length < 3
        ? 'compliant'
        : i === 0
          ? 'failing_analyser'
          : i <= exceeding
            ? 'exceeding'
            : 'compliant';
    roleOf.set(code, role);
  });
  return stationCodes.map((stationCode) => {
    const role = roleOf.get(stationCode)!;
    // Live, an exceeding plant keeps having upsets now and then; the others run as in their history.
    const faults = role === 'exceeding' ? { ...WELL_RUN, exceedance: { perDay: 0.1 } } : WELL_RUN;
    return { stationCode, role, faults };
  });
}

/**
 * The station's readings at sample instants fromMs <= t < toMs (each parameter at its cadence), with the
 * role's events laid over the model: an exceeding plant's scheduled upsets (COD and NH4 several times
 * their usual level for a few hours), a failing analyser's stuck COD followed by days without any reading.
 * Pure: the same model, role and range give the same readings.
 */
export function demoHistoryReadings(
  model: StationModel,
  role: DemoStationRole,
  fromMs: number,
  toMs: number,
  historyEndMs?: number,
): DemoHistoryReading[] {
  const key = hashInts(model.spec.seed, hashString(model.spec.stationCode), hashString('demo-history'));
  // The bad actors' latest incident falls on the local day before the history's end, so it is current
  // when the demo starts (yesterday's exceedance, yesterday's failed analyser) rather than weeks old.
  const incidentDay = historyEndMs === undefined ? undefined : ictDayIndex(historyEndMs) - 1;
  const out: DemoHistoryReading[] = [];
  const tick = model.tickMs;
  let stuckValue: number | null = null;
  for (let t = Math.ceil(fromMs / tick) * tick; t < toMs; t += tick) {
    const day = ictDayIndex(t);
    const hour = (t - ictDayStart(day)) / HOUR_MS;
    const upset = role === 'exceeding' ? upsetOn(key, day, incidentDay) : null;
    const failure = role === 'failing_analyser' ? failureAt(key, t, incidentDay) : null;
    if (failure === 'silent') continue; // the logger sends nothing while the analyser is away
    for (const r of model.readingsAt(t)) {
      let value = r.value;
      if (upset && hour >= upset.startHour && hour < upset.startHour + upset.hours) {
        const bump = Math.sin((Math.PI * (hour - upset.startHour)) / upset.hours);
        if (r.parameter === 'COD') value = round1(value + (upset.codPeak - value) * bump);
        if (r.parameter === 'NH4') value = Math.round(value * (1 + 6 * bump) * 100) / 100;
      }
      if (r.parameter === 'COD' && r.status === '00') {
        // Stuck at a reading above the limit, status still 00: the flat-line screen sets it aside.
        if (failure === 'stuck') value = stuckValue ??= round1(between(unitHash(key, day, 7), 165, 210));
        else stuckValue = null;
      }
      out.push({ timeMs: t, parameter: r.parameter, value, status: r.status });
    }
  }
  return out;
}

/**
 * An exceeding plant's upset on local day `day`, or null: every UPSET_EVERY_DAYS-th day (one of them
 * `incidentDay` when given, else a seeded phase), seeded hours.
 */
function upsetOn(
  key: number,
  day: number,
  incidentDay?: number,
): { startHour: number; hours: number; codPeak: number } | null {
  const phase = incidentDay === undefined ? Math.floor(unitHash(key, 1) * UPSET_EVERY_DAYS) : -incidentDay;
  if ((((day + phase) % UPSET_EVERY_DAYS) + UPSET_EVERY_DAYS) % UPSET_EVERY_DAYS !== 0) return null;
  return {
    startHour: Math.floor(between(unitHash(key, day, 1), 6, 17)),
    hours: Math.round(between(unitHash(key, day, 2), 3, 6)),
    codPeak: between(unitHash(key, day, 3), 220, 320),
  };
}

/**
 * Where a failing analyser stands at an instant: stuck for STUCK_HOURS from 08:00 of its failure day (every
 * FAILURE_EVERY_DAYS-th day, one of them `incidentDay` when given, else a seeded phase), then silent until
 * SILENT_DAYS later at 08:00; null while it works.
 */
function failureAt(key: number, timeMs: number, incidentDay?: number): 'stuck' | 'silent' | null {
  const phase = incidentDay === undefined ? Math.floor(unitHash(key, 2) * FAILURE_EVERY_DAYS) : -incidentDay;
  const day = ictDayIndex(timeMs);
  const sinceFailure = (((day + phase) % FAILURE_EVERY_DAYS) + FAILURE_EVERY_DAYS) % FAILURE_EVERY_DAYS;
  const failedAt = ictDayStart(day - sinceFailure) + 8 * HOUR_MS;
  const elapsed = timeMs - failedAt;
  if (elapsed < 0) return null;
  if (elapsed < STUCK_HOURS * HOUR_MS) return 'stuck';
  if (elapsed < SILENT_DAYS * DAY_MS) return 'silent';
  return null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
