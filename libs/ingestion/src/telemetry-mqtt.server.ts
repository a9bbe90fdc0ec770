import { ServerMqtt } from '@nestjs/microservices';
import { connect, IClientOptions, ISubscriptionMap, MqttClient as MqttJsClient, Packet } from 'mqtt';
import { TelemetryTopicServer } from './telemetry-topic.server';

export interface TelemetryMqttServerOptions {
  readonly url: string;
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  readonly protocolVersion: 4 | 5;
  /** MQTT 5 shared-subscription group; ignored on MQTT 3.1.1 (the embedded broker). */
  readonly shareGroup: string;
  /**
   * Handler patterns always subscribed plainly, never through the share group: Sparkplug B, whose host
   * application must see every message of an edge node, in order, to follow its sequence numbers.
   */
  readonly unsharedPatterns?: readonly string[];
  /** How long the broker keeps the session and its unacknowledged messages while we are away (MQTT 5). */
  readonly sessionExpirySeconds?: number;
  /** MQTT 5 Receive Maximum: how many unacknowledged messages the broker may send us. */
  readonly receiveMaximum?: number;
}

function ignoreLog(): void {
  // mqtt.js's debug output is off
}

/** The client type ServerMqtt hands to bindEvents (Nest does not export it by name). */
type NestMqttClient = Parameters<ServerMqtt['bindEvents']>[0];
type SendPacket = (packet: Packet, cb?: (error?: Error) => void, ...rest: unknown[]) => void;

/**
 * Nest's MQTT transport, changed for device telemetry:
 *  - QoS 1 with a persistent session, and the PUBACK of a message is sent only after the batch
 *    holding it is committed. mqtt.js reads the next packet only after the previous one's
 *    acknowledgement step, so the PUBACK itself is held back and released, in arrival order, when the
 *    handler's `committed` promise resolves; reading goes on meanwhile. A crash before the commit
 *    means no PUBACK, and the broker redelivers on reconnect (duplicates are harmless downstream).
 *  - Backpressure: the handler resolves only once the message is admitted to the write buffer, and
 *    until then mqtt.js reads nothing more, so the broker's in-flight window (Receive Maximum) fills
 *    and it stops sending. Nothing is dropped.
 *  - Payloads reach handlers untouched (Nest's deserializer would read a device's `id`, `data` or
 *    `pattern` keys as its own envelope).
 *  - With MQTT 5 and a share group, handlers subscribe as `$share/<group>/<filter>`, so instances split
 *    the stream.
 */
export class TelemetryMqttServer extends TelemetryTopicServer {
  /** PUBACKs waiting for their message's commit, by packet id. */
  private readonly held = new Map<number, Promise<void>>();

  constructor(private readonly settings: TelemetryMqttServerOptions) {
    super(settings.url, 'TelemetryMqttServer');
  }

  override createMqttClient(): NestMqttClient {
    const v5 = this.settings.protocolVersion === 5;
    const options: IClientOptions = {
      clientId: this.settings.clientId,
      username: this.settings.username,
      password: this.settings.password,
      protocolVersion: this.settings.protocolVersion,
      // Persistent session: unacknowledged messages wait at the broker while we are away.
      clean: false,
      reconnectPeriod: 1000,
      properties: v5
        ? {
            sessionExpiryInterval: this.settings.sessionExpirySeconds ?? 86_400,
            receiveMaximum: this.settings.receiveMaximum ?? 4000,
          }
        : undefined,
      // mqtt.js calls its debug logger several times per packet, costing a few per cent of ingestion's
      // CPU even when disabled; it is kept only when DEBUG asks for debug output.
      log: process.env['DEBUG'] ? undefined : ignoreLog,
      customHandleAcks: (topic, message, packet, ack) => {
        void this.onPublish(topic, message, packet, ack);
      },
    };
    const client = connect(this.settings.url, options);
    this.holdPubacks(client);
    return client as unknown as NestMqttClient;
  }

  override bindEvents(mqttClient: NestMqttClient): void {
    const client = mqttClient as unknown as MqttJsClient;
    const v5 = this.settings.protocolVersion === 5;
    client.on('message', (topic, payload, packet) => {
      // MQTT 5: QoS 1/2 already went through customHandleAcks. MQTT 3.1.1 (mqtt.js offers no ack hook):
      // this event fires just before mqtt.js sends the PUBACK, so the PUBACK is held here, synchronously,
      // and released when the message commits; reading is not paused, so only the MQTT 5 path has
      // broker-side backpressure.
      if (v5 && packet.qos > 0) return;
      const id = (packet as { messageId?: number }).messageId;
      let release: () => void = () => undefined;
      if (packet.qos > 0 && id !== undefined)
        this.held.set(id, new Promise<void>((resolve) => (release = resolve)));
      this.dispatch(topic, payload, packet).then(
        ({ committed }) => committed.then(release),
        (error: unknown) => this.logFailure(topic, error),
      );
    });
    const subscribe = () => {
      const filters: ISubscriptionMap = {};
      // rh 1: retained messages only for a subscription the broker did not have (MQTT 5).
      for (const pattern of this.messageHandlers.keys())
        filters[this.subscriptionFor(pattern)] = { qos: 1, rh: 1 };
      // `resubscribe`: mqtt.js would otherwise skip filters it believes the session still holds.
      client.subscribe(Object.assign(filters, { resubscribe: true }));
    };
    subscribe();
    // A resumed session should keep its subscriptions, but a broker restarted from its persistence
    // file may not have them all: Mosquitto 2.0 saves plain subscriptions only, so a shared one is
    // gone and the stream would stop for good (found by the broker-restart fault drill). mqtt.js
    // re-subscribes only when the session was not resumed; subscribing again is harmless.
    client.on('connect', (connack) => {
      if (connack.sessionPresent) subscribe();
    });
  }

  subscriptionFor(pattern: string): string {
    const shared =
      this.settings.protocolVersion === 5 &&
      this.settings.shareGroup !== '' &&
      !pattern.startsWith('$share/') &&
      !(this.settings.unsharedPatterns ?? []).includes(pattern);
    return shared ? `$share/${this.settings.shareGroup}/${pattern}` : pattern;
  }

  private async onPublish(
    topic: string,
    payload: Buffer,
    packet: Packet,
    ack: (error: Error | number, code?: number) => void,
  ): Promise<void> {
    let committed: Promise<void> = Promise.resolve();
    try {
      ({ committed } = await this.dispatch(topic, payload, packet));
    } catch (error) {
      // A handler must not throw for bad input; if it does, the message is not acknowledged as stored.
      this.logFailure(topic, error);
      committed = new Promise<void>(() => undefined);
    }
    const id = (packet as { messageId?: number }).messageId;
    if (id !== undefined) this.held.set(id, committed);
    ack(0);
  }

  /** Intercepts outgoing PUBACKs whose message is not committed yet and sends them after the commit. */
  private holdPubacks(client: MqttJsClient): void {
    const internals = client as unknown as { _sendPacket: SendPacket; stream: unknown };
    const send = internals._sendPacket.bind(client) as SendPacket;
    internals._sendPacket = (packet, cb, ...rest) => {
      const id = (packet as { messageId?: number }).messageId;
      const committed = packet.cmd === 'puback' && id !== undefined ? this.held.get(id) : undefined;
      if (!committed) return send(packet, cb, ...rest);
      this.held.delete(id!);
      const stream = internals.stream;
      cb?.(); // mqtt.js may read the next packet now
      committed.then(
        () => {
          // After a reconnect the broker redelivers instead; a PUBACK on the new connection would be wrong.
          if (internals.stream === stream && client.connected) send(packet);
        },
        () => undefined,
      );
    };
  }
}
