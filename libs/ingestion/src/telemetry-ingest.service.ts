import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import {
  parseDeviceStatus,
  parseGatewayTelemetryPayload,
  parseStationTelemetryTopic,
  parseTelemetryPayload,
  parseTopic,
  Reason,
  TelemetryReadingV1,
} from '@hp/contracts';
import { NewReading } from '@hp/readings';
import { RegistryAdmin } from '@hp/registry';
import { QuarantineProblem } from './storage/quarantine.repository';
import { WriteBatcher } from './batching/write-batcher';
import { IngestMetrics } from './ingest-metrics';
import {
  DEFAULT_INGESTION_SETTINGS,
  INGESTION_SETTINGS,
  IngestionSettings,
  READINGS_COMMITTED_LISTENER,
  ReadingsCommittedListener,
} from './ingestion-settings';
import { DeviceActivityRecorder } from './device-activity';
import { RegistryUnavailableError, StationDirectory } from './station-directory';
import { MessageWork, TelemetryBatchWriter } from './telemetry-batch-writer';
import { checkReading, ReadingRules } from './validation/reading-rules';

export interface MessageMeta {
  readonly clientId: string | null;
  readonly receivedAt: Date;
}

/**
 * Readings of one station that another transport has already put in the platform's TelemetryV1 shape
 * (Sparkplug B): `label` names them as the source of their quarantine problems.
 */
export interface StationReadings {
  readonly label: string;
  readonly parkCode: string;
  readonly stationCode: string;
  readonly readings: readonly TelemetryReadingV1[];
  /** Readings of the batch already refused by the transport's own checks (reported once the station is known). */
  readonly refused?: readonly Reason[];
}

/** What became of one message, known once it is admitted to a batch; `committed` settles after the commit. */
export interface IngestReceipt {
  readonly accepted: number;
  readonly problems: readonly QuarantineProblem[];
  readonly committed: Promise<void>;
}

/**
 * Turns one station telemetry message into stored readings. Never throws for bad input: what is refused
 * goes to quarantine with its reason and the raw payload, and the valid readings of the same message are
 * kept. Waits for room in the write buffer before admitting a message (backpressure, never dropping).
 */
@Injectable()
export class TelemetryIngestService implements OnApplicationShutdown {
  private readonly logger = new Logger(TelemetryIngestService.name);
  private readonly metrics = new IngestMetrics();
  private readonly batcher: WriteBatcher<MessageWork>;
  private readonly rules: ReadingRules;
  // Labelled children resolved once: this is the per-message path.
  private readonly storedMessages = this.metrics.messages.labels('stored');
  private readonly partialMessages = this.metrics.messages.labels('partial');
  private readonly quarantinedMessages = this.metrics.messages.labels('quarantined');
  /** Messages this instance has taken in (per instance; the Prometheus counters are per process). */
  received = 0;

  constructor(
    private readonly stations: StationDirectory,
    private readonly registry: RegistryAdmin,
    writer: TelemetryBatchWriter,
    private readonly activity: DeviceActivityRecorder,
    @Optional() @Inject(INGESTION_SETTINGS) settings: IngestionSettings | null,
    @Optional()
    @Inject(READINGS_COMMITTED_LISTENER)
    private readonly listener: ReadingsCommittedListener | null,
  ) {
    const s = settings ?? DEFAULT_INGESTION_SETTINGS;
    this.rules = {
      backfillMs: s.backfillDays * 86_400_000,
      futureToleranceMs: s.futureToleranceSeconds * 1000,
    };
    this.batcher = new WriteBatcher<MessageWork>({
      maxBatch: s.batchMaxReadings,
      flushIntervalMs: s.flushIntervalMs,
      maxBuffered: s.maxBufferedReadings,
      maxConcurrentWrites: s.concurrentWrites,
      sizeOf: (w) => Math.max(1, w.rows.length),
      write: async (work) => {
        const stop = this.metrics.batchSeconds.startTimer();
        const result = await writer.write(work);
        stop();
        this.listener?.onCommitted(work.flatMap((w) => w.rows));
        this.metrics.readings.inc({ result: 'accepted' }, result.inserted);
        this.metrics.readings.inc({ result: 'duplicate' }, result.duplicates);
        this.metrics.buffered.set(this.batcher.buffered);
      },
      onWriteError: (error, attempt) =>
        this.logger.error(
          `batch write failed (attempt ${attempt}), retrying; nothing is acknowledged meanwhile: ${(error as Error).message}`,
        ),
    });
  }

  /** A station's own message (hp/v1/parks/{park}/stations/{station}/telemetry). */
  ingest(topic: string, payload: Buffer, meta: MessageMeta): Promise<IngestReceipt> {
    return this.admit(topic, payload, meta, (now) => this.evaluate(topic, payload, now));
  }

  /** A gateway's message for many stations of its park (hp/v1/gateways/{gateway}/telemetry). */
  ingestGateway(topic: string, payload: Buffer, meta: MessageMeta): Promise<IngestReceipt> {
    return this.admit(topic, payload, meta, (now) => this.evaluateGateway(topic, payload, now));
  }

  /**
   * Readings another transport decoded and mapped to stations itself (Sparkplug B): from here on the same
   * path as JSON telemetry (registry, units, bounds, time window, write batch, quarantine with the raw
   * payload, acknowledgement after the commit). `problems` are the transport's own refusals, quarantined
   * with the message.
   */
  ingestReadings(
    topic: string,
    payload: Buffer,
    meta: MessageMeta,
    batches: readonly StationReadings[],
    problems: readonly Reason[],
  ): Promise<IngestReceipt> {
    return this.admit(topic, payload, meta, async (now) => {
      const found: QuarantineProblem[] = problems.map((reason) => ({ index: null, source: null, reason }));
      const rows = await this.checkStationReadings(batches, now, found);
      return { rows, problems: found };
    });
  }

  /**
   * A device's presence (hp/v1/devices/{code}/status): the retained online message, or the last will the
   * broker publishes for it. Stored on the device; a bad message is quarantined like telemetry.
   */
  async recordPresence(topic: string, payload: Buffer, meta: MessageMeta): Promise<IngestReceipt> {
    // An empty retained message is how MQTT clears a retained status: nothing to record.
    if (payload.length === 0) return { accepted: 0, problems: [], committed: Promise.resolve() };
    const address = parseTopic(topic);
    const parsed = parseDeviceStatus(payload);
    let problem: Reason;
    if (address?.kind !== 'device-status')
      problem = { code: 'TOPIC_UNEXPECTED', params: { topic, expected: 'device' } };
    else if (!parsed.ok) problem = parsed.reason;
    else {
      const status = parsed.value;
      const at = status.time ? new Date(status.time) : meta.receivedAt;
      const found = await this.registry.recordDevicePresence(address.deviceCode, {
        online: status.online,
        at,
        firmware: status.firmware,
      });
      if (found) {
        this.activity.note(topic, meta.receivedAt);
        return { accepted: 0, problems: [], committed: Promise.resolve() };
      }
      problem = { code: 'DEVICE_NOT_REGISTERED', params: { device: address.deviceCode } };
    }
    return this.admit(topic, payload, meta, async () => refuse(problem));
  }

  private async admit(
    topic: string,
    payload: Buffer,
    meta: MessageMeta,
    evaluate: (nowMs: number) => Promise<Evaluation>,
  ): Promise<IngestReceipt> {
    this.received++;
    this.activity.note(topic, meta.receivedAt);
    const room = this.batcher.whenHasRoom();
    if (room) await room;
    let evaluation: Evaluation;
    try {
      evaluation = await evaluate(meta.receivedAt.getTime());
    } catch (error) {
      // Not the message's fault: the transport leaves it unacknowledged, to come again.
      if (error instanceof RegistryUnavailableError) throw error;
      // A bug or a hostile message the checks did not foresee: quarantine it, never break the consumer.
      evaluation = refuse({ code: 'MESSAGE_CHECK_FAILED', params: { error: (error as Error).message } });
    }
    const { rows, problems } = evaluation;
    const quarantine =
      problems.length > 0
        ? { topic, clientId: meta.clientId, problems, payload, receivedAt: meta.receivedAt }
        : null;
    (problems.length === 0
      ? this.storedMessages
      : rows.length > 0
        ? this.partialMessages
        : this.quarantinedMessages
    ).inc();
    if (problems.length > 0) {
      const refusedReadings = problems.filter((p) => p.index !== null).length;
      this.metrics.readings.inc({ result: 'quarantined' }, refusedReadings);
      this.logger.warn(
        `${topic}: kept ${rows.length}, quarantined: ${problems.map((p) => `${p.source ?? ''} ${p.reason.code}`.trim()).join('; ')}`,
      );
    }
    const committed = this.batcher.submit({ rows, quarantine });
    return { accepted: rows.length, problems, committed };
  }

  /** Writes what is buffered (tests, shutdown). */
  drain(): Promise<void> {
    return this.batcher.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.batcher.close();
  }

  private async evaluateGateway(topic: string, payload: Buffer, nowMs: number): Promise<Evaluation> {
    const address = parseTopic(topic);
    if (address?.kind !== 'gateway-telemetry')
      return refuse({ code: 'TOPIC_UNEXPECTED', params: { topic, expected: 'gateway' } });
    const parkCode = await this.stations.gatewayPark(address.gatewayCode);
    if (parkCode === null)
      return refuse({ code: 'GATEWAY_NOT_REGISTERED', params: { gateway: address.gatewayCode } });
    const parsed = parseGatewayTelemetryPayload(payload);
    if (!parsed.ok) return refuse(parsed.reason);
    const problems: QuarantineProblem[] = parsed.rejectedStations.map((r) => ({
      index: null,
      source: `stations[${r.index}]`,
      reason: r.reason,
    }));
    const batches: StationReadings[] = [];
    for (const batch of parsed.stations) {
      const where = `stations[${batch.index}] (${batch.parkCode}/${batch.stationCode})`;
      // The ACL lets a gateway publish only on its own topic; this keeps it to its own park's stations.
      if (batch.parkCode !== parkCode) {
        problems.push({
          index: null,
          source: where,
          reason: {
            code: 'GATEWAY_STATION_OTHER_PARK',
            params: {
              gateway: address.gatewayCode,
              gatewayPark: parkCode,
              park: batch.parkCode,
              station: batch.stationCode,
            },
          },
        });
        continue;
      }
      batches.push({
        label: where,
        parkCode: batch.parkCode,
        stationCode: batch.stationCode,
        readings: batch.readings,
        refused: batch.rejected.map((r) => r.reason),
      });
    }
    const rows = await this.checkStationReadings(batches, nowMs, problems);
    return { rows, problems };
  }

  /** Resolves each batch's station and checks its readings; refusals are added to `problems`. */
  private async checkStationReadings(
    batches: readonly StationReadings[],
    nowMs: number,
    problems: QuarantineProblem[],
  ): Promise<NewReading[]> {
    const rows: NewReading[] = [];
    for (const batch of batches) {
      const stationId = await this.stations.resolve(batch.parkCode, batch.stationCode);
      if (stationId === null) {
        problems.push({
          index: null,
          source: batch.label,
          reason: {
            code: 'STATION_NOT_REGISTERED',
            params: { park: batch.parkCode, station: batch.stationCode },
          },
        });
        continue;
      }
      for (const reason of batch.refused ?? []) problems.push({ index: null, source: batch.label, reason });
      for (const reading of batch.readings) {
        const checked = checkReading(stationId, reading, nowMs, this.rules);
        if ('code' in checked) problems.push({ index: null, source: batch.label, reason: checked });
        else rows.push(checked);
      }
    }
    return rows;
  }

  private async evaluate(
    topic: string,
    payload: Buffer,
    nowMs: number,
  ): Promise<{ rows: NewReading[]; problems: QuarantineProblem[] }> {
    const address = parseStationTelemetryTopic(topic);
    if (!address) return refuse({ code: 'TOPIC_UNEXPECTED', params: { topic, expected: 'station' } });
    const stationId = await this.stations.resolve(address.parkCode, address.stationCode);
    if (stationId === null)
      return refuse({
        code: 'STATION_NOT_REGISTERED',
        params: { park: address.parkCode, station: address.stationCode },
      });
    const parsed = parseTelemetryPayload(payload);
    if (!parsed.ok) return refuse(parsed.reason);
    const problems: QuarantineProblem[] = parsed.rejected.map((r) => ({
      index: r.index,
      source: null,
      reason: r.reason,
    }));
    const rows: NewReading[] = [];
    // Original positions of the readings that passed the schema, to name them in quarantine.
    const refused = new Set(parsed.rejected.map((r) => r.index));
    let position = 0;
    for (const reading of parsed.readings) {
      while (refused.has(position)) position++;
      const checked = checkReading(stationId, reading, nowMs, this.rules);
      if ('code' in checked) problems.push({ index: position, source: null, reason: checked });
      else rows.push(checked);
      position++;
    }
    return { rows, problems };
  }
}

interface Evaluation {
  rows: NewReading[];
  problems: QuarantineProblem[];
}

function refuse(reason: Reason): Evaluation {
  return { rows: [], problems: [{ index: null, source: null, reason }] };
}
