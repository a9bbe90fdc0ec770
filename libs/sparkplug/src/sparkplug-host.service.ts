import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { formatReason, type Reason } from '@hp/contracts';
import { Counter, register } from 'prom-client';
import type { IngestReceipt, MessageMeta } from '@hp/ingestion';
import { TelemetryIngestService } from '@hp/ingestion';
import { RegistryAdmin } from '@hp/registry';
import { describeSource, MappingIndex, metricReadings } from './metric-readings';
import { decodeSparkplugPayload, DecodedPayload } from './payload';
import { DEFAULT_REBIRTH_INTERVAL_MS, SparkplugSessions } from './session';
import { SparkplugCommands } from './sparkplug-commands';
import { SPARKPLUG_SETTINGS, SparkplugSettings } from './sparkplug-settings';
import { parseSparkplugTopic, SparkplugTopic } from './topic';
import { SparkplugMappingsRepository } from './storage/sparkplug-mappings.repository';

/** The mapping is read again at every birth, and at the latest after this long. */
export const MAPPING_RELOAD_MS = 30_000;

const NOTHING: IngestReceipt = { accepted: 0, problems: [], committed: Promise.resolve() };

function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (
    (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames })
  );
}

/**
 * The Sparkplug B host application: follows each edge node's session (SparkplugSessions), asks a node
 * out of step for a rebirth, records the node's presence, and hands the mapped metrics to the telemetry
 * ingestion path as TelemetryV1 readings, so they are checked, stored, quarantined and acknowledged
 * exactly like JSON telemetry. Never throws for a bad message: it is quarantined with its reason.
 */
@Injectable()
export class SparkplugHostService implements OnModuleInit {
  private readonly logger = new Logger('SparkplugHost');
  private readonly sessions: SparkplugSessions;
  private readonly groups: ReadonlySet<string>;
  private ingest!: TelemetryIngestService;
  private mapping: { index: MappingIndex; at: number } | null = null;
  private loading: Promise<MappingIndex> | null = null;
  private readonly messages = counter(
    'hp_sparkplug_messages_total',
    'Sparkplug B messages, by type and result',
    ['type', 'result'],
  );
  private readonly rebirths = counter(
    'hp_sparkplug_rebirth_requests_total',
    'Rebirth requests sent to edge nodes',
    [],
  );
  private readonly unmapped = counter(
    'hp_sparkplug_unmapped_metrics_total',
    'Numeric Sparkplug B metrics no mapping names (not stored)',
    [],
  );

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly mappings: SparkplugMappingsRepository,
    private readonly registry: RegistryAdmin,
    private readonly commands: SparkplugCommands,
    @Inject(SPARKPLUG_SETTINGS) settings: SparkplugSettings,
  ) {
    this.sessions = new SparkplugSessions(settings.rebirthIntervalMs ?? DEFAULT_REBIRTH_INTERVAL_MS);
    this.groups = new Set(settings.groups);
  }

  onModuleInit(): void {
    // Provided by IngestionModule (imported by the same app); one write path for every transport.
    this.ingest = this.moduleRef.get(TelemetryIngestService, { strict: false });
  }

  /** The session view of an edge node (tests, diagnostics). */
  session(groupId: string, edgeNodeId: string) {
    return this.sessions.snapshot(groupId, edgeNodeId);
  }

  /** One message of spBv1.0/#; resolves once it is admitted, its `committed` once stored. */
  async handle(topicName: string, payload: Buffer, meta: MessageMeta): Promise<IngestReceipt> {
    const topic = parseSparkplugTopic(topicName);
    // STATE messages, other namespaces' look-alikes and groups this host does not follow.
    if (!topic || (this.groups.size > 0 && !this.groups.has(topic.groupId))) return NOTHING;
    if (topic.type === 'NCMD' || topic.type === 'DCMD') return NOTHING;
    let decoded: DecodedPayload;
    try {
      decoded = decodeSparkplugPayload(payload);
    } catch (error) {
      this.messages.inc({ type: topic.type, result: 'malformed' });
      return this.quarantine(topicName, payload, meta, [
        {
          code: 'SPARKPLUG_PAYLOAD_NOT_DECODABLE',
          params: { source: describeSource(topic), type: topic.type, error: (error as Error).message },
        },
      ]);
    }
    // Synchronous: the session sees messages in arrival order.
    const verdict = this.sessions.apply(topic, decoded);
    if (verdict.kind === 'ignored') {
      this.messages.inc({ type: topic.type, result: 'ignored' });
      if (verdict.rebirth) this.requestRebirth(topic);
      const reason: Reason = {
        code: 'SPARKPLUG_OUT_OF_STEP',
        params: { source: describeSource(topic), type: topic.type, ...verdict.cause },
      };
      // A death that does not apply changes nothing; data that is not applied is kept in quarantine.
      if (topic.type === 'NDEATH') {
        this.logger.warn(formatReason(reason, 'en'));
        return NOTHING;
      }
      return this.quarantine(topicName, payload, meta, [reason]);
    }
    this.messages.inc({ type: topic.type, result: 'applied' });
    if (topic.type === 'NBIRTH' || topic.type === 'NDEATH') await this.recordPresence(topic, decoded, meta);
    if (verdict.kind !== 'birth' && verdict.kind !== 'data') {
      this.logger.log(`${describeSource(topic)}: ${topic.type}, offline`);
      return NOTHING;
    }
    const birth = verdict.kind === 'birth';
    const mapping = await this.currentMapping(birth);
    const result = metricReadings(topic, decoded, verdict.metrics, mapping, birth);
    this.unmapped.inc(result.unmapped);
    if (result.batches.length === 0 && result.problems.length === 0) return NOTHING;
    return this.ingest.ingestReadings(topicName, payload, meta, result.batches, result.problems);
  }

  private requestRebirth(topic: SparkplugTopic): void {
    this.rebirths.inc();
    this.commands
      .requestRebirth(topic.groupId, topic.edgeNodeId)
      .catch((error: unknown) =>
        this.logger.error(
          `rebirth request to ${topic.groupId}/${topic.edgeNodeId} failed: ${(error as Error).message}`,
        ),
      );
  }

  private quarantine(
    topic: string,
    payload: Buffer,
    meta: MessageMeta,
    problems: Reason[],
  ): Promise<IngestReceipt> {
    return this.ingest.ingestReadings(topic, payload, meta, [], problems);
  }

  /** The edge node's own device record (a gateway whose code is the edge node id), when there is one. */
  private async recordPresence(
    topic: SparkplugTopic,
    payload: DecodedPayload,
    meta: MessageMeta,
  ): Promise<void> {
    const online = topic.type === 'NBIRTH';
    try {
      await this.registry.recordDevicePresence(topic.edgeNodeId, {
        online,
        at: payload.timestamp === null ? meta.receivedAt : new Date(payload.timestamp),
      });
    } catch (error) {
      this.logger.error(`presence of ${topic.edgeNodeId} not recorded: ${(error as Error).message}`);
    }
  }

  /** The cached mapping; read again at a birth (a new configuration applies from the next birth) or when old. */
  private currentMapping(fresh: boolean): Promise<MappingIndex> {
    if (this.mapping && !fresh && Date.now() - this.mapping.at < MAPPING_RELOAD_MS)
      return Promise.resolve(this.mapping.index);
    this.loading ??= this.mappings
      .list()
      .then((rows) => {
        const index = new MappingIndex(rows);
        this.mapping = { index, at: Date.now() };
        return index;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
