import { INestApplication, INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { assertQueueForProcess, PlatformConfig, redact } from '@hp/config';
import { connectTelemetryStream, declareTelemetryStream, storeDeviceMessage } from '@hp/broker';
import { TelemetryJetStreamServer, TelemetryMqttServer } from '@hp/ingestion';
import { SPARKPLUG_FILTER, SparkplugCommands } from '@hp/sparkplug';
import { ApiAppModule, IngestionAppModule, MqttEdgeAppModule, WorkerAppModule } from '../app-modules';
import { startAuthenticatedBroker } from './authenticated-broker';
import { configureHttp, consoleSettings } from '../http/http-app';
import { nestLogLevels } from './log-levels';

export function telemetryServer(config: PlatformConfig, brokerUrl: string): TelemetryMqttServer {
  return new TelemetryMqttServer({
    url: brokerUrl,
    clientId: config.mqtt.clientId,
    username: config.mqtt.username,
    password: config.mqtt.password,
    protocolVersion: config.mqtt.protocolVersion,
    shareGroup: config.mqtt.shareGroup,
    sessionExpirySeconds: config.mqtt.sessionExpirySeconds,
    receiveMaximum: config.mqtt.receiveMaximum,
    // A Sparkplug host must see every message of an edge node, in order: never split between instances.
    unsharedPatterns: [SPARKPLUG_FILTER],
  });
}

/** Attaches the MQTT consumer to the app, and gives the Sparkplug B host (if enabled) its broker for commands. */
export function connectTelemetry(app: INestApplication, config: PlatformConfig, brokerUrl: string): void {
  app.connectMicroservice({ strategy: telemetryServer(config, brokerUrl) }, { inheritAppConfig: true });
  if (config.sparkplug.enabled)
    app.get(SparkplugCommands, { strict: false }).useBroker({
      url: brokerUrl,
      clientId: config.mqtt.clientId,
      // On an external broker the command client logs in as `<MQTT_USERNAME>-spb-cmd` (written by
      // `npm run mqtt:credentials`, same password): where the username is the client id (the shipped
      // Mosquitto) it would otherwise replace the consumer's session. The embedded broker lets the
      // consumer's account use `<MQTT_CLIENT_ID>-spb-cmd`.
      username:
        config.mqtt.url && config.mqtt.username ? `${config.mqtt.username}-spb-cmd` : config.mqtt.username,
      password: config.mqtt.password,
    });
}

export async function bootstrapApi(config: PlatformConfig): Promise<INestApplication> {
  assertQueueForProcess(config, 'api');
  const app = await NestFactory.create(ApiAppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
  });
  configureHttp(app, { console: consoleSettings(config) });
  await app.listen(config.http.port, config.http.host);
  new Logger('api').log(`API on ${await app.getUrl()}/api (OpenAPI: /api/docs)`);
  return app;
}

/**
 * The telemetry consumer, with a small HTTP side for /metrics (Prometheus) on HTTP_PORT: of the broker
 * cluster's stream when NATS_SERVERS is set, else of the MQTT broker at MQTT_URL.
 */
export async function bootstrapIngestion(config: PlatformConfig): Promise<INestApplication> {
  if (config.nats.servers.length > 0) return bootstrapStreamIngestion(config);
  if (!config.mqtt.url) {
    throw new Error(
      'MQTT_URL or NATS_SERVERS is required by the ingestion app (the embedded broker runs only inside the platform app)',
    );
  }
  const app = await NestFactory.create(IngestionAppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
  });
  configureHttp(app, { openApi: false });
  connectTelemetry(app, config, config.mqtt.url);
  await app.startAllMicroservices();
  await app.listen(config.http.port, config.http.host);
  new Logger('ingestion').log(
    `consuming telemetry from ${redact(config.mqtt.url)}; metrics on ${await app.getUrl()}/metrics`,
  );
  return app;
}

async function bootstrapStreamIngestion(config: PlatformConfig): Promise<INestApplication> {
  const app = await NestFactory.create(IngestionAppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
  });
  configureHttp(app, { openApi: false });
  const server = new TelemetryJetStreamServer({
    // config.nats is the stream contract itself (TelemetryStreamSettings).
    stream: config.nats,
    // What may wait for commits across all replicas: each buffers up to INGEST_MAX_BUFFERED_READINGS.
    maxAckPending: 20_000,
  });
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.http.port, config.http.host);
  new Logger('ingestion').log(
    `consuming stream ${config.nats.stream} of the broker cluster; metrics on ${await app.getUrl()}/metrics`,
  );
  return app;
}

/**
 * An MQTT edge of the broker cluster (apps/mqtt-edge): the devices' MQTT listener on
 * MQTT_EMBEDDED_HOST:MQTT_EMBEDDED_PORT, stateless, any number behind a TCP load balancer.
 */
export async function bootstrapMqttEdge(config: PlatformConfig): Promise<{ close(): Promise<void> }> {
  if (config.nats.servers.length === 0) throw new Error('NATS_SERVERS is required by the mqtt-edge app');
  const app = await NestFactory.createApplicationContext(MqttEdgeAppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
  });
  await app.init();
  const settings = config.nats;
  const nc = await connectTelemetryStream(settings, 'hp-mqtt-edge');
  await declareTelemetryStream(nc, settings);
  const js = nc.jetstream();
  const log = new Logger('mqtt-edge');
  const { broker } = await startAuthenticatedBroker(app, config, {
    storeBeforeAck: async (message) => {
      const stored = await storeDeviceMessage(js, message, EDGE_STORE_TIMEOUT_MS);
      // A device's resend (its PUBACK was lost): worth a line, it tells of a fault between device and stream.
      if (stored.duplicate)
        log.log(
          `resend of ${message.clientId}'s message on ${message.topic} already stored as #${stored.seq}`,
        );
    },
  });
  log.log(`devices' MQTT on ${broker.url}, stored in stream ${settings.stream}`);
  return {
    close: async () => {
      await broker.close();
      await nc.drain().catch(() => nc.close());
      await app.close();
    },
  };
}

/** A message the cluster has not stored within this is refused (connection closed; the device resends). */
const EDGE_STORE_TIMEOUT_MS = 10_000;

export async function bootstrapWorker(config: PlatformConfig): Promise<INestApplicationContext> {
  assertQueueForProcess(config, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
  });
  await app.init();
  new Logger('worker').log('processing jobs');
  return app;
}
