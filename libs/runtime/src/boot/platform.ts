import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EmbeddedBroker, startEmbeddedBroker } from '@hp/broker';
import { PlatformConfig, redact } from '@hp/config';
import { RegistrySeeder } from '@hp/registry';
import { FleetHandle, startFleet } from '@hp/simulators';
import { StationsRepository, TreatmentPlantsRepository } from '@hp/storage';
import { PlatformAppModule } from '../app-modules';
import { configureHttp } from '../http/http-app';
import { telemetryServer } from './bootstrap';
import { nestLogLevels } from './log-levels';

export interface PlatformHandle {
  readonly app: INestApplication;
  readonly httpUrl: string;
  readonly mqttUrl: string;
  readonly fleet: FleetHandle | null;
  close(): Promise<void>;
}

/**
 * Everything in one process: the embedded broker (unless MQTT_URL), API, ingestion and worker over one
 * database (embedded TimescaleDB unless DATABASE_URL), the seed, and the station simulators.
 */
export async function bootstrapPlatform(config: PlatformConfig): Promise<PlatformHandle> {
  const logger = new Logger('platform');
  let broker: EmbeddedBroker | null = null;
  let app: INestApplication | null = null;
  let fleet: FleetHandle | null = null;
  const close = async () => {
    await fleet?.stop();
    await app?.close();
    await broker?.close();
  };
  try {
    if (!config.mqtt.url)
      broker = await startEmbeddedBroker({ port: config.mqtt.embeddedPort, host: '0.0.0.0' });
    const mqttUrl = config.mqtt.url ?? `mqtt://127.0.0.1:${broker!.port}`;
    app = await NestFactory.create(PlatformAppModule.forRoot(config), {
      logger: nestLogLevels(config.logLevel),
    });
    configureHttp(app);
    app.connectMicroservice({ strategy: telemetryServer(config, mqttUrl) }, { inheritAppConfig: true });
    await app.init();
    if (config.seed.onBoot) {
      const counts = await app.get(RegistrySeeder).seed();
      logger.log(`registry seeded: ${JSON.stringify(counts)}`);
    }
    await app.startAllMicroservices();
    await app.listen(config.http.port, config.http.host);
    if (config.simulator.enabled) fleet = await startSimulators(app, config, mqttUrl);
    const httpUrl = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
    logger.log(
      [
        'ready',
        `  API          ${httpUrl}/api   (parks: ${httpUrl}/api/parks)`,
        `  OpenAPI      ${httpUrl}/api/docs`,
        `  readings     ${httpUrl}/api/stations/1/readings`,
        `  MQTT         ${redact(mqttUrl)}${broker ? ' (embedded)' : ''}`,
        `  simulators   ${fleet ? 'running' : 'off'}`,
      ].join('\n'),
    );
    return { app, httpUrl, mqttUrl, fleet, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startSimulators(
  app: INestApplication,
  config: PlatformConfig,
  mqttUrl: string,
): Promise<FleetHandle> {
  const [refs, plants] = await Promise.all([
    app.get(StationsRepository).listRefs(),
    app.get(TreatmentPlantsRepository).list(),
  ]);
  const capacity = new Map(plants.map((p) => [p.code, p.designCapacityM3PerDay]));
  const stations = refs
    .filter((r) => r.active)
    .slice(0, config.simulator.stations > 0 ? config.simulator.stations : undefined)
    .map((r) => ({
      parkCode: r.parkCode,
      stationCode: r.code,
      designCapacityM3PerDay: capacity.get(r.plantCode) ?? null,
    }));
  const logger = new Logger('simulators');
  logger.log(
    `${stations.length} station(s), replaying ${config.simulator.backfillHours} h at ${config.simulator.speed}x, then real time`,
  );
  return startFleet({
    mqttUrl,
    stations,
    seed: config.simulator.seed,
    intervalMs: config.simulator.intervalMs,
    speed: config.simulator.speed,
    startTime: Date.now() - config.simulator.backfillHours * 3600_000,
    capAtWallClock: true,
    protocolVersion: config.mqtt.protocolVersion,
    username: config.mqtt.username,
    password: config.mqtt.password,
    logger,
  });
}
