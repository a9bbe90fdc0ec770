/** Verdicts of a parameter's local day, worst last. */
export const PARAMETER_VERDICTS = ['compliant', 'insufficient_data', 'exceedance'] as const;
export type ParameterVerdict = (typeof PARAMETER_VERDICTS)[number];

/** A station's local day: the worst of its parameters, or no permit in force. */
export type StationDayVerdict = ParameterVerdict | 'no_permit';

/** Readings of one station, parameter and local hour, as the compliance engine judges them. */
export interface HourWindowStats {
  /** Local day (Asia/Ho_Chi_Minh), 'YYYY-MM-DD'. */
  day: string;
  parameterCode: string;
  /** Local hour 0-23. */
  hour: number;
  total: number;
  /** Status 00 and not part of a flat-line. */
  valid: number;
  /** Status 00 but part of a flat-line run. */
  flatlined: number;
  /** Sum, max and min of the valid values (null without any). */
  sum: number | null;
  max: number | null;
  min: number | null;
}

export interface ComplianceParameterDay {
  stationId: number;
  day: string;
  parameterCode: string;
  permitId: number;
  limitMin: number | null;
  limitMax: number | null;
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
}

export interface ComplianceStationDay {
  stationId: number;
  day: string;
  permitId: number | null;
  verdict: StationDayVerdict;
  reasons: string[];
  /** The corrected data the verdict was computed from; stored as none (0 / null) when absent. */
  dataVersion?: DataVersion;
}

/**
 * A version of a station-day's data: the corrections of its readings. Corrections are append-only, so
 * their count and highest id identify which ones a result used.
 */
export interface DataVersion {
  corrections: number;
  lastCorrectionId: number | null;
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
  noPermitDays: number;
  /** Reasons of the non-compliant days, most recent first (bounded). */
  reasons: { day: string; verdict: StationDayVerdict; reasons: string[] }[];
}
