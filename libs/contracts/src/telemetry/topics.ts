import { CODE_PATTERN } from './schemas';

/**
 * MQTT topic contract, version 1. Every topic starts with `hp/v1/` so a later v2 can run beside it.
 *   hp/v1/parks/{parkCode}/stations/{stationCode}/telemetry   one station's batch of readings
 *   hp/v1/gateways/{gatewayCode}/telemetry                     a gateway's batches for many stations
 *   hp/v1/gateways/{gatewayCode}/connect | /disconnect         a station behind a gateway comes or goes
 *   hp/v1/devices/{deviceCode}/status                          retained presence; the last will says offline
 *   hp/v1/waste/{gatewayCode}/events                           hazardous-waste tracking events of a gateway
 */
export const TOPIC_ROOT = 'hp/v1';

/** Codes that appear in topics: letters, digits, dash and underscore (no MQTT wildcards or separators). */
export const TOPIC_CODE_PATTERN = new RegExp(CODE_PATTERN);

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
  const address = parseTopic(topic);
  return address?.kind === 'station-telemetry' ? address : null;
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

/** Hazardous-waste tracking events of one gateway (a `scale` device). */
export function wasteEventsTopic(gatewayCode: string): string {
  assertTopicCode('gateway code', gatewayCode);
  return `${TOPIC_ROOT}/waste/${gatewayCode}/events`;
}

export const WASTE_EVENTS_FILTER = `${TOPIC_ROOT}/waste/+/events`;
export const GATEWAY_TELEMETRY_FILTER = `${TOPIC_ROOT}/gateways/+/telemetry`;
export const GATEWAY_NOTICE_FILTER = `${TOPIC_ROOT}/gateways/+/+`;
export const DEVICE_STATUS_FILTER = `${TOPIC_ROOT}/devices/+/status`;

/** What a concrete v1 topic addresses. */
export type TopicAddress =
  | { readonly kind: 'station-telemetry'; readonly parkCode: string; readonly stationCode: string }
  | { readonly kind: 'gateway-telemetry'; readonly gatewayCode: string }
  | { readonly kind: 'gateway-notice'; readonly gatewayCode: string; readonly notice: GatewayNotice }
  | { readonly kind: 'device-status'; readonly deviceCode: string }
  | { readonly kind: 'waste-events'; readonly gatewayCode: string };

const TOPIC_PREFIX = `${TOPIC_ROOT}/`;
/** Longest concrete v1 topic: the station topic with two 64-character codes. */
const MAX_TOPIC_LENGTH = TOPIC_PREFIX.length + 'parks//stations//telemetry'.length + 2 * 64;

/**
 * Parses a concrete topic of version 1; null for anything else: another version, a filter (`+`, `#`),
 * an empty or over-long segment, a code with characters outside TOPIC_CODE_PATTERN, an unknown leaf.
 */
export function parseTopic(topic: string): TopicAddress | null {
  if (topic.length > MAX_TOPIC_LENGTH || !topic.startsWith(TOPIC_PREFIX)) return null;
  const parts = topic.slice(TOPIC_PREFIX.length).split('/');
  if (parts.length === 5) {
    const [parks, parkCode, stations, stationCode, leaf] = parts;
    return parks === 'parks' &&
      stations === 'stations' &&
      leaf === 'telemetry' &&
      isCode(parkCode) &&
      isCode(stationCode)
      ? { kind: 'station-telemetry', parkCode, stationCode }
      : null;
  }
  if (parts.length !== 3 || !isCode(parts[1])) return null;
  const [group, code, leaf] = parts;
  if (group === 'devices') return leaf === 'status' ? { kind: 'device-status', deviceCode: code } : null;
  if (group === 'waste') return leaf === 'events' ? { kind: 'waste-events', gatewayCode: code } : null;
  if (group !== 'gateways') return null;
  if (leaf === 'telemetry') return { kind: 'gateway-telemetry', gatewayCode: code };
  return leaf === 'connect' || leaf === 'disconnect'
    ? { kind: 'gateway-notice', gatewayCode: code, notice: leaf }
    : null;
}

function isCode(segment: string): boolean {
  return TOPIC_CODE_PATTERN.test(segment);
}
