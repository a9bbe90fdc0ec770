import { WATER_PARAMETER_CODES } from './parameters';
import { READING_STATUS_CODES } from './status';

/**
 * JSON Schemas (draft-07, the dialect AsyncAPI 3.0 schemas build on) of the MQTT payloads, version 1.
 * These constants are the contract: the parsers validate with them (compiled once by ajv, see
 * ./validation.ts) and docs/asyncapi.yaml carries them verbatim under components.schemas (a test
 * compares the two deeply, so edit both together).
 *
 * Extra keys: every object here tolerates keys the contract does not name (`additionalProperties: true`)
 * and the parsers ignore them: they are neither validated nor stored, and their presence never rejects
 * a message. A device firmware that adds a field (a sequence number, a quality flag) keeps working; a
 * misspelt required field is still caught because every field the platform needs is required.
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Most readings one message may carry (a station message, or all stations of a gateway message together). */
export const MAX_READINGS_PER_MESSAGE = 1000;
/** Most station batches one gateway message may carry. */
export const MAX_STATIONS_PER_GATEWAY_MESSAGE = 100;

/** RFC 3339 date-time that always names its offset: `Z` or `+hh:mm` / `-hh:mm`; seconds required. */
export const DATE_TIME_WITH_OFFSET_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$';
/** A park, station, gateway or device code as it appears in topics and payloads (same rule as topics.ts). */
export const CODE_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

export const dateTime = (description: string): JsonSchema => ({
  type: 'string',
  format: 'date-time',
  pattern: DATE_TIME_WITH_OFFSET_PATTERN,
  description,
});

export const code = (description: string): JsonSchema => ({
  type: 'string',
  pattern: CODE_PATTERN,
  description,
});

export const TelemetryReadingSchema: JsonSchema = deepFreeze({
  title: 'TelemetryReading',
  type: 'object',
  description: 'One measurement of one parameter at one time. Unknown extra keys are ignored.',
  required: ['parameter', 'value', 'unit', 'time', 'status'],
  properties: {
    parameter: {
      type: 'string',
      enum: [...WATER_PARAMETER_CODES],
      description: 'Parameter symbol of Circular 10/2021/TT-BTNMT (water).',
    },
    value: {
      type: 'number',
      description: 'Measured value in `unit` (a JSON number; strings such as "NaN" are refused).',
    },
    unit: {
      type: 'string',
      maxLength: 32,
      description:
        'Unit of the value, e.g. mg/L, pH, degC, m3/h, Pt-Co. Ingestion converts known alternatives to the canonical unit and refuses unknown ones.',
    },
    time: dateTime('Measurement time at the instrument, ISO 8601 / RFC 3339 with an explicit offset.'),
    status: {
      type: 'string',
      enum: [...READING_STATUS_CODES],
      description: 'Instrument status of Circular 10/2021: 00 measuring, 01 calibrating, 02 device error.',
    },
  },
  additionalProperties: true,
});

const readingsArray = (items?: JsonSchema): JsonSchema => ({
  type: 'array',
  minItems: 1,
  maxItems: MAX_READINGS_PER_MESSAGE,
  ...(items ? { items } : {}),
  description: `1 to ${MAX_READINGS_PER_MESSAGE} readings; each is checked on its own, so one bad reading does not cost the others.`,
});

const stationTelemetry = (items?: JsonSchema): JsonSchema => ({
  title: 'StationTelemetryPayload',
  type: 'object',
  description: 'A batch of readings of the station named by the topic.',
  required: ['readings'],
  properties: { readings: readingsArray(items) },
  additionalProperties: true,
});

export const StationTelemetryPayloadSchema: JsonSchema = deepFreeze(stationTelemetry(TelemetryReadingSchema));

const gatewayStationBatch = (items?: JsonSchema): JsonSchema => ({
  title: 'GatewayStationBatch',
  type: 'object',
  description: 'The readings of one station behind the gateway.',
  required: ['park', 'station', 'readings'],
  properties: {
    park: code('Park code, as in station topics (e.g. VSIP-HP).'),
    station: code('Station code within the park (e.g. VSIP-HP-CETP-OUT).'),
    readings: readingsArray(items),
  },
  additionalProperties: true,
});

const gatewayTelemetry = (items?: JsonSchema): JsonSchema => ({
  title: 'GatewayTelemetryPayload',
  type: 'object',
  description: `Batches of several stations sent over one gateway connection; at most ${MAX_READINGS_PER_MESSAGE} readings in all.`,
  required: ['stations'],
  properties: {
    stations: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_STATIONS_PER_GATEWAY_MESSAGE,
      ...(items ? { items } : {}),
      description: 'One entry per station batch; a bad entry is refused alone.',
    },
  },
  additionalProperties: true,
});

export const GatewayStationBatchSchema: JsonSchema = deepFreeze(gatewayStationBatch(TelemetryReadingSchema));

export const GatewayTelemetryPayloadSchema: JsonSchema = deepFreeze(
  gatewayTelemetry(GatewayStationBatchSchema),
);

export const GatewayNoticePayloadSchema: JsonSchema = deepFreeze({
  title: 'GatewayNoticePayload',
  type: 'object',
  description: 'A station behind the gateway came online (connect) or went away (disconnect).',
  required: ['park', 'station'],
  properties: {
    park: code('Park code of the station.'),
    station: code('Station code within the park.'),
    time: dateTime('When the gateway saw the change; the broker receive time is used when absent.'),
  },
  additionalProperties: true,
});

export const DeviceStatusPayloadSchema: JsonSchema = deepFreeze({
  title: 'DeviceStatusPayload',
  type: 'object',
  description:
    'Retained presence of a device or gateway. The device publishes {"online":true,...} after connecting; ' +
    'its last will is {"online":false}, so `time` is required only when online is true.',
  required: ['online'],
  properties: {
    online: {
      type: 'boolean',
      description: 'true after connect; false in the last will or a clean goodbye.',
    },
    time: dateTime('When the device published the status.'),
    firmware: { type: 'string', minLength: 1, maxLength: 64, description: 'Firmware version of the device.' },
  },
  if: { properties: { online: { const: true } } },
  then: { required: ['time'], properties: { time: { description: 'Required while online is true.' } } },
  additionalProperties: true,
});

/**
 * Envelope-only views for the parsers: the same schemas without item schemas, so a message is refused
 * only for its envelope and items are then validated one by one. Not part of the published contract.
 */
export const ENVELOPE_SCHEMAS = deepFreeze({
  stationTelemetry: stationTelemetry(),
  gatewayTelemetry: gatewayTelemetry(),
  gatewayStationBatch: gatewayStationBatch(),
});

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
