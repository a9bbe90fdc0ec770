/**
 * Why an alert is open: one code per rule kind, with what the rule observed as parameters (worded by
 * reason-messages.json like every other reason). Times are ISO 8601 instants, shown in Hai Phong's time.
 */
export interface AlertReasonParams {
  /** A valid reading beyond its limit (the permit's, or the rule's own). */
  ALERT_THRESHOLD: {
    station: string;
    parameter: string;
    value: number;
    limit: number;
    bound: 'max' | 'min';
    unit: string;
    /** How the permit's limit is made up, e.g. "QCVN40:2011 column B: C 150 x Kq 0.9 x Kf 1.1 = 148.5"; '' for a rule's limit. */
    basis: string;
    time: string;
  };
  /** The mean of a window of valid readings beyond its limit. */
  ALERT_WINDOW_MEAN: {
    station: string;
    parameter: string;
    windowMinutes: number;
    mean: number;
    limit: number;
    bound: 'max' | 'min';
    unit: string;
    basis: string;
    time: string;
  };
  ALERT_RATE_OF_CHANGE: {
    station: string;
    parameter: string;
    /** Change per minute against the previous valid reading (absolute). */
    ratePerMinute: number;
    maxPerMinute: number;
    unit: string;
    time: string;
  };
  /** A parameter reporting status 01 (calibrating) or 02 (device error) for too long. */
  ALERT_STATUS_STUCK: {
    station: string;
    parameter: string;
    status: 'calibrating' | 'device_error';
    minutes: number;
    time: string;
  };
  /** `lastReading` null: nothing in the window looked at. */
  ALERT_NO_DATA: { station: string; minutes: number; lastReading: string | null };
  /** `since` null: the device never reported its presence. */
  ALERT_DEVICE_OFFLINE: { device: string; since: string | null; minutes: number };
  /** A hazardous-waste lot turned non-conforming; the findings (codes) are in the alert's details. */
  /** `generator` null: the lot names no generator. `findings`: their codes, comma-separated. */
  ALERT_WASTE_VIOLATION: { lot: string; generator: string | null; violations: number; findings: string };
  /** A station-day judged an exceedance or a suspected one; the day's reasons are in the alert's details. */
  ALERT_DAILY_EXCEEDANCE: {
    station: string;
    day: string;
    verdict: 'exceedance' | 'suspected_exceedance';
    reasons: number;
  };
  /** A data-quality signal raised (libs/data-quality's rule codes); its findings are in the details. */
  ALERT_DATA_QUALITY: {
    station: string;
    signal:
      | 'STUCK_VALUE'
      | 'NEAR_LIMIT_CLUSTER'
      | 'REPEATED_DAY'
      | 'CALIBRATION_OFF_SCHEDULE'
      | 'CLOCK_DRIFT'
      | 'DROP_BEFORE_EXCEEDANCE'
      | 'INSPECTION_GAP';
    day: string;
  };
}

export const ALERT_REASON_EXAMPLES: { readonly [C in keyof AlertReasonParams]: AlertReasonParams[C] } = {
  ALERT_THRESHOLD: {
    station: 'VSIP-HP-CETP-OUT',
    parameter: 'COD',
    value: 163.2,
    limit: 148.5,
    bound: 'max',
    unit: 'mg/L',
    basis: 'QCVN40:2011 column B: C 150 x Kq 0.9 x Kf 1.1 = 148.5',
    time: '2026-11-20T03:15:00.000Z',
  },
  ALERT_WINDOW_MEAN: {
    station: 'VSIP-HP-CETP-OUT',
    parameter: 'pH',
    windowMinutes: 60,
    mean: 5.21,
    limit: 5.5,
    bound: 'min',
    unit: '',
    basis: '',
    time: '2026-11-20T03:15:00.000Z',
  },
  ALERT_RATE_OF_CHANGE: {
    station: 'VSIP-HP-CETP-OUT',
    parameter: 'TSS',
    ratePerMinute: 12.5,
    maxPerMinute: 10,
    unit: 'mg/L',
    time: '2026-11-20T03:15:00.000Z',
  },
  ALERT_STATUS_STUCK: {
    station: 'VSIP-HP-CETP-OUT',
    parameter: 'NH4',
    status: 'device_error',
    minutes: 120,
    time: '2026-11-20T03:15:00.000Z',
  },
  ALERT_NO_DATA: { station: 'VSIP-HP-CETP-OUT', minutes: 30, lastReading: '2026-11-20T02:40:00.000Z' },
  ALERT_DEVICE_OFFLINE: {
    device: 'GW-VSIP-01',
    since: '2026-11-20T02:40:00.000Z',
    minutes: 5,
  },
  ALERT_WASTE_VIOLATION: {
    lot: 'VSIP-2026-0042',
    generator: 'GEN-01',
    violations: 2,
    findings: 'mass_mismatch, manifest_overdue',
  },
  ALERT_DAILY_EXCEEDANCE: {
    station: 'VSIP-HP-CETP-OUT',
    day: '2026-11-19',
    verdict: 'exceedance',
    reasons: 2,
  },
  ALERT_DATA_QUALITY: { station: 'VSIP-HP-CETP-OUT', signal: 'STUCK_VALUE', day: '2026-11-19' },
};
