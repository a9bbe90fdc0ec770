import { schemaProblemCode as problemCode } from './reason-format';
/** JSON types a contract schema asks for. */
export type JsonType = 'number' | 'integer' | 'string' | 'boolean' | 'object' | 'array' | 'null';

/** The shapes the contract's string patterns demand (telemetry/schemas.ts, waste/waste-events.ts). */
export type TextShape = 'code' | 'event_id' | 'waste_code' | 'manifest_number' | 'date_time';

/**
 * One way a payload, or an item of it, fails its JSON Schema. `path` names the field in the message
 * (`readings[3].value`, `stations[1].park`; '' for the payload itself); `value` is the offending value as
 * JSON, cut to 80 characters. Worded by the catalogue code SCHEMA_PROBLEM_<RULE> (schemaProblemCode).
 */
export type SchemaProblem =
  /** `path` names the absent field. */
  | { path: string; rule: 'required' }
  | { path: string; rule: 'type'; expected: JsonType }
  /** `allowed`: the values the contract lists, comma-separated. */
  | { path: string; rule: 'enum'; value: string; allowed: string }
  | { path: string; rule: 'pattern'; value: string; shape: TextShape }
  | {
      path: string;
      rule: 'range';
      value: number;
      comparison: 'more_than' | 'at_least' | 'less_than' | 'at_most';
      limit: number;
    }
  | { path: string; rule: 'item_count'; count: number; min: number; max: number }
  | { path: string; rule: 'too_short'; limit: number }
  | { path: string; rule: 'too_long'; value: string; limit: number }
  /** The readings of all stations of a gateway message together. */
  | { path: string; rule: 'too_many_readings'; count: number; limit: number }
  /** A schema keyword without a wording of its own (`keyword` is ajv's name for it). */
  | { path: string; rule: 'invalid'; keyword: string; value: string };

export type SchemaRule = SchemaProblem['rule'];

/** The catalogue code that words one schema problem. */
export const schemaProblemCode: (rule: SchemaRule) => string = problemCode;

/** Most schema problems one reason keeps; `more` counts the rest. */
export const MAX_SCHEMA_PROBLEMS = 5;

/** An example of every rule (a test words each in both languages; the catalogue holds no other). */
export const SCHEMA_PROBLEM_EXAMPLES: { readonly [R in SchemaRule]: Extract<SchemaProblem, { rule: R }> } = {
  required: { path: 'readings[2].unit', rule: 'required' },
  type: { path: 'readings[3].value', rule: 'type', expected: 'number' },
  enum: { path: 'readings[0].status', rule: 'enum', value: '"9"', allowed: '00, 01, 02' },
  pattern: { path: 'events[1].wasteCode', rule: 'pattern', value: '"1601"', shape: 'waste_code' },
  range: { path: 'events[0].massKg', rule: 'range', value: 0, comparison: 'more_than', limit: 0 },
  item_count: { path: 'readings', rule: 'item_count', count: 1001, min: 1, max: 1000 },
  too_short: { path: 'firmware', rule: 'too_short', limit: 1 },
  too_long: { path: 'readings[0].unit', rule: 'too_long', value: '"mg/L mg/L mg/L"', limit: 32 },
  too_many_readings: { path: 'stations', rule: 'too_many_readings', count: 1200, limit: 1000 },
  invalid: { path: 'readings[0].value', rule: 'invalid', keyword: 'multipleOf', value: '0.3' },
};

/**
 * Why the Sparkplug session did not apply a message, with the values it compared. All but the last three
 * put the edge node out of step (ignored until its next NBIRTH).
 */
export type SparkplugSessionCause =
  | { cause: 'sequence_gap'; expected: number; received: number | null }
  | { cause: 'data_before_birth' }
  | { cause: 'birth_seq_invalid'; received: number | null }
  | { cause: 'birth_metric_unnamed' }
  /** A birth gives one alias to two metrics. */
  | { cause: 'birth_alias_repeated'; alias: number; metric: string; otherMetric: string }
  | { cause: 'device_id_missing' }
  /** Device data, or its death, with no DBIRTH since the device was last offline. */
  | { cause: 'device_not_born'; device: string }
  | { cause: 'metric_unnamed' }
  | { cause: 'alias_undefined'; alias: number }
  | { cause: 'node_not_online' }
  /** An NDEATH whose bdSeq is not the current NBIRTH's (an old session's will, published late). */
  | { cause: 'stale_death'; received: number | null; expected: number }
  | { cause: 'command' };

export type SparkplugSessionCauseName = SparkplugSessionCause['cause'];

/** An example of every cause (a test words each in both languages). */
export const SPARKPLUG_SESSION_CAUSE_EXAMPLES: {
  readonly [C in SparkplugSessionCauseName]: Extract<SparkplugSessionCause, { cause: C }>;
} = {
  sequence_gap: { cause: 'sequence_gap', expected: 2, received: 5 },
  data_before_birth: { cause: 'data_before_birth' },
  birth_seq_invalid: { cause: 'birth_seq_invalid', received: null },
  birth_metric_unnamed: { cause: 'birth_metric_unnamed' },
  birth_alias_repeated: {
    cause: 'birth_alias_repeated',
    alias: 3,
    metric: 'Outlet/COD',
    otherMetric: 'Outlet/TSS',
  },
  device_id_missing: { cause: 'device_id_missing' },
  device_not_born: { cause: 'device_not_born', device: 'DEV1' },
  metric_unnamed: { cause: 'metric_unnamed' },
  alias_undefined: { cause: 'alias_undefined', alias: 99 },
  node_not_online: { cause: 'node_not_online' },
  stale_death: { cause: 'stale_death', received: 4, expected: 5 },
  command: { cause: 'command' },
};

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
  /**
   * The payload or an item of it fails the published JSON Schema: the first MAX_SCHEMA_PROBLEMS problems,
   * `more` the count of the rest. (Rows stored before 2026-12 hold English prose in `detail` instead; the
   * catalogue still words them.)
   */
  PAYLOAD_SCHEMA_INVALID: { problems: SchemaProblem[]; more: number };
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
  /** Not applied by the session. (Rows stored before 2026-12 hold prose in `detail` instead of a cause.) */
  SPARKPLUG_OUT_OF_STEP: { source: string; type: string } & SparkplugSessionCause;
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
  PAYLOAD_SCHEMA_INVALID: {
    problems: [SCHEMA_PROBLEM_EXAMPLES.type, SCHEMA_PROBLEM_EXAMPLES.required],
    more: 2,
  },
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
    ...SPARKPLUG_SESSION_CAUSE_EXAMPLES.sequence_gap,
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

/** How the contracts parsers refuse a payload, or an item of it. */
export type PayloadRefusal = Extract<
  QuarantineReason,
  { code: 'PAYLOAD_EMPTY' | 'PAYLOAD_NOT_JSON' | 'PAYLOAD_SCHEMA_INVALID' }
>;
