/**
 * Why a telemetry message, or one of its readings, was quarantined: one code per check, with the values
 * the check compared as parameters (worded by reason-messages.json like every other reason).
 */
export interface QuarantineReasonParams {
  /** The topic is not of the kind this consumer reads. */
  TOPIC_UNEXPECTED: { topic: string; expected: 'station' | 'gateway' | 'device' | 'waste' };
  STATION_NOT_REGISTERED: { park: string; station: string };
  GATEWAY_NOT_REGISTERED: { gateway: string };
  DEVICE_NOT_REGISTERED: { device: string };
  /** A gateway reported for a station of a park other than its own. */
  GATEWAY_STATION_OTHER_PARK: { gateway: string; gatewayPark: string; park: string; station: string };
  PAYLOAD_EMPTY: Record<string, never>;
  PAYLOAD_NOT_JSON: Record<string, never>;
  /** The payload or an item of it fails the published JSON Schema; `detail` is the validator's account. */
  PAYLOAD_SCHEMA_INVALID: { detail: string };
  UNIT_NOT_ACCEPTED: { parameter: string; unit: string; accepted: string };
  /** `max` null: the parameter has no upper bound. */
  VALUE_OUT_OF_PHYSICAL_BOUNDS: {
    parameter: string;
    value: number;
    min: number;
    max: number | null;
    unit: string;
  };
  TIME_IN_FUTURE: { parameter: string; time: string; toleranceSeconds: number };
  TIME_BEFORE_BACKFILL: { parameter: string; time: string; backfillDays: number };
  /** A check threw: the message is kept whole for an operator. */
  MESSAGE_CHECK_FAILED: { error: string };
  /** Waste tracking: the publisher is not a registered scale device. */
  WASTE_GATEWAY_NOT_REGISTERED: { gateway: string };
  WASTE_EVENT_TIME_IN_FUTURE: { time: string; toleranceMinutes: number };
  /** Sparkplug B: `source` is `spBv1.0 group/node[/device]`, `type` the message type (NBIRTH, DDATA...). */
  SPARKPLUG_PAYLOAD_NOT_DECODABLE: { source: string; type: string; error: string };
  /** Not applied by the session (sequence gap, data before birth...); `detail` is the session's account. */
  SPARKPLUG_OUT_OF_STEP: { source: string; type: string; detail: string };
  SPARKPLUG_METRIC_UNMAPPED: { source: string; metric: string; type: string };
  SPARKPLUG_METRIC_NO_TIMESTAMP: { source: string; metric: string };
  /** `value` as text: NaN and Infinity are not JSON numbers. */
  SPARKPLUG_METRIC_NOT_FINITE: { source: string; metric: string; value: string };
  SPARKPLUG_METRIC_STATUS_INVALID: { source: string; metric: string; property: string; value: string };
  SPARKPLUG_PARAMETER_UNKNOWN: { source: string; metric: string; parameter: string };
  /** Circular 10/2021 station files (FTP): a whole file refused. */
  CIRCULAR10_FILE_TOO_LARGE: { bytes: number; max: number };
  CIRCULAR10_FILE_NOT_UTF8: Record<string, never>;
  CIRCULAR10_FILE_BINARY: Record<string, never>;
  CIRCULAR10_FILE_EMPTY: Record<string, never>;
  /** One line refused; `line` is 1-based. */
  CIRCULAR10_LINE_FIELD_COUNT: { line: number; found: number };
  CIRCULAR10_LINE_PARAMETER_UNKNOWN: { line: number; parameter: string };
  CIRCULAR10_LINE_VALUE_NOT_NUMBER: { line: number; parameter: string; value: string };
  CIRCULAR10_LINE_TIME_INVALID: { line: number; parameter: string; time: string };
  CIRCULAR10_LINE_STATUS_INVALID: { line: number; parameter: string; status: string };
}

export const QUARANTINE_REASON_EXAMPLES: {
  readonly [C in keyof QuarantineReasonParams]: QuarantineReasonParams[C];
} = {
  TOPIC_UNEXPECTED: { topic: 'hp/v1/parks/DINHVU/telemetry', expected: 'station' },
  STATION_NOT_REGISTERED: { park: 'DINHVU', station: 'WWTP9/OUT1' },
  GATEWAY_NOT_REGISTERED: { gateway: 'GW-9' },
  DEVICE_NOT_REGISTERED: { device: 'LOGGER-9' },
  GATEWAY_STATION_OTHER_PARK: {
    gateway: 'GW-1',
    gatewayPark: 'DINHVU',
    park: 'NAMCAU',
    station: 'WWTP1/OUT1',
  },
  PAYLOAD_EMPTY: {},
  PAYLOAD_NOT_JSON: {},
  PAYLOAD_SCHEMA_INVALID: { detail: 'readings[3].value must be a finite number' },
  UNIT_NOT_ACCEPTED: { parameter: 'COD', unit: 'kg', accepted: 'mg/L, g/m3, ppm' },
  VALUE_OUT_OF_PHYSICAL_BOUNDS: { parameter: 'pH', value: 15.2, min: 0, max: 14, unit: '' },
  TIME_IN_FUTURE: { parameter: 'COD', time: '2026-11-27T10:05:00+07:00', toleranceSeconds: 300 },
  TIME_BEFORE_BACKFILL: { parameter: 'COD', time: '2026-09-01T10:05:00+07:00', backfillDays: 30 },
  MESSAGE_CHECK_FAILED: { error: 'Maximum call stack size exceeded' },
  WASTE_GATEWAY_NOT_REGISTERED: { gateway: 'SCALE-9' },
  WASTE_EVENT_TIME_IN_FUTURE: { time: '2026-07-01T00:00:00Z', toleranceMinutes: 5 },
  SPARKPLUG_PAYLOAD_NOT_DECODABLE: {
    source: 'spBv1.0 HP/EDGE1/DEV1',
    type: 'DDATA',
    error: 'index out of range',
  },
  SPARKPLUG_OUT_OF_STEP: {
    source: 'spBv1.0 HP/EDGE1/DEV1',
    type: 'DDATA',
    detail: 'DDATA seq 5 where 2 was expected; ignored until the next NBIRTH',
  },
  SPARKPLUG_METRIC_UNMAPPED: { source: 'spBv1.0 HP/EDGE1/DEV1', metric: 'Outlet/Temp', type: 'Double' },
  SPARKPLUG_METRIC_NO_TIMESTAMP: { source: 'spBv1.0 HP/EDGE1/DEV1', metric: 'Outlet/COD' },
  SPARKPLUG_METRIC_NOT_FINITE: { source: 'spBv1.0 HP/EDGE1/DEV1', metric: 'Outlet/COD', value: 'NaN' },
  SPARKPLUG_METRIC_STATUS_INVALID: {
    source: 'spBv1.0 HP/EDGE1/DEV1',
    metric: 'Outlet/COD',
    property: 'Circular10Status',
    value: '"7"',
  },
  SPARKPLUG_PARAMETER_UNKNOWN: { source: 'spBv1.0 HP/EDGE1/DEV1', metric: 'Outlet/BOD', parameter: 'BOD5' },
  CIRCULAR10_FILE_TOO_LARGE: { bytes: 2_000_000, max: 1_048_576 },
  CIRCULAR10_FILE_NOT_UTF8: {},
  CIRCULAR10_FILE_BINARY: {},
  CIRCULAR10_FILE_EMPTY: {},
  CIRCULAR10_LINE_FIELD_COUNT: { line: 3, found: 4 },
  CIRCULAR10_LINE_PARAMETER_UNKNOWN: { line: 4, parameter: 'BOD5' },
  CIRCULAR10_LINE_VALUE_NOT_NUMBER: { line: 5, parameter: 'COD', value: 'abc' },
  CIRCULAR10_LINE_TIME_INVALID: { line: 6, parameter: 'COD', time: '20261327100500' },
  CIRCULAR10_LINE_STATUS_INVALID: { line: 7, parameter: 'COD', status: '7' },
};

export type QuarantineReason = {
  [C in keyof QuarantineReasonParams]: { code: C; params: QuarantineReasonParams[C] };
}[keyof QuarantineReasonParams];

/**
 * The reason of a payload the contracts parsers refused: their two decoding failures have codes of their
 * own; any other refusal is a schema failure, `detail` naming each offending field by its path.
 */
export function payloadRefusal(text: string): QuarantineReason {
  if (text === 'payload is empty') return { code: 'PAYLOAD_EMPTY', params: {} };
  if (text === 'payload is not valid JSON') return { code: 'PAYLOAD_NOT_JSON', params: {} };
  return { code: 'PAYLOAD_SCHEMA_INVALID', params: { detail: text } };
}
