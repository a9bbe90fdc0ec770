import {
  AckPolicy,
  ConsumerMessages,
  DeliverPolicy,
  JetStreamManager,
  JsMsg,
  nanos,
  NatsConnection,
} from 'nats';
import {
  CLIENT_HEADER,
  connectTelemetryStream,
  createOrUpdate,
  declareTelemetryStream,
  SPARKPLUG_CONSUMER,
  SPARKPLUG_SUBJECT,
  TELEMETRY_CONSUMER,
  TELEMETRY_SUBJECT,
  TelemetryStreamSettings,
  TOPIC_HEADER,
  whenJetStreamAnswers,
} from '@hp/broker';
import { Packet } from 'mqtt';
import { TelemetryTopicServer } from './telemetry-topic.server';

export interface TelemetryJetStreamServerOptions {
  readonly stream: TelemetryStreamSettings;
  /** Messages handed out and not yet acknowledged, across all replicas (JetStream's max_ack_pending). */
  readonly maxAckPending: number;
  /**
   * A message neither acknowledged nor reported in progress this long goes to another replica: what a
   * dead replica held comes back this soon. A live replica reports its messages waiting for a commit
   * (a database failover) as in progress, so they stay with it.
   */
  readonly ackWaitMs?: number;
}

/** Messages fetched ahead per replica; admission to the write buffer is what really paces reading. */
const PULL_BATCH = 1000;
const DEFAULT_ACK_WAIT_MS = 15_000;
/**
 * A pull request lives this long (its heartbeat half of it). A consumer leader that moves (a broker node
 * lost) takes the replicas' pending pulls with it, and a replica notices only at two missed heartbeats:
 * nats.js' 30 s default held the pipeline still for 30-40 s in the cluster drill. One pull per replica
 * every 5 s when idle costs the server nothing.
 */
const PULL_EXPIRES_MS = 5000;
/** Redelivery delay of a message whose handler failed (a bug, not bad input: that is quarantined). */
const FAILED_HANDLER_RETRY_MS = 5000;

/**
 * The ingestion replicas' transport in a broker cluster: the telemetry stream through a durable pull
 * consumer that every replica shares, each message acknowledged after the batch holding it commits. A
 * replica that dies leaves its unacknowledged messages to be redelivered to the others after
 * `ackWaitMs`; a redelivered reading already stored is a harmless duplicate. Handlers are the MQTT
 * ones (the message carries its MQTT topic and publisher in headers), so everything downstream is the
 * same. Sparkplug B has its own consumer with one message in flight: a host must see an edge node's
 * messages in order.
 */
export class TelemetryJetStreamServer extends TelemetryTopicServer {
  private connection: NatsConnection | null = null;
  private readonly running: ConsumerMessages[] = [];
  /** Messages admitted and waiting for their commit. */
  private readonly awaitingCommit = new Set<JsMsg>();
  private inProgressTimer: NodeJS.Timeout | null = null;

  constructor(private readonly settings: TelemetryJetStreamServerOptions) {
    super(settings.stream.servers.join(','), 'TelemetryJetStreamServer');
  }

  override async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.startConsuming();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async startConsuming(): Promise<void> {
    const nc = await connectTelemetryStream(this.settings.stream, 'hp-ingestion');
    this.connection = nc;
    const jsm = await declareTelemetryStream(nc, this.settings.stream);
    await this.ensureConsumer(jsm, TELEMETRY_CONSUMER, TELEMETRY_SUBJECT, this.settings.maxAckPending);
    await this.ensureConsumer(jsm, SPARKPLUG_CONSUMER, SPARKPLUG_SUBJECT, 1);
    for (const name of [TELEMETRY_CONSUMER, SPARKPLUG_CONSUMER]) {
      const consumer = await whenJetStreamAnswers(() =>
        nc.jetstream().consumers.get(this.settings.stream.stream, name),
      );
      const messages = await consumer.consume({
        max_messages: name === SPARKPLUG_CONSUMER ? 1 : PULL_BATCH,
        expires: PULL_EXPIRES_MS,
      });
      this.running.push(messages);
      this.drain(messages).catch((error: unknown) =>
        this.log.error(`consumer ${name} stopped: ${(error as Error).message}`),
      );
    }
    // Tells JetStream, well within ack_wait, that what waits for a commit is still being worked on.
    this.inProgressTimer = setInterval(() => {
      for (const message of this.awaitingCommit) message.working();
    }, this.ackWaitMs / 3);
    this.log.log(`consuming ${this.settings.stream.stream} on ${this.settings.stream.servers.join(', ')}`);
  }

  private async ensureConsumer(
    jsm: JetStreamManager,
    name: string,
    subject: string,
    maxAckPending: number,
  ): Promise<void> {
    const config = {
      durable_name: name,
      filter_subject: subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.ackWaitMs),
      max_ack_pending: maxAckPending,
      max_deliver: -1,
    };
    const stream = this.settings.stream.stream;
    await createOrUpdate({
      read: () => jsm.consumers.info(stream, name),
      update: () => jsm.consumers.update(stream, name, config),
      create: () => jsm.consumers.add(stream, config),
    });
  }

  private get ackWaitMs(): number {
    return this.settings.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
  }

  private async drain(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) await this.handle(message);
  }

  /** Resolves once the message is admitted to a write batch (backpressure); acknowledges it after the commit. */
  private async handle(message: JsMsg): Promise<void> {
    const topic = message.headers?.get(TOPIC_HEADER) ?? '';
    if (topic === '') {
      // Not an edge's message: nothing would ever handle it.
      this.log.warn(`${message.subject}#${message.seq}: no ${TOPIC_HEADER} header, dropped from the stream`);
      message.term();
      return;
    }
    const payload = Buffer.from(message.data);
    const packet = {
      cmd: 'publish',
      topic,
      payload,
      qos: 1,
      retain: false,
      dup: message.redelivered,
      // The edge authenticated the publisher: handlers read it as an MQTT 5 user property.
      properties: { userProperties: { client_id: message.headers?.get(CLIENT_HEADER) ?? '' } },
    } as unknown as Packet;
    try {
      const { committed } = await this.dispatch(topic, payload, packet);
      this.awaitingCommit.add(message);
      committed.then(
        () => {
          this.awaitingCommit.delete(message);
          message.ack();
        },
        () => {
          this.awaitingCommit.delete(message);
          message.nak(FAILED_HANDLER_RETRY_MS);
        },
      );
    } catch (error) {
      this.logFailure(topic, error);
      message.nak(FAILED_HANDLER_RETRY_MS);
    }
  }

  // ServerMqtt declares close(): void, but Nest awaits what it returns: the acks of committed messages flush first.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  override close(): Promise<void> {
    if (this.inProgressTimer) clearInterval(this.inProgressTimer);
    for (const messages of this.running.splice(0)) messages.stop();
    const nc = this.connection;
    this.connection = null;
    // Unacknowledged messages go back to the stream (redelivered after ack_wait to the others).
    return nc ? nc.drain().catch(() => nc.close()) : Promise.resolve();
  }
}
