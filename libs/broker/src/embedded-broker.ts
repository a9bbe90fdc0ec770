import { Logger } from '@nestjs/common';
import { Aedes, AedesOptions, Client, PublishPacket } from 'aedes';
import { createServer, Server, Socket } from 'node:net';
import { PacketSizeGuard } from './packet-size-guard';

/**
 * Acknowledge a device's QoS 1 message only once the platform consumer has acknowledged it (which it does
 * after the commit), instead of as soon as the broker has it in memory.
 */
export interface AcknowledgeAfterOptions {
  /** The platform consumer's client id: messages matching one of its QoS >= 1 subscriptions are held. */
  readonly clientId: string;
  /** Messages of one publisher awaiting the consumer at once; beyond, the publisher is disconnected. Default 10,000. */
  readonly maxHeldPerPublisher?: number;
  /** Messages of all publishers awaiting the consumer at once; beyond, the publisher is disconnected. Default 50,000. */
  readonly maxHeld?: number;
  /** A message not acknowledged by the consumer within this long disconnects its publisher (it resends). Default 120 s. */
  readonly maxHoldMs?: number;
}

export interface EmbeddedBrokerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Address listened on (MQTT_EMBEDDED_HOST); default 127.0.0.1. */
  readonly host?: string;
  /** Hooks for device identity and topic ACLs (the ingestion issue fills them in). */
  readonly authenticate?: AedesOptions['authenticate'];
  readonly authorizePublish?: AedesOptions['authorizePublish'];
  readonly authorizeSubscribe?: AedesOptions['authorizeSubscribe'];
  /** Largest MQTT packet (fixed header included) a client may send; a bigger one closes its connection. */
  readonly maxPacketBytes?: number;
  /** Unset: a QoS 1 PUBACK goes out as soon as aedes has the message (aedes' own behaviour). */
  readonly acknowledgeAfter?: AcknowledgeAfterOptions;
  /**
   * The broker as an MQTT edge of a broker cluster: every authorized device message is handed to
   * `store` (the replicated telemetry stream), and a QoS 1 PUBACK goes out only once it resolves. Its
   * failure closes the publisher's connection unacknowledged, so the device sends the message again.
   * No local subscriber receives it.
   */
  readonly storeBeforeAck?: (message: { topic: string; payload: Buffer; clientId: string }) => Promise<void>;
}

export interface EmbeddedBroker {
  readonly url: string;
  readonly port: number;
  /** Messages whose PUBACK waits for the consumer's acknowledgement right now. */
  readonly heldMessages: () => number;
  /** Closes the connection of the client with this id, if connected (a revoked device); whether it was. */
  disconnect(clientId: string): boolean;
  close(): Promise<void>;
}

const READ_BUFFER_BYTES = 256 * 1024;

/** Where a held message is re-routed once delivered: aedes then sends its PUBACK and publishes it to nobody. */
const DELIVERED_TOPIC = '$SYS/hp/delivered';

/**
 * An in-process MQTT 3.1.1 broker (aedes) for the embedded mode and tests. No MQTT 5 and no shared
 * subscriptions: production uses Mosquitto or EMQX through MQTT_URL.
 */
export async function startEmbeddedBroker(
  options: EmbeddedBrokerOptions,
  logger = new Logger('EmbeddedBroker'),
): Promise<EmbeddedBroker> {
  // Only hooks that are set: an undefined one would replace aedes' allow-all default.
  const hooks: AedesOptions = {};
  if (options.authenticate) hooks.authenticate = options.authenticate;
  if (options.authorizePublish) hooks.authorizePublish = options.authorizePublish;
  if (options.authorizeSubscribe) hooks.authorizeSubscribe = options.authorizeSubscribe;
  let holder: AcknowledgementHolder | null = null;
  if (options.acknowledgeAfter) {
    const acknowledgeAfter = options.acknowledgeAfter;
    const authorize = options.authorizePublish ?? defaultAuthorizePublish;
    hooks.authorizePublish = (client, packet, callback) =>
      authorize(client, packet, (error) => {
        if (error || !holder) return callback(error ?? null);
        holder.hold(client, packet, callback, acknowledgeAfter);
      });
  }
  if (options.storeBeforeAck) {
    const store = options.storeBeforeAck;
    const authorize = hooks.authorizePublish ?? defaultAuthorizePublish;
    hooks.authorizePublish = (client, packet, callback) =>
      authorize(client, packet, (error) => {
        if (error || !client) return callback(error ?? null);
        const stored = store({ topic: packet.topic, payload: packet.payload as Buffer, clientId: client.id });
        if (packet.qos === 0) {
          stored.catch((e: Error) => logger.warn(`QoS 0 message of ${client.id} not stored: ${e.message}`));
          return callback(null);
        }
        stored.then(
          () => {
            // aedes sends the PUBACK now and publishes the packet: to nobody, the stream has it.
            packet.topic = DELIVERED_TOPIC;
            packet.retain = false;
            callback(null);
          },
          (e: Error) => {
            logger.warn(`message of ${client.id} not stored, connection closed for a resend: ${e.message}`);
            callback(e);
          },
        );
      });
  }
  const broker = await Aedes.createBroker(hooks);
  if (options.acknowledgeAfter) holder = new AcknowledgementHolder(broker, options.acknowledgeAfter.clientId);
  const sockets = new Set<Socket>();
  // aedes handles the packets of one socket read together and reads again when all are done; with
  // PUBACKs held until the consumer's commit, a larger read lets more of a pipelining publisher's
  // messages share one commit (64 KiB by default).
  const server: Server = createServer({ highWaterMark: READ_BUFFER_BYTES }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (options.maxPacketBytes !== undefined) limitPacketSize(socket, options.maxPacketBytes, logger);
    broker.handle(socket);
  });
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(
                `MQTT_EMBEDDED_PORT ${options.port} is in use; set MQTT_EMBEDDED_PORT to a free port or MQTT_URL to a broker`,
              )
            : error,
        ),
      );
      server.listen(options.port, host, () => resolve());
    });
  } catch (error) {
    // aedes runs a heartbeat timer: a broker that never listened must still be closed.
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `mqtt://${host}:${port}`;
  logger.log(`embedded MQTT broker (aedes, MQTT 3.1.1) listening on ${url}`);
  return {
    url,
    port,
    heldMessages: () => holder?.size ?? 0,
    disconnect: (clientId) => {
      const client = (broker as unknown as { clients: Record<string, Client | undefined> }).clients[clientId];
      client?.close();
      return client !== undefined;
    },
    close: async () => {
      holder?.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

/** aedes' own default: $SYS topics are the broker's. */
function defaultAuthorizePublish(
  _client: Client | null,
  packet: PublishPacket,
  callback: (error?: Error | null) => void,
): void {
  callback(packet.topic.startsWith('$SYS/') ? new Error('$SYS/ topic is reserved') : null);
}

/**
 * Closes the connection of a client whose packet header announces more than maxBytes, before any of
 * that packet is buffered (aedes has no packet size limit: its parser would hold a 128 MB publish whole).
 * net.Socket hands every chunk it reads to push(); the guard only follows the packet boundaries.
 */
function limitPacketSize(socket: Socket, maxBytes: number, logger: Logger): void {
  const guard = new PacketSizeGuard(maxBytes);
  const push = socket.push.bind(socket);
  socket.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (Buffer.isBuffer(chunk) && !guard.accepts(chunk)) {
      logger.warn(
        `closed ${socket.remoteAddress ?? 'a client'}: MQTT packet larger than ${maxBytes} bytes (MQTT_MAX_PACKET_BYTES)`,
      );
      socket.destroy();
      return false;
    }
    return push(chunk, encoding);
  };
}

/** What is used of aedes beyond its type declarations (aedes.js: counter, id, persistence, publish with a client). */
interface AedesInternals {
  counter: number;
  readonly id: string;
  readonly persistence: {
    subscriptionsByTopic(topic: string): Promise<{ clientId: string; qos: number }[]>;
  };
  publish(packet: PublishPacket, client: Client | null, done: (error?: Error) => void): void;
}

interface HeldMessage {
  readonly release: (error: Error | null) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Holds the PUBACK of a QoS >= 1 message the platform consumer subscribes to until the consumer has
 * PUBACKed it (the consumer does so only after the commit). aedes writes a QoS 1 PUBACK first and
 * publishes afterwards (lib/handlers/publish.js), so its `published` hook runs too late to hold anything;
 * the message is therefore published from authorizePublish, which runs before that PUBACK, and once the
 * consumer has it, aedes' own publish of the packet is re-routed to a topic nobody receives.
 * The delivered copy keeps the brokerId/brokerCounter it is published with (aedes-packet), which is what
 * the 'ack' event gives back, also after a reconnect of the consumer that was served from its session.
 */
class AcknowledgementHolder {
  private readonly held = new Map<string, HeldMessage>();
  private readonly perPublisher = new Map<Client, number>();
  private closed = false;

  private readonly broker: AedesInternals;
  /** Until the consumer has subscribed once, no publish can be known to be for it: they wait for that. */
  private consumerSubscribed = false;
  private readonly waitingForConsumer = new Set<() => void>();

  constructor(
    aedes: Aedes,
    private readonly consumerId: string,
  ) {
    this.broker = aedes as unknown as AedesInternals;
    aedes.on('subscribe', (_subscriptions, client) => {
      if (client?.id !== this.consumerId || this.consumerSubscribed) return;
      this.consumerSubscribed = true;
      for (const resume of [...this.waitingForConsumer]) resume();
    });
    aedes.on('ack', (packet, client) => {
      const delivered = packet as { brokerId?: string; brokerCounter?: number } | null;
      if (!delivered || client?.id !== this.consumerId) return;
      this.held.get(`${delivered.brokerId}:${delivered.brokerCounter}`)?.release(null);
    });
  }

  get size(): number {
    return this.held.size;
  }

  hold(
    client: Client | null,
    packet: PublishPacket,
    callback: (error?: Error | null) => void,
    limits: AcknowledgeAfterOptions,
  ): void {
    if (!client || packet.qos === 0 || client.id === this.consumerId) return callback(null);
    if (!this.consumerSubscribed) return this.awaitConsumer(client, packet, callback, limits);
    this.broker.persistence.subscriptionsByTopic(packet.topic).then(
      (subscriptions) => {
        if (!subscriptions.some((s) => s.clientId === this.consumerId && s.qos > 0)) return callback(null);
        const mine = this.perPublisher.get(client) ?? 0;
        if (
          this.closed ||
          mine >= (limits.maxHeldPerPublisher ?? 10_000) ||
          this.held.size >= (limits.maxHeld ?? 50_000)
        )
          // MQTT 3.1.1 has no negative PUBACK: the connection closes unacknowledged and the device resends.
          return callback(new Error('too many messages awaiting the platform commit'));
        this.publishAndWait(client, packet, callback, limits.maxHoldMs ?? 120_000);
      },
      (error: Error) => callback(error),
    );
  }

  /**
   * A publish that arrives before the consumer's first subscription (the platform is starting): acked now,
   * it would be delivered to nobody and lost. It waits (bounded) and is then held like any other.
   */
  private awaitConsumer(
    client: Client,
    packet: PublishPacket,
    callback: (error?: Error | null) => void,
    limits: AcknowledgeAfterOptions,
  ): void {
    if (this.closed || this.waitingForConsumer.size >= (limits.maxHeld ?? 50_000))
      return callback(new Error('too many messages awaiting the platform consumer'));
    const resume = () => {
      clearTimeout(timer);
      this.waitingForConsumer.delete(resume);
      if (this.closed) return callback(new Error('broker closing'));
      this.hold(client, packet, callback, limits);
    };
    const timer = setTimeout(() => {
      this.waitingForConsumer.delete(resume);
      callback(new Error('the platform consumer has not subscribed'));
    }, limits.maxHoldMs ?? 120_000);
    timer.unref();
    this.waitingForConsumer.add(resume);
  }

  private publishAndWait(
    client: Client,
    packet: PublishPacket,
    callback: (error?: Error | null) => void,
    maxHoldMs: number,
  ): void {
    const counter = ++this.broker.counter;
    const key = `${this.broker.id}:${counter}`;
    this.perPublisher.set(client, (this.perPublisher.get(client) ?? 0) + 1);
    let published = false;
    let acknowledged = false;
    const finish = (error: Error | null) => {
      if (!this.held.has(key)) return;
      clearTimeout(this.held.get(key)!.timer);
      this.held.delete(key);
      const left = (this.perPublisher.get(client) ?? 1) - 1;
      if (left > 0) this.perPublisher.set(client, left);
      else this.perPublisher.delete(client);
      if (error) return callback(error);
      // aedes sends the PUBACK now and publishes this packet again: to nobody (already delivered once).
      packet.topic = DELIVERED_TOPIC;
      packet.retain = false;
      callback(null);
    };
    const timer = setTimeout(
      () => finish(new Error(`the platform did not acknowledge within ${maxHoldMs} ms`)),
      maxHoldMs,
    );
    timer.unref();
    this.held.set(key, {
      timer,
      release: (error) => {
        if (error) return finish(error);
        acknowledged = true;
        if (published) finish(null);
      },
    });
    const copy = {
      cmd: 'publish' as const,
      topic: packet.topic,
      payload: packet.payload,
      qos: packet.qos,
      retain: packet.retain,
      dup: false,
      brokerId: this.broker.id,
      brokerCounter: counter,
    };
    this.broker.publish(copy, client, (error?: Error) => {
      if (error) return finish(error);
      published = true;
      if (acknowledged) finish(null);
    });
  }

  close(): void {
    this.closed = true;
    for (const resume of [...this.waitingForConsumer]) resume();
    for (const message of [...this.held.values()]) message.release(new Error('broker closing'));
  }
}
