import {
  isWaterParameterCode,
  READING_STATUS_CODES,
  Reason,
  ReadingStatusCode,
  TelemetryReadingV1,
} from '@hp/contracts';
import type { StationReadings } from '@hp/ingestion';
import type { DecodedMetric, DecodedPayload } from './payload';
import type { ResolvedMetric } from './session';
import type { SparkplugMetricMapping } from './storage/sparkplug-mappings.repository';
import type { SparkplugTopic } from './topic';

/** The OPC (and Ignition) quality code of a good value, which Sparkplug metrics carry as a `Quality` property. */
export const OPC_QUALITY_GOOD = 192;

/** The mapping looked up by (group, edge node, device, metric name). */
export class MappingIndex {
  private readonly byKey: ReadonlyMap<string, SparkplugMetricMapping>;

  constructor(mappings: readonly SparkplugMetricMapping[]) {
    this.byKey = new Map(mappings.map((m) => [key(m.groupId, m.edgeNodeId, m.deviceId, m.metricName), m]));
  }

  get size(): number {
    return this.byKey.size;
  }

  find(topic: SparkplugTopic, metricName: string): SparkplugMetricMapping | undefined {
    return this.byKey.get(key(topic.groupId, topic.edgeNodeId, topic.deviceId ?? '', metricName));
  }
}

function key(groupId: string, edgeNodeId: string, deviceId: string, metricName: string): string {
  return JSON.stringify([groupId, edgeNodeId, deviceId, metricName]);
}

export interface MetricReadings {
  readonly batches: StationReadings[];
  /** Refusals to quarantine with the message. */
  readonly problems: Reason[];
  /** Numeric metrics no mapping names (reported as problems only when `reportUnmapped`). */
  readonly unmapped: number;
  /** Metrics skipped on purpose: null (stale) values, and booleans, strings and the like. */
  readonly skipped: number;
}

/** Birth metrics that are Sparkplug's own, never readings. */
function isSparkplugOwn(name: string): boolean {
  return (
    name === 'bdSeq' ||
    name.startsWith('Node Control/') ||
    name.startsWith('Device Control/') ||
    name.startsWith('Properties/')
  );
}

/**
 * The Circular 10/2021 status of a metric's value, from its properties:
 * - `Circular10Status` ("00", "01", "02"): the station's own status, taken as it is;
 * - else `Quality`: OPC/Ignition quality, 192 (Good) -> "00"; any other code (bad, uncertain, stale) -> "02",
 *   stored but never counted towards compliance (a device that reports calibration should say "01" in
 *   `Circular10Status`);
 * - neither: "00".
 * A string for an unknown code.
 */
export function statusOf(metric: DecodedMetric): ReadingStatusCode | string {
  const explicit = metric.properties['Circular10Status'];
  if (explicit !== undefined) {
    return (READING_STATUS_CODES as readonly unknown[]).includes(explicit)
      ? (explicit as ReadingStatusCode)
      : `property Circular10Status ${JSON.stringify(explicit)} is not "00", "01" or "02"`;
  }
  const quality = metric.properties['Quality'];
  if (quality === undefined || quality === null) return '00';
  if (typeof quality === 'number') return quality === OPC_QUALITY_GOOD ? '00' : '02';
  if (typeof quality === 'string') return quality.toLowerCase() === 'good' ? '00' : '02';
  return `property Quality ${JSON.stringify(quality)} is neither a number nor a string`;
}

/** `spBv1.0 group/node[/device]`, as reasons name the source. */
export function describeSource(topic: SparkplugTopic): string {
  return `spBv1.0 ${topic.groupId}/${topic.edgeNodeId}${topic.deviceId === null ? '' : `/${topic.deviceId}`}`;
}

/**
 * Turns the metrics of an accepted message into TelemetryV1 readings grouped by station, through the
 * mapping. Numeric metrics only; the time is the metric's own timestamp, else the payload's.
 */
export function metricReadings(
  topic: SparkplugTopic,
  payload: DecodedPayload,
  metrics: readonly ResolvedMetric[],
  mapping: MappingIndex,
  reportUnmapped: boolean,
): MetricReadings {
  const source = describeSource(topic);
  const byStation = new Map<
    string,
    { label: string; parkCode: string; stationCode: string; readings: TelemetryReadingV1[] }
  >();
  const problems: Reason[] = [];
  let unmapped = 0;
  let skipped = 0;
  for (const { name, metric } of metrics) {
    if (typeof metric.value !== 'number') {
      skipped++;
      continue;
    }
    if (isSparkplugOwn(name)) continue;
    const target = mapping.find(topic, name);
    if (!target) {
      unmapped++;
      if (reportUnmapped)
        problems.push({
          code: 'SPARKPLUG_METRIC_UNMAPPED',
          params: { source, metric: name, type: metric.type },
        });
      continue;
    }
    const time = metric.timestamp ?? payload.timestamp;
    if (time === null || !Number.isFinite(new Date(time).getTime())) {
      problems.push({ code: 'SPARKPLUG_METRIC_NO_TIMESTAMP', params: { source, metric: name } });
      continue;
    }
    if (!Number.isFinite(metric.value)) {
      problems.push({
        code: 'SPARKPLUG_METRIC_NOT_FINITE',
        params: { source, metric: name, value: String(metric.value) },
      });
      continue;
    }
    const status = statusOf(metric);
    if (!(READING_STATUS_CODES as readonly string[]).includes(status)) {
      const property = metric.properties['Circular10Status'] !== undefined ? 'Circular10Status' : 'Quality';
      problems.push({
        code: 'SPARKPLUG_METRIC_STATUS_INVALID',
        params: { source, metric: name, property, value: JSON.stringify(metric.properties[property]) },
      });
      continue;
    }
    if (!isWaterParameterCode(target.parameterCode)) {
      problems.push({
        code: 'SPARKPLUG_PARAMETER_UNKNOWN',
        params: { source, metric: name, parameter: target.parameterCode },
      });
      continue;
    }
    const stationKey = `${target.parkCode}/${target.stationCode}`;
    let batch = byStation.get(stationKey);
    if (!batch) {
      batch = {
        label: `${source} (${stationKey})`,
        parkCode: target.parkCode,
        stationCode: target.stationCode,
        readings: [],
      };
      byStation.set(stationKey, batch);
    }
    batch.readings.push({
      parameter: target.parameterCode,
      value: metric.value,
      unit: target.unit,
      time: new Date(time).toISOString(),
      status: status as ReadingStatusCode,
    });
  }
  return { batches: [...byStation.values()], problems, unmapped, skipped };
}
