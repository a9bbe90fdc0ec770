/** The data-quality rules, by stable code (the API, alerts and the dashboard's catalogue use these). */
export const DQ_RULE_CODES = [
  'STUCK_VALUE',
  'NEAR_LIMIT_CLUSTER',
  'REPEATED_DAY',
  'CALIBRATION_OFF_SCHEDULE',
  'CLOCK_DRIFT',
  'DROP_BEFORE_EXCEEDANCE',
  'INSPECTION_GAP',
] as const;
export type DqRuleCode = (typeof DQ_RULE_CODES)[number];

/** Evidence level of a rule's premise, tagged as shared/reference/domain.md does. */
export type Evidence = 'V' | 'V2' | 'U';

/** A rule as stored (dq_rules): hysteresis, score weight and its thresholds. */
export interface DqRule {
  readonly code: DqRuleCode;
  readonly raiseAfter: number;
  readonly clearAfter: number;
  readonly weight: number;
  readonly enabled: boolean;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly evidence: Evidence;
}

/** One reading as the rules see it (status: Circular 10/2021 00/01/02 as 0/1/2). */
export interface DqReading {
  readonly time: Date;
  readonly parameterCode: string;
  readonly value: number;
  readonly status: number;
  readonly receivedAt: Date;
}

/** A station's declared calibration schedule for a parameter ('ALL': every parameter without its own). */
export interface CalibrationSchedule {
  readonly parameterCode: string;
  readonly everyDays: number;
  /** A local day on which calibration is due; it is due again every everyDays days. */
  readonly anchorDay: string;
  /** Local time 'HH:MM' the calibration window opens. */
  readonly windowStart: string;
  readonly windowMinutes: number;
  readonly maxPerDay: number;
}

export interface Inspection {
  readonly id: number;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/** Everything one station-day's evaluation looks at. */
export interface DayContext {
  /** Local day (Asia/Ho_Chi_Minh) 'YYYY-MM-DD' and its bounds. */
  readonly day: string;
  readonly dayStart: Date;
  readonly dayEnd: Date;
  /** The day's readings, every status, in time order. */
  readonly readings: readonly DqReading[];
  /** Earlier days' readings (REPEATED_DAY), each in time order. */
  readonly earlierDays: readonly { readonly day: string; readonly readings: readonly DqReading[] }[];
  /** The permit's judged limits that day (Cmax or a range); empty without a permit. */
  readonly limits: readonly {
    readonly parameter: string;
    readonly min: number | null;
    readonly max: number | null;
  }[];
  readonly schedules: readonly CalibrationSchedule[];
  /** Inspections whose window (with the rule's hours before and after) overlaps the day. */
  readonly inspections: readonly Inspection[];
  /** Valid records per hour over the baseline before an inspection window, by inspection id. */
  readonly baselinePerHour: ReadonlyMap<number, number>;
}

/** What a rule found on a day: whether it holds, and why, as parameters (never prose). */
export interface Finding {
  readonly holds: boolean;
  readonly params: Readonly<Record<string, unknown>>;
}

export const NOT_HELD: Finding = { holds: false, params: {} };

/** A numeric setting of a rule, or its fallback when absent or not a number. */
export function num(settings: Readonly<Record<string, unknown>>, name: string, fallback: number): number {
  const v = settings[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export const MINUTE_MS = 60_000;
