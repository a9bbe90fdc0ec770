import { Injectable, Logger } from '@nestjs/common';
import {
  parseStationTelemetryTopic,
  parseTelemetryPayload,
  statusCodeToValue,
  TelemetryReadingV1,
  WATER_PARAMETERS,
} from '@hp/contracts';
import { NewReading, ReadingsRepository } from '@hp/storage';
import { StationDirectory } from './station-directory';

export interface RejectedItem {
  readonly index: number | null;
  readonly reason: string;
}

export interface IngestOutcome {
  readonly stationId: number | null;
  readonly inserted: number;
  readonly duplicates: number;
  /** index null: the whole message was refused. */
  readonly rejected: readonly RejectedItem[];
}

export interface IngestCounters {
  messages: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

const CANONICAL_UNIT = new Map(WATER_PARAMETERS.map((p) => [p.code, p.unit]));

/**
 * Turns one station telemetry message into stored readings. Never throws for bad input: a refused
 * message or reading is reported with its reason, and the valid readings of the message are kept.
 */
@Injectable()
export class TelemetryIngestService {
  private readonly logger = new Logger(TelemetryIngestService.name);
  readonly counters: IngestCounters = { messages: 0, accepted: 0, duplicates: 0, rejected: 0 };

  constructor(
    private readonly stations: StationDirectory,
    private readonly readings: ReadingsRepository,
  ) {}

  async ingest(topic: string, payload: Buffer | string | unknown): Promise<IngestOutcome> {
    this.counters.messages++;
    const address = parseStationTelemetryTopic(topic);
    if (!address) return this.refuse(topic, `topic is not hp/v1/parks/{park}/stations/{station}/telemetry`);
    const stationId = await this.stations.resolve(address.parkCode, address.stationCode);
    if (stationId === null) {
      return this.refuse(
        topic,
        `station ${address.stationCode} of park ${address.parkCode} is not registered`,
      );
    }
    const parsed = parseTelemetryPayload(payload);
    if (!parsed.ok) return this.refuse(topic, parsed.reason, stationId);

    const rejected: RejectedItem[] = parsed.rejected.map((r) => ({ index: r.index, reason: r.reason }));
    const rows: NewReading[] = [];
    parsed.readings.forEach((reading) => {
      const problem = unitProblem(reading);
      if (problem) rejected.push({ index: null, reason: problem });
      else rows.push(toRow(stationId, reading));
    });
    const { inserted, duplicates } =
      rows.length > 0 ? await this.readings.insertBatch(rows) : { inserted: 0, duplicates: 0 };
    this.counters.accepted += inserted;
    this.counters.duplicates += duplicates;
    this.counters.rejected += rejected.length;
    if (rejected.length > 0) {
      this.logger.warn(
        `${topic}: kept ${rows.length}, refused ${rejected.length}: ${rejected.map((r) => r.reason).join('; ')}`,
      );
    }
    return { stationId, inserted, duplicates, rejected };
  }

  private refuse(topic: string, reason: string, stationId: number | null = null): IngestOutcome {
    this.counters.rejected++;
    this.logger.warn(`${topic}: message refused: ${reason}`);
    return { stationId, inserted: 0, duplicates: 0, rejected: [{ index: null, reason }] };
  }
}

function unitProblem(reading: TelemetryReadingV1): string | null {
  const unit = CANONICAL_UNIT.get(reading.parameter);
  return unit === undefined || unit === reading.unit
    ? null
    : `unit of ${reading.parameter} must be ${unit}, got ${JSON.stringify(reading.unit)}`;
}

function toRow(stationId: number, reading: TelemetryReadingV1): NewReading {
  return {
    time: new Date(reading.time),
    stationId,
    parameterCode: reading.parameter,
    value: reading.value,
    status: statusCodeToValue(reading.status),
  };
}
