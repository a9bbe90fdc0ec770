import { HourWindowStats } from '@hp/readings';
import { ComplianceWindow, DischargePermit } from '@hp/registry';
import {
  ComplianceParameterDay,
  ComplianceStationDay,
  PARAMETER_VERDICTS,
  ParameterVerdict,
  SetAsideDecision,
  StationDayWarning,
} from '../storage/compliance.types';
import { LimitBound, Reason, reason } from '@hp/contracts';
import { Limit } from '../standards/standards-catalogue';

/** Everything needed to judge one station's local day. */
export interface StationDayInput {
  readonly stationId: number;
  readonly day: string;
  /** The permit in force that day; null: the day is 'no_permit'. */
  readonly permit: DischargePermit | null;
  /**
   * Seconds between expected records of each parameter (its measurement cadence at the station: 300 for
   * 5-minute data, 900 for a 15-minute COD analyser); a parameter not listed falls back to
   * defaultCadenceSeconds.
   */
  readonly cadenceSeconds: ReadonlyMap<string, number>;
  readonly defaultCadenceSeconds: number;
  /**
   * A day in progress: records are expected only up to this many seconds after local midnight (the judging
   * moment). Absent: the whole day (86,400 s).
   */
  readonly judgedSecondsOfDay?: number;
  /** The verdict may still change (the day in progress, or its late-data window has not passed). */
  readonly provisional?: boolean;
  /** The moment a day in progress was judged up to (stored with the verdict); absent: the whole day. */
  readonly judgedUntil?: Date;
  /** Limit per judged parameter (parameters without a limit are not judged). */
  readonly limits: ReadonlyMap<string, Limit>;
  /** Averaging windows per parameter where they differ from the permit's. */
  readonly windows?: ReadonlyMap<string, readonly ComplianceWindow[]>;
  /** Units, for the reasons. */
  readonly units: ReadonlyMap<string, string>;
  /** Hour stats of that day (any parameters; others are ignored). */
  readonly hours: readonly HourWindowStats[];
  /** The flat-line run length each parameter was screened with (0: not screened); stored with the result. */
  readonly flatlineRecords?: ReadonlyMap<string, number>;
  /** The latest officer's review of each parameter's set-aside readings that day. */
  readonly reviews?: ReadonlyMap<string, { decision: SetAsideDecision; setAsideRecords: number }>;
}

export interface StationDayJudgement {
  readonly station: ComplianceStationDay;
  readonly parameters: ComplianceParameterDay[];
}

/** How bad a verdict is: its place in PARAMETER_VERDICTS (worst last). */
const severity = (verdict: ParameterVerdict): number => PARAMETER_VERDICTS.indexOf(verdict);

function outside(value: number, limit: Limit): boolean {
  return (limit.max !== null && value > limit.max) || (limit.min !== null && value < limit.min);
}

/** Which limit a value outside it crosses, for the reasons' parameters. */
function crossed(value: number, limit: Limit): { limit: number; bound: LimitBound } {
  if (limit.max !== null && value > limit.max) return { limit: limit.max, bound: 'max' };
  return { limit: limit.min!, bound: 'min' };
}

/**
 * Judges one station's local day under its permit.
 * - A record is valid when its status is 00 and the flat-line screen did not set it aside (the stats say so).
 * - Nothing set aside is hidden: a set-aside value beyond the limit makes the parameter's day a suspected
 *   exceedance until an officer reviews exactly those readings; confirmed, they are judged as valid;
 *   rejected, they stay aside. Every set-aside count is named (READINGS_SET_ASIDE warning, capture reason).
 * - Expected records follow each parameter's cadence: 3600 / cadence per hour, 86400 / cadence per day, or for
 *   a day in progress the slots elapsed so far (at least one); capture = valid / expected (at most 100 % so
 *   far: a record may arrive before its slot has fully elapsed).
 * - A window (hour or day) counts when its capture reaches the permit's minimum; its mean is of the valid
 *   records; it is exceeded when the mean lies outside the limit (above Cmax, or outside a range).
 * - A parameter's day: 'exceedance' when a judged window is exceeded; otherwise 'suspected_exceedance' as
 *   above; otherwise 'insufficient_data' when the day's capture is below the minimum; otherwise 'compliant'.
 * - The station's day: the worst of its parameters ('no_permit' without a permit in force).
 */
export function judgeStationDay(input: StationDayInput): StationDayJudgement {
  const { permit } = input;
  if (!permit) {
    return {
      station: {
        stationId: input.stationId,
        day: input.day,
        permitId: null,
        verdict: 'no_permit',
        reasons: [reason('NO_PERMIT', {})],
        provisional: input.provisional ?? false,
        judgedUntil: input.judgedUntil ?? null,
      },
      parameters: [],
    };
  }
  const soFar = input.judgedSecondsOfDay !== undefined && input.judgedSecondsOfDay < 86_400;
  const parameters: ComplianceParameterDay[] = [];
  const reasons: Reason[] = [];
  const warnings: StationDayWarning[] = [];
  let worst: ParameterVerdict = 'compliant';
  for (const code of permit.parameters) {
    const limit = input.limits.get(code);
    if (!limit) continue;
    const unit = input.units.get(code) ?? '';
    const cadence = input.cadenceSeconds.get(code) ?? input.defaultCadenceSeconds;
    const perHour = 3600 / cadence;
    const perDay = soFar
      ? Math.max(1, Math.floor(Math.max(0, input.judgedSecondsOfDay!) / cadence))
      : Math.round(86_400 / cadence);
    const windows: readonly ComplianceWindow[] = input.windows?.get(code) ?? permit.windows;
    const judgesHours = windows.includes('hour');
    const judgesDay = windows.includes('day');
    const hours = input.hours.filter((h) => h.parameterCode === code);
    // What the flat-line screen set aside, and whether an officer's review of exactly those readings holds.
    const setAside = setAsideOf(hours);
    const review = input.reviews?.get(code);
    const reviewDecision =
      review && setAside.records > 0 && review.setAsideRecords === setAside.records ? review.decision : null;
    // Confirmed as real measurements: judged as valid readings.
    const counted = reviewDecision === 'confirmed' ? hours.map(withSetAsideCounted) : hours;
    const setAsideBeyondLimit =
      setAside.records > 0 &&
      ((setAside.max !== null && outside(setAside.max, limit)) ||
        (setAside.min !== null && outside(setAside.min, limit)));
    let total = 0;
    let valid = 0;
    let sum = 0;
    let max: number | null = null;
    let min: number | null = null;
    let hourWindowsValid = 0;
    let hourExceedances = 0;
    let worstHourMean: number | null = null;
    for (const h of counted) {
      total += h.total;
      valid += h.valid;
      if (h.valid === 0 || h.sum === null) continue;
      sum += h.sum;
      if (h.max !== null && (max === null || h.max > max)) max = h.max;
      if (h.min !== null && (min === null || h.min < min)) min = h.min;
      if (h.valid / perHour >= permit.minCapture) {
        hourWindowsValid++;
        const mean = h.sum / h.valid;
        if (outside(mean, limit)) {
          hourExceedances++;
          if (worstHourMean === null || distance(mean, limit) > distance(worstHourMean, limit))
            worstHourMean = mean;
        }
      }
    }
    const capture = soFar ? Math.min(1, valid / perDay) : valid / perDay;
    const mean = valid > 0 ? sum / valid : null;
    const dayWindowValid = capture >= permit.minCapture;
    const dayExceedance = dayWindowValid && mean !== null && outside(mean, limit);
    const flatline = input.flatlineRecords?.get(code) ?? permit.flatlineRecords;
    const confirmed = reviewDecision === 'confirmed';
    let verdict: ParameterVerdict;
    if ((judgesHours && hourExceedances > 0) || (judgesDay && dayExceedance)) {
      verdict = 'exceedance';
      if (judgesHours && hourExceedances > 0)
        reasons.push(
          reason('EXCEEDANCE_HOURLY_MEAN', {
            parameter: code,
            mean: round3(worstHourMean!),
            ...crossed(worstHourMean!, limit),
            unit,
            hours: hourExceedances,
            confirmed,
          }),
        );
      if (judgesDay && dayExceedance)
        reasons.push(
          reason('EXCEEDANCE_DAILY_MEAN', {
            parameter: code,
            mean: round3(mean!),
            ...crossed(mean!, limit),
            unit,
            confirmed,
          }),
        );
    } else if (setAsideBeyondLimit && reviewDecision === null) {
      // Never hidden: a value the screen set aside lies beyond the limit, so an officer decides.
      verdict = 'suspected_exceedance';
      const beyond = outside(setAside.max!, limit) ? setAside.max! : setAside.min!;
      reasons.push(
        reason('SUSPECTED_EXCEEDANCE', {
          parameter: code,
          records: setAside.records,
          flatlineRecords: flatline,
          value: round3(beyond),
          ...crossed(beyond, limit),
          unit,
        }),
      );
    } else if (!dayWindowValid) {
      verdict = 'insufficient_data';
      reasons.push(
        reason('CAPTURE_BELOW_MINIMUM', {
          parameter: code,
          capture: round3(capture),
          minCapture: permit.minCapture,
          valid,
          expected: perDay,
          cadenceMinutes: cadence / 60,
          soFar,
          // Confirmed set-aside readings count as valid: none is left aside.
          setAside: reviewDecision === 'confirmed' ? 0 : setAside.records,
          setAsideRejected: reviewDecision === 'rejected',
        }),
      );
    } else verdict = 'compliant';
    if (setAside.records > 0)
      warnings.push({
        code: 'READINGS_SET_ASIDE',
        params: {
          parameter: code,
          records: setAside.records,
          flatlineRecords: flatline,
          max: setAside.max,
          min: setAside.min,
          unit,
          beyondLimit: setAsideBeyondLimit,
          review: reviewDecision,
        },
      });
    if (severity(verdict) > severity(worst)) worst = verdict;
    parameters.push({
      stationId: input.stationId,
      day: input.day,
      parameterCode: code,
      permitId: permit.id,
      limitMin: limit.min,
      limitMax: limit.max,
      cadenceSeconds: cadence,
      expectedRecords: perDay,
      totalRecords: total,
      validRecords: valid,
      capture,
      meanValue: mean,
      maxValue: max,
      minValue: min,
      hourWindowsValid,
      hourExceedances,
      dayWindowValid,
      dayExceedance,
      verdict,
      flatlineRecords: flatline,
      setAsideRecords: setAside.records,
      setAsideMax: setAside.max,
      setAsideMin: setAside.min,
      setAsideBeyondLimit,
      reviewDecision,
    });
  }
  return {
    station: {
      stationId: input.stationId,
      day: input.day,
      permitId: permit.id,
      verdict: worst,
      reasons,
      ...(warnings.length > 0 ? { warnings } : {}),
      provisional: input.provisional ?? false,
      judgedUntil: input.judgedUntil ?? null,
    },
    parameters,
  };
}

/** Reasons keep three decimals, as the readings do. */
function round3(value: number): number {
  return Number(value.toFixed(3));
}

/** How far outside its limit a value is (to name the worst hour). */
function distance(value: number, limit: Limit): number {
  if (limit.max !== null && value > limit.max) return value - limit.max;
  if (limit.min !== null && value < limit.min) return limit.min - value;
  return 0;
}

/** A parameter-day's set-aside readings: how many, and their highest and lowest value. */
function setAsideOf(hours: readonly HourWindowStats[]): {
  records: number;
  max: number | null;
  min: number | null;
} {
  let records = 0;
  let max: number | null = null;
  let min: number | null = null;
  for (const h of hours) {
    records += h.setAside;
    if (h.setAsideMax !== null && (max === null || h.setAsideMax > max)) max = h.setAsideMax;
    if (h.setAsideMin !== null && (min === null || h.setAsideMin < min)) min = h.setAsideMin;
  }
  return { records, max, min };
}

/** An hour with its set-aside readings counted as valid ones (an officer confirmed them as real). */
function withSetAsideCounted(h: HourWindowStats): HourWindowStats {
  if (h.setAside === 0) return h;
  return {
    ...h,
    valid: h.valid + h.setAside,
    sum: (h.sum ?? 0) + (h.setAsideSum ?? 0),
    max: h.max === null || (h.setAsideMax !== null && h.setAsideMax > h.max) ? h.setAsideMax : h.max,
    min: h.min === null || (h.setAsideMin !== null && h.setAsideMin < h.min) ? h.setAsideMin : h.min,
    setAside: 0,
    setAsideSum: null,
    setAsideMax: null,
    setAsideMin: null,
  };
}
