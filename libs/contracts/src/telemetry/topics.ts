/**
 * MQTT topic contract, version 1. Every topic starts with `hp/v1/` so a later v2 can run beside it.
 *   hp/v1/parks/{parkCode}/stations/{stationCode}/telemetry   one station's batch of readings
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
