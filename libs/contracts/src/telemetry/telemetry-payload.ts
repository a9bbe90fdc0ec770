import { isWaterParameterCode, WaterParameterCode } from './parameters';
import { READING_STATUS_CODES, ReadingStatusCode } from './status';

/**
 * Station telemetry payload, version 1 (JSON, UTF-8):
 *   { "readings": [ { "parameter": "COD", "value": 41.2, "unit": "mg/L",
 *                     "time": "2026-11-27T10:05:00+07:00", "status": "00" } ] }
 * `time` is the device's measurement time, ISO 8601 with an explicit offset.
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

export const MAX_READINGS_PER_MESSAGE = 1000;

/** A reading that failed the schema, with the index it had in the message. */
export interface RejectedReading {
  readonly index: number;
  readonly reason: string;
  readonly raw: unknown;
}

export type TelemetryParseResult =
  | { readonly ok: true; readonly readings: TelemetryReadingV1[]; readonly rejected: RejectedReading[] }
  | { readonly ok: false; readonly reason: string };

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks the shape of a telemetry message. A message-level problem rejects the whole message;
 * a bad reading rejects only that reading, so the valid readings of the same message are kept.
 */
export function parseTelemetryPayload(payload: unknown): TelemetryParseResult {
  let body = payload;
  if (Buffer.isBuffer(body)) body = body.toString('utf8');
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return { ok: false, reason: 'payload is not valid JSON' };
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'payload must be a JSON object with a "readings" array' };
  }
  const readings = (body as { readings?: unknown }).readings;
  if (!Array.isArray(readings)) return { ok: false, reason: '"readings" must be an array' };
  if (readings.length === 0) return { ok: false, reason: '"readings" is empty' };
  if (readings.length > MAX_READINGS_PER_MESSAGE) {
    return { ok: false, reason: `"readings" has ${readings.length} items; at most ${MAX_READINGS_PER_MESSAGE} are accepted` };
  }
  const accepted: TelemetryReadingV1[] = [];
  const rejected: RejectedReading[] = [];
  readings.forEach((raw, index) => {
    const problem = readingProblem(raw);
    if (problem) rejected.push({ index, reason: problem, raw });
    else accepted.push(raw as TelemetryReadingV1);
  });
  return { ok: true, readings: accepted, rejected };
}

function readingProblem(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'reading must be an object';
  const r = raw as Record<string, unknown>;
  if (typeof r['parameter'] !== 'string' || !isWaterParameterCode(r['parameter'])) {
    return `unknown parameter ${JSON.stringify(r['parameter'])}`;
  }
  if (typeof r['value'] !== 'number' || !Number.isFinite(r['value'])) {
    return `value of ${r['parameter']} must be a finite number`;
  }
  if (typeof r['unit'] !== 'string' || r['unit'].length === 0) return `unit of ${r['parameter']} is missing`;
  if (typeof r['time'] !== 'string' || !ISO_WITH_OFFSET.test(r['time']) || Number.isNaN(Date.parse(r['time']))) {
    return `time of ${r['parameter']} must be ISO 8601 with an offset, got ${JSON.stringify(r['time'])}`;
  }
  if (typeof r['status'] !== 'string' || !(READING_STATUS_CODES as readonly string[]).includes(r['status'])) {
    return `status of ${r['parameter']} must be one of ${READING_STATUS_CODES.join(', ')}`;
  }
  return null;
}
