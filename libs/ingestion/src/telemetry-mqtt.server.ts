import { ServerMqtt } from '@nestjs/microservices';

/** The client type ServerMqtt hands to bindEvents (Nest does not export it by name). */
type MqttClient = Parameters<ServerMqtt['bindEvents']>[0];

export interface TelemetryMqttServerOptions {
  readonly url: string;
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  readonly protocolVersion: 4 | 5;
  /** MQTT 5 shared-subscription group; ignored on MQTT 3.1.1 (the embedded broker). */
  readonly shareGroup: string;
}

/**
 * Nest's MQTT transport with two changes for device traffic:
 *  - payloads reach handlers untouched: Nest's default deserializer would treat a device's `id`,
 *    `data` or `pattern` keys as its own envelope (and answer an `id` on a reply topic);
 *  - with MQTT 5 and a share group, handlers subscribe as `$share/<group>/<filter>`, so
 *    several ingestion instances split the stream instead of each storing all of it.
 */
export class TelemetryMqttServer extends ServerMqtt {
  constructor(private readonly settings: TelemetryMqttServerOptions) {
    super({
      url: settings.url,
      clientId: settings.clientId,
      username: settings.username,
      password: settings.password,
      protocolVersion: settings.protocolVersion,
      clean: true,
      reconnectPeriod: 1000,
      subscribeOptions: { qos: 1 },
      deserializer: {
        deserialize: (value: unknown, options?: { channel?: string }) => ({
          pattern: options?.channel ?? '',
          data: value,
        }),
      },
    });
  }

  override bindEvents(mqttClient: MqttClient): void {
    mqttClient.on('message', this.getMessageHandler(mqttClient).bind(this));
    for (const pattern of this.messageHandlers.keys()) {
      mqttClient.subscribe(this.subscriptionFor(pattern), { qos: 1 });
    }
  }

  subscriptionFor(pattern: string): string {
    const shared =
      this.settings.protocolVersion === 5 &&
      this.settings.shareGroup !== '' &&
      !pattern.startsWith('$share/');
    return shared ? `$share/${this.settings.shareGroup}/${pattern}` : pattern;
  }
}
