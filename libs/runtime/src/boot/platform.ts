import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EmbeddedBroker } from '@hp/broker';
import { PlatformConfig, redact } from '@hp/config';
import { localDayOf } from '@hp/contracts';
import { Circular10FtpIntake } from '@hp/circular10';
import { seedDemoPermits } from '@hp/compliance';
import { demoStationProfiles, FleetHandle, startFleet } from '@hp/simulators';
import { DATABASE, Database } from '@hp/storage';
import { JOB_QUEUE, JobQueue } from '@hp/queue';
import { DATA_QUALITY_EVALUATE_JOB } from '@hp/data-quality';
import { RegistryReader, RegistrySeeder } from '@hp/registry';
import { DEMO_USERS, seedDemoUsers, UserAccounts } from '@hp/accounts';
import { AlertConfiguration, AlertsReader, MailCatcher, seedDefaultAlertRules } from '@hp/alerting';
import { seedWasteCodes } from '@hp/waste';
import { PlatformAppModule } from '../app-modules';
import { configureHttp, consoleSettings } from '../http/http-app';
import { connectTelemetry } from './bootstrap';
import { BrokerAccounts, MqttAccount, startAuthenticatedBroker } from './authenticated-broker';
import { nestLogLevels } from './log-levels';
import { startWasteSimulation } from './waste-simulation';
import { DemoStation, writeDemoHistory } from './demo-history';

export interface PlatformHandle {
  readonly app: INestApplication;
  readonly httpUrl: string;
  readonly mqttUrl: string;
  readonly fleet: FleetHandle | null;
  /** The demo's mail catcher (ALERT_MAIL_CATCHER), or null. */
  readonly mailCatcher: MailCatcher | null;
  close(): Promise<void>;
}

/**
 * Everything in one process: the embedded broker (unless MQTT_URL), API, ingestion and worker over one
 * database (embedded TimescaleDB unless DATABASE_URL), the seed, and the station simulators.
 */
export async function bootstrapPlatform(configured: PlatformConfig): Promise<PlatformHandle> {
  const logger = new Logger('platform');
  let broker: EmbeddedBroker | null = null;
  let app: INestApplication | null = null;
  let fleet: FleetHandle | null = null;
  let mailCatcher: MailCatcher | null = null;
  let config = configured;
  const close = async () => {
    await fleet?.stop();
    await app?.close();
    await broker?.close();
    await mailCatcher?.close();
  };
  try {
    if (config.demo.mailCatcher) {
      // The demo's e-mail goes somewhere it can be read: an SMTP server in this process.
      mailCatcher = await MailCatcher.start();
      config = { ...config, alerts: { ...config.alerts, smtpUrl: mailCatcher.url } };
    }
    app = await NestFactory.create(PlatformAppModule.forRoot(config, { mailCatcher }), {
      logger: nestLogLevels(config.logLevel),
    });
    configureHttp(app, { console: consoleSettings(config) });
    await app.init(); // migrations run here
    if (config.seed.onBoot) {
      const counts = await app.get(RegistrySeeder).seed();
      logger.log(`registry seeded: ${JSON.stringify(counts)}`);
      logger.log(`waste codes added: ${await seedWasteCodes(app.get<Database>(DATABASE))}`);
      logger.log(`default alert rules added: ${await seedDefaultAlertRules(app.get<Database>(DATABASE))}`);
      // Demo accounts only on embedded defaults (a demo), never on a configured database.
      if (!config.storage.databaseUrl) {
        const added = await seedDemoUsers(app.get<Database>(DATABASE), 'VSIP-HP');
        if (added > 0)
          logger.log(
            `demo accounts added: ${DEMO_USERS.map((u) => `${u.username} / ${u.password}`).join(', ')}`,
          );
        // Demo permits too, so the simulated stations are judged (a station with any permit is left alone).
        const permits = await seedDemoPermits(app.get<Database>(DATABASE));
        if (permits.length > 0) logger.log(`demo permits added (QCVN 40:2011 B): ${permits.join(', ')}`);
        const recipient = await seedDemoRecipient(app);
        if (recipient) logger.log(`demo alert recipient added: ${recipient}`);
      }
    }
    let demoStations: DemoStation[] = [];
    let liveFrom = Date.now() - config.simulator.backfillHours * 3600_000;
    if (config.simulator.enabled) {
      demoStations = await simulatedStations(app, config);
      if (config.simulator.historyDays > 0 && demoStations.length > 0) {
        // The past first, straight to the database; the live simulators then start at its end (now).
        const history = await writeDemoHistory(app, demoStations, {
          days: config.simulator.historyDays,
          seed: config.simulator.seed,
        });
        liveFrom = history.until.getTime();
        // Its data quality is judged from now on, in batches in the background (not after the schedule's
        // first interval), while the API answers.
        if (history.readings > 0)
          await app
            .get<JobQueue>(JOB_QUEUE)
            .add(DATA_QUALITY_EVALUATE_JOB, { requestedAt: new Date().toISOString() });
      }
    }
    let accounts: BrokerAccounts;
    if (config.mqtt.url) {
      // An external broker: its password file and ACL hold MQTT_USERNAME and MQTT_SIMULATOR_USERNAME (mqtt:credentials).
      const account = { username: config.mqtt.username, password: config.mqtt.password };
      // The simulators never share the consumer's account (config refuses it on an authenticated broker).
      const simulator = { username: config.simulator.mqttUsername, password: config.simulator.mqttPassword };
      accounts = { consumer: account, simulator };
    } else {
      ({ broker, accounts } = await startAuthenticatedBroker(app, config));
    }
    const mqttUrl = config.mqtt.url ?? `mqtt://${connectHost(config.mqtt.embeddedHost)}:${broker!.port}`;
    const mqttConfig = { ...config, mqtt: { ...config.mqtt, ...accounts.consumer } };
    connectTelemetry(app, mqttConfig, mqttUrl);
    await app.startAllMicroservices();
    await app.listen(config.http.port, config.http.host);
    let wasteLots = 0;
    if (config.simulator.enabled) {
      fleet = startSimulators(config, demoStations, liveFrom, mqttUrl, accounts.simulator);
      wasteLots = await startWasteSimulation(app, config, mqttUrl, accounts.simulator);
    }
    const httpUrl = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
    logger.log(
      [
        'ready',
        `  console      ${httpUrl}/console/   (demo sign-in: officer / officer-demo-2030; also admin, manager, operator: README)`,
        `  dashboard    ${httpUrl}/   (the previous dashboard and the public disclosure)`,
        `  API          ${httpUrl}/api   (parks: ${httpUrl}/api/parks)`,
        `  OpenAPI      ${httpUrl}/api/docs`,
        `  readings     ${httpUrl}/api/stations/1/readings`,
        `  MQTT         ${redact(mqttUrl)}${broker ? ' (embedded)' : ''}`,
        `  simulators   ${fleet ? `running (and ${wasteLots} hazardous-waste lots)` : 'off'}`,
        `  waste KPI    ${httpUrl}/api/waste/kpi?period=year`,
        `  notifications ${httpUrl}/api/notifications${mailCatcher ? `   (demo e-mail: ${httpUrl}/api/dev/mailbox, admin)` : ''}`,
        `  station files ${ftpIntake(app)}`,
      ].join('\n'),
    );
    return { app, httpUrl, mqttUrl, fleet, mailCatcher, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The simulated stations (SIMULATOR_STATIONS of the active ones), each with its demo profile. */
async function simulatedStations(app: INestApplication, config: PlatformConfig): Promise<DemoStation[]> {
  const [refs, plants] = await Promise.all([
    app.get(RegistryReader).stations.listRefs(),
    app.get(RegistryReader).plants.list(),
  ]);
  const capacity = new Map(plants.map((p) => [p.code, p.designCapacityM3PerDay]));
  const permits = app.get(RegistryReader).permits;
  const today = localDayOf(new Date());
  const active = refs
    .filter((r) => r.active)
    .slice(0, config.simulator.stations > 0 ? config.simulator.stations : undefined);
  const profiles = new Map(
    demoStationProfiles(
      active.map((r) => r.code),
      config.simulator.seed,
    ).map((p) => [p.stationCode, p]),
  );
  return Promise.all(
    active.map(async (r) => ({
      id: r.id,
      parkCode: r.parkCode,
      stationCode: r.code,
      // A plant of unknown capacity discharges within its permitted flow, so its measured flow stays in
      // the Kf band its permit's limits assume.
      designCapacityM3PerDay:
        capacity.get(r.plantCode) ??
        (await permits.findEffective(r.id, today))?.permittedFlowM3PerDay ??
        null,
      profile: profiles.get(r.code)!,
    })),
  );
}

function startSimulators(
  config: PlatformConfig,
  stations: readonly DemoStation[],
  startTime: number,
  mqttUrl: string,
  account: MqttAccount,
): FleetHandle {
  const logger = new Logger('simulators');
  const behind = Math.max(0, Date.now() - startTime);
  logger.log(
    behind > 60_000
      ? `${stations.length} station(s), replaying ${(behind / 3_600_000).toFixed(1)} h at ${config.simulator.speed}x, then real time`
      : `${stations.length} station(s), live from now`,
  );
  return startFleet({
    mqttUrl,
    stations: stations.map((s) => ({
      parkCode: s.parkCode,
      stationCode: s.stationCode,
      designCapacityM3PerDay: s.designCapacityM3PerDay,
      faults: s.profile.faults,
    })),
    seed: config.simulator.seed,
    intervalMs: config.simulator.intervalMs,
    speed: config.simulator.speed,
    startTime,
    capAtWallClock: true,
    protocolVersion: config.mqtt.protocolVersion,
    username: account.username,
    password: account.password,
    logger,
  });
}

/**
 * The demo's alert recipient: the demo officer, told of every warning and critical alert (exceedances among
 * them) in the notification centre and by e-mail (to the mail catcher). Added once.
 */
async function seedDemoRecipient(app: INestApplication): Promise<string | null> {
  const name = 'Demo: officer (exceedances)';
  if ((await app.get(AlertsReader).recipients.list()).some((r) => r.name === name)) return null;
  const officer = await new UserAccounts(app.get<Database>(DATABASE)).findByUsername('officer');
  if (!officer) return null;
  await app.get(AlertConfiguration).addRecipient(
    {
      name,
      role: 'officer',
      level: 0,
      minSeverity: 'warning',
      email: 'officer@demo.hp-envmon.local',
      userId: officer.id,
    },
    'seed:demo',
  );
  return `${name} <officer@demo.hp-envmon.local>, in-app for user officer`;
}

/** Where this process reaches its own embedded broker: a wildcard address is reached on loopback. */
function connectHost(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '::' || listenHost === '') return '127.0.0.1';
  return listenHost.includes(':') ? `[${listenHost}]` : listenHost;
}

/** Where station data loggers upload Circular 10/2021 files (CIRCULAR10_FTP_PORT), or that it is off. */
function ftpIntake(app: INestApplication): string {
  const port = app.get(Circular10FtpIntake).port;
  return port === null
    ? 'FTP intake off (set CIRCULAR10_FTP_PORT, e.g. 2121)'
    : `ftp://localhost:${port} (Circular 10/2021, device sign-in)`;
}
