import { INestApplication, INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { assertQueueForProcess, PlatformConfig, redact } from '@hp/config';
import { TelemetryMqttServer } from '@hp/ingestion';
import { SPARKPLUG_FILTER, SparkplugCommands } from '@hp/sparkplug';
import { ApiAppModule, IngestionAppModule, WorkerAppModule } from '../app-modules';
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

/** The MQTT consumer, with a small HTTP side for /metrics (Prometheus) on HTTP_PORT. */
export async function bootstrapIngestion(config: PlatformConfig): Promise<INestApplication> {
  if (!config.mqtt.url) {
    throw new Error(
      'MQTT_URL is required by the ingestion app (the embedded broker runs only inside the platform app)',
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

export async function bootstrapWorker(config: PlatformConfig): Promise<INestApplicationContext> {
  assertQueueForProcess(config, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
  });
  await app.init();
  new Logger('worker').log('processing jobs');
  return app;
}
