import { ALERT_REASON_EXAMPLES, AlertReasonParams } from './alert-reasons';
import { QUARANTINE_REASON_EXAMPLES, QuarantineReasonParams } from './quarantine-reasons';
import { WASTE_REASON_EXAMPLES, WasteReasonParams } from './waste-reasons';

/** Which side of its limit a value lies: above Cmax, or below a range's minimum (pH). */
export type LimitBound = 'max' | 'min';

/**
 * The parameters of each reason code: numbers, days, limits and units as data; the catalogue
 * (reason-messages.json) words them in Vietnamese and English where they are shown.
 */
export interface ReasonParams extends QuarantineReasonParams, AlertReasonParams, WasteReasonParams {
  /** A reason stored as English text before reasons became codes (migrations 0024, 0025, 0026). */
  TEXT: { text: string };
  NO_PERMIT: Record<string, never>;
  EXCEEDANCE_HOURLY_MEAN: {
    parameter: string;
    /** The worst hourly mean beyond the limit. */
    mean: number;
    limit: number;
    bound: LimitBound;
    unit: string;
    /** Hours whose mean was beyond the limit. */
    hours: number;
    /** Set-aside readings were confirmed by an officer and judged as valid. */
    confirmed: boolean;
  };
  EXCEEDANCE_DAILY_MEAN: {
    parameter: string;
    mean: number;
    limit: number;
    bound: LimitBound;
    unit: string;
    confirmed: boolean;
  };
  SUSPECTED_EXCEEDANCE: {
    parameter: string;
    /** Readings set aside by the flat-line screen. */
    records: number;
    /** The run length of identical values the screen sets aside. */
    flatlineRecords: number;
    /** The set-aside value furthest beyond the limit. */
    value: number;
    limit: number;
    bound: LimitBound;
    unit: string;
  };
  CAPTURE_BELOW_MINIMUM: {
    parameter: string;
    /** valid / expected, 0-1. */
    capture: number;
    minCapture: number;
    valid: number;
    expected: number;
    cadenceMinutes: number;
    /** A day in progress: expected so far. */
    soFar: boolean;
    /** Set-aside readings not counted as valid (0 when an officer confirmed them). */
    setAside: number;
    setAsideRejected: boolean;
  };
  PARK_NO_OPERATING_PLANT: Record<string, never>;
  PARK_NOT_JUDGED: Record<string, never>;
  PARK_STATION_EXCEEDANCE: { station: string; days: number; latestDay: string | null };
  PARK_STATION_SUSPECTED: { station: string; days: number; latestDay: string | null };
  PARK_STATION_NO_PERMIT: { station: string };
  PARK_STATION_LOW_COMPLIANCE: {
    station: string;
    compliantDays: number;
    days: number;
    insufficientDays: number;
    missingDays: number;
    noPermitDays: number;
    /** The share of compliant days an outlet needs, 0-1. */
    minShare: number;
  };
}

export type ReasonCode = keyof ReasonParams;

/** A reason as stored and served: a code and its typed parameters. */
export type Reason = { [C in ReasonCode]: { code: C; params: ReasonParams[C] } }[ReasonCode];

/** Builds a reason (the compiler checks the parameters against the code). */
export function reason<C extends ReasonCode>(code: C, params: ReasonParams[C]): Reason {
  return { code, params } as Reason;
}

/** Example parameters of every code the code base emits (a test formats each in both languages). */
export const REASON_EXAMPLES: { readonly [C in ReasonCode]: ReasonParams[C] } = {
  TEXT: { text: 'COD hourly mean 163.2 > 150 mg/L (2 h)' },
  NO_PERMIT: {},
  EXCEEDANCE_HOURLY_MEAN: {
    parameter: 'COD',
    mean: 490,
    limit: 148.5,
    bound: 'max',
    unit: 'mg/L',
    hours: 2,
    confirmed: false,
  },
  EXCEEDANCE_DAILY_MEAN: { parameter: 'pH', mean: 5.2, limit: 5.5, bound: 'min', unit: '', confirmed: true },
  SUSPECTED_EXCEEDANCE: {
    parameter: 'COD',
    records: 12,
    flatlineRecords: 12,
    value: 490,
    limit: 148.5,
    bound: 'max',
    unit: 'mg/L',
  },
  CAPTURE_BELOW_MINIMUM: {
    parameter: 'TSS',
    capture: 0.764,
    minCapture: 0.8,
    valid: 220,
    expected: 288,
    cadenceMinutes: 5,
    soFar: true,
    setAside: 12,
    setAsideRejected: true,
  },
  PARK_NO_OPERATING_PLANT: {},
  PARK_NOT_JUDGED: {},
  PARK_STATION_EXCEEDANCE: { station: 'WWTP1/OUT1', days: 3, latestDay: '2026-05-03' },
  PARK_STATION_SUSPECTED: { station: 'WWTP1/OUT1', days: 1, latestDay: null },
  PARK_STATION_NO_PERMIT: { station: 'WWTP1/OUT1' },
  PARK_STATION_LOW_COMPLIANCE: {
    station: 'WWTP1/OUT1',
    compliantDays: 20,
    days: 30,
    insufficientDays: 6,
    missingDays: 3,
    noPermitDays: 1,
    minShare: 0.75,
  },
  ...QUARANTINE_REASON_EXAMPLES,
  ...WASTE_REASON_EXAMPLES,
  ...ALERT_REASON_EXAMPLES,
};

/** Every reason code the code base emits. */
export const REASON_CODES = Object.keys(REASON_EXAMPLES) as readonly ReasonCode[];

/** The catalogue file (the api app serves it to the dashboard at REASON_CATALOGUE_URL). */
export const REASON_CATALOGUE_FILE = require.resolve('./reason-messages.json');
export const REASON_CATALOGUE_URL = '/i18n/reason-messages.json';
/** The browser build of intl-messageformat (one ES module with its dependencies), served at this URL. */
export const MESSAGE_FORMAT_URL = '/vendor/intl-messageformat.js';

export {
  REASON_LANGUAGES,
  type ReasonLanguage,
  REASON_CATALOGUE,
  messageValues,
  messageArguments,
  type MessageArguments,
  formatReason,
} from './reason-format';
