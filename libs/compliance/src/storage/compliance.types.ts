import type { Reason } from '@hp/contracts';
import type { DataVersion } from '@hp/readings';

/** Verdicts of a parameter's local day, worst last. */
export const PARAMETER_VERDICTS = [
  'compliant',
  'insufficient_data',
  'suspected_exceedance',
  'exceedance',
] as const;
export type ParameterVerdict = (typeof PARAMETER_VERDICTS)[number];

/** A station's local day: the worst of its parameters, or no permit in force. */
export type StationDayVerdict = ParameterVerdict | 'no_permit';

/** An officer's decision on a day's set-aside readings: real measurements, or instrument faults. */
export const SET_ASIDE_DECISIONS = ['confirmed', 'rejected'] as const;
export type SetAsideDecision = (typeof SET_ASIDE_DECISIONS)[number];

/** One review of a parameter-day's set-aside readings (append-only; the latest is in force). */
export interface SetAsideReview {
  id: number;
  stationId: number;
  day: string;
  parameterCode: string;
  decision: SetAsideDecision;
  /** How many readings were set aside when reviewed: the review holds for exactly those. */
  setAsideRecords: number;
  note: string;
  reviewer: string;
  reviewedAt: Date;
}

export interface ComplianceParameterDay {
  stationId: number;
  day: string;
  parameterCode: string;
  permitId: number;
  limitMin: number | null;
  limitMax: number | null;
  /** The parameter's measurement cadence at the station the day was judged by (null: judged before 0018). */
  cadenceSeconds: number | null;
  /** Records expected by the cadence: the whole day, or up to judgedUntil for a day in progress. */
  expectedRecords: number;
  totalRecords: number;
  validRecords: number;
  capture: number;
  meanValue: number | null;
  maxValue: number | null;
  minValue: number | null;
  hourWindowsValid: number;
  hourExceedances: number;
  dayWindowValid: boolean;
  dayExceedance: boolean;
  verdict: ParameterVerdict;
  /** The flat-line run length the day was screened with (0: not screened; null: judged before 0021). */
  flatlineRecords: number | null;
  /** Readings the flat-line screen set aside, and their highest and lowest value. */
  setAsideRecords: number;
  setAsideMax: number | null;
  setAsideMin: number | null;
  /** A set-aside value lies outside the limit. */
  setAsideBeyondLimit: boolean;
  /** The officer's review the day was judged with (null: none in force). */
  reviewDecision: SetAsideDecision | null;
}

/** A station-parameter's exceedances over a period (see ComplianceParameterDaysRepository.exceedanceCounts). */
export interface ParameterExceedanceCounts {
  stationId: number;
  parameterCode: string;
  /** Valid hourly means over the limit. */
  hourExceedances: number;
  /** Days the parameter was judged an exceedance, and a suspected exceedance. */
  exceedanceDays: number;
  suspectedDays: number;
  judgedDays: number;
}

export interface ComplianceStationDay {
  stationId: number;
  day: string;
  permitId: number | null;
  verdict: StationDayVerdict;
  /** Why the day is not compliant: codes with parameters, worded by the message catalogue where shown. */
  reasons: Reason[];
  /** What an officer should know about the day that does not change its verdict; stored as none when absent. */
  warnings?: StationDayWarning[];
  /** The corrected data the verdict was computed from; stored as none (0 / null) when absent. */
  dataVersion?: DataVersion;
  /**
   * Judged before the local day closed and its late-data window passed: the verdict may still change. Stored
   * as false when absent.
   */
  provisional?: boolean;
  /** A day in progress was judged on the records expected up to this moment; null: the whole day. */
  judgedUntil?: Date | null;
}

/** A warning on a judged day: a code with its parameters (the dashboard words it). */
export interface StationDayWarning {
  /** e.g. 'FLOW_OUTSIDE_KF_BAND' */
  code: string;
  params: Record<string, string | number | boolean | null>;
}

/** A stored verdict with the data version it used and when it was computed. */
export interface StoredComplianceStationDay extends ComplianceStationDay {
  dataVersion: DataVersion & { computedAt: Date };
}

/** Counts of a station's verdicts over a period, for the park and KPI views. */
export interface StationPeriodSummary {
  stationId: number;
  compliantDays: number;
  exceedanceDays: number;
  insufficientDays: number;
  /** Days with a set-aside reading beyond the limit, awaiting (or without) an officer's review. */
  suspectedDays: number;
  noPermitDays: number;
  /** Of those, days whose verdict is still provisional (the day in progress or its late-data window). */
  provisionalDays: number;
  /** Reasons of the non-compliant days, most recent first (bounded). */
  reasons: { day: string; verdict: StationDayVerdict; reasons: Reason[] }[];
}
