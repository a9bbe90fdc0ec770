import { WaterParameterCode } from './parameters';
import { MAX_READINGS_PER_MESSAGE } from './schemas';
import { ReadingStatusCode } from './status';
import { PayloadRefusal } from '../messages/quarantine-reasons';
import { decodeAndCheck, schemaInvalid, schemaRefusal, validators } from './validation';

/**
 * Station telemetry payload, version 1 (JSON, UTF-8), schema StationTelemetryPayloadSchema:
 *   { "readings": [ { "parameter": "COD", "value": 41.2, "unit": "mg/L",
 *                     "time": "2026-11-27T10:05:00+07:00", "status": "00" } ] }
 * `time` is the device's measurement time, RFC 3339 with an explicit offset.
 * Keys the contract does not name are ignored (they stay on the object but are not part of the type).
 */
export interface TelemetryReadingV1 {
  readonly parameter: WaterParameterCode;
  readonly value: number;
  readonly unit: string;
  readonly time: string;
  readonly status: ReadingStatusCode;
}

export interface TelemetryPayloadV1 {
  readonly readings: readonly TelemetryReadingV1[];
}

/** Gateway telemetry payload, version 1, schema GatewayTelemetryPayloadSchema. */
export interface GatewayTelemetryPayloadV1 {
  readonly stations: readonly {
    readonly park: string;
    readonly station: string;
    readonly readings: readonly TelemetryReadingV1[];
  }[];
}

/** A reading that failed the schema, with the index it had in its array. */
export interface RejectedReading {
  readonly index: number;
  readonly reason: PayloadRefusal;
  readonly raw: unknown;
}

export type TelemetryParseResult =
  | { readonly ok: true; readonly readings: TelemetryReadingV1[]; readonly rejected: RejectedReading[] }
  | { readonly ok: false; readonly reason: PayloadRefusal };

/** The readings of one station of a gateway message; `index` is its position in `stations`. */
export interface GatewayStationBatch {
  readonly index: number;
  readonly parkCode: string;
  readonly stationCode: string;
  readonly readings: TelemetryReadingV1[];
  readonly rejected: RejectedReading[];
}

/** A station entry refused as a whole (bad park or station code, or no readings array). */
export interface RejectedStationBatch {
  readonly index: number;
  readonly reason: PayloadRefusal;
  readonly raw: unknown;
}

export type GatewayTelemetryParseResult =
  | {
      readonly ok: true;
      readonly stations: GatewayStationBatch[];
      readonly rejectedStations: RejectedStationBatch[];
    }
  | { readonly ok: false; readonly reason: PayloadRefusal };

/**
 * Checks a station telemetry message (topic hp/v1/parks/{park}/stations/{station}/telemetry).
 * A message-level problem (not JSON, no `readings` array of 1..1000 items) refuses the whole message;
 * a bad reading refuses only that reading, with schema problems naming its fields by path (e.g.
 * `readings[3].value`, rule `type`), so the valid readings of the same message are kept.
 */
export function parseTelemetryPayload(payload: unknown): TelemetryParseResult {
  const checked = decodeAndCheck<{ readings: unknown[] }>(validators.stationEnvelope, payload);
  if (!checked.ok) return checked;
  return {
    ok: true,
    ...checkReadings(checked.value.readings, 'readings', checked.owned),
  };
}

/**
 * Checks a gateway telemetry message (topic hp/v1/gateways/{gateway}/telemetry): one group per station
 * entry, each with its accepted and refused readings. A bad entry is refused alone (`rejectedStations`);
 * the message is refused only when its envelope is wrong or it holds more than 1000 readings in all.
 * Whether the gateway may speak for a station is for the caller (it knows the registry).
 */
export function parseGatewayTelemetryPayload(payload: unknown): GatewayTelemetryParseResult {
  const checked = decodeAndCheck<{ stations: unknown[] }>(validators.gatewayEnvelope, payload);
  if (!checked.ok) return checked;
  const entries = checked.value.stations;
  let total = 0;
  for (const entry of entries) total += readingsCount(entry);
  if (total > MAX_READINGS_PER_MESSAGE) {
    return {
      ok: false,
      reason: schemaInvalid([
        { path: 'stations', rule: 'too_many_readings', count: total, limit: MAX_READINGS_PER_MESSAGE },
      ]),
    };
  }
  const stations: GatewayStationBatch[] = [];
  const rejectedStations: RejectedStationBatch[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (!validators.gatewayStationEnvelope(entry)) {
      const reason = schemaRefusal(validators.gatewayStationEnvelope.errors, `stations[${index}]`);
      rejectedStations.push({ index, reason, raw: entry });
      continue;
    }
    const { park, station, readings } = entry as { park: string; station: string; readings: unknown[] };
    const checkedReadings = checkReadings(readings, `stations[${index}].readings`, checked.owned);
    stations.push({ index, parkCode: park, stationCode: station, ...checkedReadings });
  }
  return { ok: true, stations, rejectedStations };
}

function readingsCount(entry: unknown): number {
  const readings =
    typeof entry === 'object' && entry !== null ? (entry as { readings?: unknown }).readings : undefined;
  return Array.isArray(readings) ? readings.length : 0;
}

/**
 * Validates items one by one. While every item passes, the input array itself is the result (copied
 * once when it belongs to the caller rather than to this parse), so a clean message allocates nothing per reading.
 */
function checkReadings(
  items: unknown[],
  at: string,
  owned: boolean,
): { readings: TelemetryReadingV1[]; rejected: RejectedReading[] } {
  let accepted: unknown[] | null = null; // null while every item so far is accepted
  const rejected: RejectedReading[] = [];
  for (let index = 0; index < items.length; index++) {
    const raw = items[index];
    if (validators.reading(raw)) {
      accepted?.push(raw);
      continue;
    }
    accepted ??= items.slice(0, index);
    rejected.push({ index, reason: schemaRefusal(validators.reading.errors, `${at}[${index}]`), raw });
  }
  const readings = accepted ?? (owned ? items : items.slice());
  return { readings: readings as TelemetryReadingV1[], rejected };
}
