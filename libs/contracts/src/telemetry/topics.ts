/**
 * MQTT topic contract, version 1. Every topic starts with `hp/v1/` so a later v2 can run beside it.
 *   hp/v1/parks/{parkCode}/stations/{stationCode}/telemetry   one station's batch of readings
 *   hp/v1/gateways/{gatewayCode}/telemetry                     a gateway's batches for many stations
 *   hp/v1/gateways/{gatewayCode}/connect | /disconnect         a station behind a gateway comes or goes
 *   hp/v1/devices/{deviceCode}/status                          retained presence; the last will says offline
 */
export const TOPIC_ROOT = 'hp/v1';

/** Codes that appear in topics: letters, digits, dash and underscore (no MQTT wildcards or separators). */
export const TOPIC_CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function stationTelemetryTopic(parkCode: string, stationCode: string): string {
  assertTopicCode('park code', parkCode);
  assertTopicCode('station code', stationCode);
  return `${TOPIC_ROOT}/parks/${parkCode}/stations/${stationCode}/telemetry`;
}

/** Subscription filter matching every station telemetry topic. */
export const STATION_TELEMETRY_FILTER = `${TOPIC_ROOT}/parks/+/stations/+/telemetry`;

export interface StationTopic {
  readonly parkCode: string;
  readonly stationCode: string;
}

/** Parses a concrete station telemetry topic; returns null when the topic is not one. */
export function parseStationTelemetryTopic(topic: string): StationTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 7) return null;
  const [root, version, parks, parkCode, stations, stationCode, leaf] = parts;
  if (`${root}/${version}` !== TOPIC_ROOT || parks !== 'parks' || stations !== 'stations' || leaf !== 'telemetry') {
    return null;
  }
  if (!TOPIC_CODE_PATTERN.test(parkCode) || !TOPIC_CODE_PATTERN.test(stationCode)) return null;
  return { parkCode, stationCode };
}

function assertTopicCode(what: string, code: string): void {
  if (!TOPIC_CODE_PATTERN.test(code)) {
    throw new RangeError(`${what} "${code}" must match ${TOPIC_CODE_PATTERN}`);
  }
}

export function gatewayTelemetryTopic(gatewayCode: string): string {
  assertTopicCode('gateway code', gatewayCode);
  return `${TOPIC_ROOT}/gateways/${gatewayCode}/telemetry`;
}

export type GatewayNotice = 'connect' | 'disconnect';

export function gatewayNoticeTopic(gatewayCode: string, notice: GatewayNotice): string {
  assertTopicCode('gateway code', gatewayCode);
  return `${TOPIC_ROOT}/gateways/${gatewayCode}/${notice}`;
}

export function deviceStatusTopic(deviceCode: string): string {
  assertTopicCode('device code', deviceCode);
  return `${TOPIC_ROOT}/devices/${deviceCode}/status`;
}

export const GATEWAY_TELEMETRY_FILTER = `${TOPIC_ROOT}/gateways/+/telemetry`;
export const GATEWAY_NOTICE_FILTER = `${TOPIC_ROOT}/gateways/+/+`;
export const DEVICE_STATUS_FILTER = `${TOPIC_ROOT}/devices/+/status`;
