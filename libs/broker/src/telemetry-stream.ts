import { createHash } from 'node:crypto';
import {
  connect,
  DiscardPolicy,
  headers,
  JetStreamClient,
  JetStreamManager,
  NatsConnection,
  PubAck,
  RetentionPolicy,
  StorageType,
} from 'nats';

/**
 * The broker cluster's telemetry stream (NATS JetStream): what the MQTT edges store a device's message
 * in before they PUBACK it, and what the ingestion replicas consume (a shared durable consumer,
 * acknowledged after the commit). One contract for both sides.
 */
export interface TelemetryStreamSettings {
  /** Every node's client URL (nats://host:port). */
  readonly servers: readonly string[];
  readonly username?: string;
  readonly password?: string;
  /** Stream name. */
  readonly stream: string;
  /** Copies of each message; a publish is acknowledged once a majority of them has it. */
  readonly replicas: number;
  /** The stream refuses new messages beyond this (discard new: the edge then PUBACKs nothing). */
  readonly maxBytes: number;
  /** How long a message stays, consumed or not (the stream's only removal). */
  readonly maxAgeSeconds: number;
}

/** Subject of everything but Sparkplug B. */
export const TELEMETRY_SUBJECT = 'hp.mqtt.telemetry';
/** Sparkplug B: consumed one message at a time, in order (a host must follow an edge node's sequence). */
export const SPARKPLUG_SUBJECT = 'hp.mqtt.sparkplug';
/** The MQTT topic the device published on. */
export const TOPIC_HEADER = 'Hp-Mqtt-Topic';
/** The MQTT client id of the device that published it, as the edge authenticated it. */
export const CLIENT_HEADER = 'Hp-Mqtt-Client';
/** The durable consumers the ingestion replicas share. */
export const TELEMETRY_CONSUMER = 'ingestion';
export const SPARKPLUG_CONSUMER = 'ingestion-sparkplug';

/** How long JetStream remembers a message id: a device's resend after a lost PUBACK is stored once. */
const DUPLICATE_WINDOW_NS = 120 * 1e9;

export function subjectOfTopic(topic: string): string {
  return topic.startsWith('spBv1.0/') ? SPARKPLUG_SUBJECT : TELEMETRY_SUBJECT;
}

/** Connects to the cluster; reconnects for ever (to whichever node is up). */
export function connectTelemetryStream(
  settings: TelemetryStreamSettings,
  name: string,
): Promise<NatsConnection> {
  return connect({
    servers: [...settings.servers],
    user: settings.username,
    pass: settings.password,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    // A node that died without closing its sockets is noticed within ~10 s.
    pingInterval: 5000,
    maxPingOut: 2,
  });
}

/**
 * Runs a JetStream administration request again while the cluster cannot answer it yet: at boot its
 * meta leader may still be elected, and edges and replicas starting together race to create the stream.
 */
export async function whenJetStreamAnswers<T>(request: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      // nats.js gives a JetStream API error's bare code as its message ("503") and its text in chainedError.
      const { message, chainedError } = error as Error & { chainedError?: Error };
      const text = `${message} ${chainedError?.message ?? ''}`;
      const passing = /timeout|no responders|already in use|leader|unavailable|not current/i.test(text);
      if (!passing || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * attempt)));
    }
  }
}

/**
 * What an edge or an ingestion replica does at boot: declares the stream, and returns the manager to
 * declare consumers with. The manager skips nats.js' API check, a request the cluster answers 503 while it
 * elects a meta leader (a node just lost): an app booting then waits through it instead of failing.
 */
export async function declareTelemetryStream(
  nc: NatsConnection,
  settings: TelemetryStreamSettings,
): Promise<JetStreamManager> {
  const jsm = await nc.jetstreamManager({ checkAPI: false });
  await ensureTelemetryStream(jsm, settings);
  return jsm;
}

/** Creates the stream, or brings its settings up to date (each edge and ingestion replica does, at boot). */
export async function ensureTelemetryStream(
  jsm: JetStreamManager,
  settings: TelemetryStreamSettings,
): Promise<void> {
  const config = {
    name: settings.stream,
    subjects: [TELEMETRY_SUBJECT, SPARKPLUG_SUBJECT],
    // Messages leave by age only, never at an acknowledgement. A work queue (deleted once acknowledged) is
    // what the stream is used as, but NATS 2.9 replicates those deletions badly across a partition: its
    // replicas failed applying them ("stream store EOF"), reset their stream state and the cluster drill's
    // consumer stalled. The consumer's acknowledgement floor says what is done; age bounds the disk.
    retention: RetentionPolicy.Limits,
    max_age: settings.maxAgeSeconds * 1e9,
    storage: StorageType.File,
    num_replicas: settings.replicas,
    max_bytes: settings.maxBytes,
    discard: DiscardPolicy.New,
    duplicate_window: DUPLICATE_WINDOW_NS,
  };
  await createOrUpdate({
    read: () => jsm.streams.info(settings.stream),
    update: () => jsm.streams.update(settings.stream, config),
    create: () => jsm.streams.add(config),
  });
}

/**
 * A JetStream asset (stream, consumer) as declared: updated where it exists, created where JetStream says
 * it is not found, retried while the cluster cannot answer (whenJetStreamAnswers).
 */
export function createOrUpdate(asset: {
  read(): Promise<unknown>;
  update(): Promise<unknown>;
  create(): Promise<unknown>;
}): Promise<void> {
  return whenJetStreamAnswers(async () => {
    try {
      await asset.read();
      await asset.update();
    } catch (error) {
      if (!/not found/i.test((error as Error).message)) throw error;
      await asset.create();
    }
  });
}

/**
 * Stores one device message in the stream and resolves once JetStream acknowledges it, which a
 * replicated stream does only when a majority of its nodes has it. The message id is a digest of the
 * publisher, topic and payload, so a device's resend within the duplicate window is stored once.
 * Resolves with JetStream's acknowledgement (`duplicate` for such a resend).
 */
export async function storeDeviceMessage(
  js: JetStreamClient,
  message: { readonly topic: string; readonly payload: Uint8Array; readonly clientId: string },
  timeoutMs: number,
): Promise<PubAck> {
  const h = headers();
  h.set(TOPIC_HEADER, message.topic);
  h.set(CLIENT_HEADER, message.clientId);
  const msgID = createHash('sha256')
    .update(message.clientId)
    .update('\0')
    .update(message.topic)
    .update('\0')
    .update(message.payload)
    .digest('base64url');
  const ack = await js.publish(subjectOfTopic(message.topic), message.payload, {
    headers: h,
    msgID,
    timeout: timeoutMs,
  });
  // Older servers answer a resend whose first copy still awaits its quorum as a duplicate of sequence 0:
  // not stored yet, and perhaps never (if that leader loses its quorum). Refused, so the device resends.
  if (ack.duplicate && ack.seq === 0) throw new Error('the first copy of this message awaits its quorum');
  return ack;
}
