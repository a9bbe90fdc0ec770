import { get } from 'sparkplug-payload';
import type { UMetric, UPayload, UPropertyValue } from 'sparkplug-payload/lib/sparkplugbpayload';

const codec = (() => {
  const found = get('spBv1.0');
  if (!found) throw new Error('sparkplug-payload does not know the spBv1.0 namespace');
  return found;
})();

/** The value of a metric as the host uses it: numbers only (booleans, strings, data sets are not readings). */
export type MetricValue = number | boolean | string | null | 'other';

/** One metric of a Sparkplug B payload, with its 64-bit fields made numbers. */
export interface DecodedMetric {
  readonly name: string | null;
  readonly alias: number | null;
  /** Epoch milliseconds, when the metric carries its own timestamp. */
  readonly timestamp: number | null;
  readonly type: string;
  readonly value: MetricValue;
  /** Flat property set (Sparkplug `properties`), values made plain. */
  readonly properties: Readonly<Record<string, number | string | boolean | null>>;
}

export interface DecodedPayload {
  readonly timestamp: number | null;
  readonly seq: number | null;
  readonly metrics: readonly DecodedMetric[];
}

/** Long (protobufjs 64-bit) or number -> number; null when absent. */
function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const long = value as { toNumber?: () => number };
  return typeof long.toNumber === 'function' ? long.toNumber() : null;
}

const NUMERIC_TYPES = new Set([
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'UInt8',
  'UInt16',
  'UInt32',
  'UInt64',
  'Float',
  'Double',
]);

function plainValue(type: string, value: UMetric['value'] | UPropertyValue['value']): MetricValue {
  if (value === null || value === undefined) return null;
  if (NUMERIC_TYPES.has(type)) return toNumber(value);
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  return 'other';
}

/**
 * Decodes a Sparkplug B protobuf payload. Throws (the caller quarantines the message) when the bytes are
 * not a Sparkplug B payload. A compressed payload (`SPBV1.0_COMPRESSED`) is refused: not decoded here.
 */
export function decodeSparkplugPayload(bytes: Uint8Array): DecodedPayload {
  const payload: UPayload = codec.decodePayload(bytes);
  if (payload.uuid === 'SPBV1.0_COMPRESSED')
    throw new Error('compressed Sparkplug payloads are not accepted');
  return {
    timestamp: toNumber(payload.timestamp),
    seq: toNumber(payload.seq),
    metrics: (payload.metrics ?? []).map((m) => {
      const properties: Record<string, number | string | boolean | null> = {};
      for (const [key, property] of Object.entries(m.properties ?? {})) {
        const plain = plainValue(property.type, property.value);
        properties[key] = plain === 'other' ? null : plain;
      }
      return {
        name: m.name ?? null,
        alias: toNumber(m.alias),
        timestamp: toNumber(m.timestamp),
        type: m.type,
        value: plainValue(m.type, m.value),
        properties,
      };
    }),
  };
}

/** The NCMD payload asking an edge node to publish its births again (Sparkplug 3.0, Node Control/Rebirth). */
export function rebirthRequestPayload(now: number): Buffer {
  return Buffer.from(
    codec.encodePayload({
      timestamp: now,
      metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }],
    }),
  );
}
