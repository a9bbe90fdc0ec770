import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { connect, MqttClient } from 'mqtt';
import { rebirthRequestPayload } from './payload';
import { SPARKPLUG_SETTINGS, SparkplugBroker, SparkplugSettings } from './sparkplug-settings';
import { nodeCommandTopic } from './topic';

/**
 * Publishes the host's commands to edge nodes: the Rebirth request (NCMD "Node Control/Rebirth" = true).
 * A small client of its own, on the consumer's account (the consumer's session holds PUBACKs back until
 * commits, so it does not publish), connected on first use and reconnecting by itself.
 */
@Injectable()
export class SparkplugCommands implements OnApplicationShutdown {
  private readonly logger = new Logger('SparkplugCommands');
  private client: MqttClient | null = null;
  private broker: SparkplugBroker | undefined;

  constructor(@Inject(SPARKPLUG_SETTINGS) settings: SparkplugSettings) {
    this.broker = settings.mqtt;
  }

  /** The broker and account to publish with, once the app knows them (the embedded broker starts late). */
  useBroker(broker: SparkplugBroker): void {
    this.broker = broker;
  }

  /** Sends the request (QoS 0, as Sparkplug commands go); resolves when handed to the connection. */
  async requestRebirth(groupId: string, edgeNodeId: string): Promise<void> {
    this.client ??= this.connect();
    await this.client.publishAsync(nodeCommandTopic(groupId, edgeNodeId), rebirthRequestPayload(Date.now()), {
      qos: 0,
    });
    this.logger.log(`rebirth requested from ${groupId}/${edgeNodeId}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.endAsync();
  }

  private connect(): MqttClient {
    if (!this.broker)
      throw new Error('no broker to publish Sparkplug commands to (useBroker was not called)');
    const { url, clientId, username, password } = this.broker;
    const client = connect(url, {
      clientId: `${clientId}-spb-cmd`,
      username,
      password,
      clean: true,
      reconnectPeriod: 1000,
    });
    client.on('error', (error) => this.logger.warn(`command client: ${error.message}`));
    return client;
  }
}
