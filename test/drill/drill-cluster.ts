// The whole platform as a cluster on this machine, from the engines it is built on: NATS JetStream (3
// nodes, each on a host of its own so that one can be partitioned away), PostgreSQL under Patroni and
// etcd (3 + 3, synchronous replication), Redis with Sentinel (primary, replica, 3 sentinels), HAProxy in
// front of the database primary, the api replicas and the MQTT edges, and two replicas of each app.
import { issueDeviceCredentials } from '@hp/device-identity';
import { openDatabase, runMigrations } from '@hp/storage';
import {
  EtcdCluster,
  NatsCluster,
  NetworkHosts,
  patroniHaproxyConfig,
  PatroniCluster,
  PrivateHaproxy,
  RedisSentinelCluster,
} from '@hp/testing';
import { seedBenchStations, seedCodAlerting } from '../bench/bench-support';
import { PlatformProcess } from '../src/support/platform-process';
import { DrillDevice } from './drill-fleet';

export type DrillApp = 'mqtt-edge' | 'ingestion' | 'api' | 'worker';
export const DRILL_APPS: readonly DrillApp[] = ['mqtt-edge', 'ingestion', 'api', 'worker'];

/** The drill's own ports (the etcd, Patroni, HAProxy and Redis nodes); apps take free ones. */
const PORTS = { etcd: 29_000, patroni: 29_100, haproxy: 29_200, redis: 29_300 };
const HAPROXY = {
  primary: PORTS.haproxy,
  replicas: PORTS.haproxy + 1,
  api: PORTS.haproxy + 2,
  mqtt: PORTS.haproxy + 3,
  stats: PORTS.haproxy + 4,
};
export const DRILL_PARK = 'DRL';
export const ALERT_RULE = 'DRILL-COD';

export class DrillCluster {
  readonly apps = new Map<DrillApp, PlatformProcess[]>();
  devices: DrillDevice[] = [];
  stationIds: number[] = [];

  private constructor(
    readonly hosts: NetworkHosts,
    readonly nats: NatsCluster,
    readonly etcd: EtcdCluster,
    readonly database: PatroniCluster,
    readonly redis: RedisSentinelCluster,
    readonly haproxy: PrivateHaproxy,
  ) {}

  /** URL of the database primary, through HAProxy (what every app is given). */
  get databaseUrl(): string {
    return `postgres://postgres@127.0.0.1:${HAPROXY.primary}/postgres`;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${HAPROXY.api}`;
  }

  get mqttUrl(): string {
    return `mqtt://127.0.0.1:${HAPROXY.mqtt}`;
  }

  /**
   * Starts the engines, migrates and seeds (`stations` outlet stations with an analyzer each, a COD
   * threshold rule notifying `webhookUrl`), then two replicas of each app.
   */
  static async start(options: {
    stations: number;
    webhookUrl: string;
    log: (line: string) => void;
  }): Promise<DrillCluster> {
    const { log } = options;
    const hosts = NetworkHosts.create(3);
    const started: { dispose(): unknown }[] = [{ dispose: () => hosts.dispose() }];
    try {
      const t0 = Date.now();
      const etcd = await EtcdCluster.create({ basePort: PORTS.etcd });
      started.push(etcd);
      await etcd.start();
      const [nats, database] = await Promise.all([
        NatsCluster.start({ hosts }),
        PatroniCluster.create({ etcdHosts: etcd.hosts, basePort: PORTS.patroni }).then(async (cluster) => {
          started.push(cluster);
          await cluster.start();
          return cluster;
        }),
      ]);
      started.push(nats);
      const redis = await RedisSentinelCluster.start({ basePort: PORTS.redis, downAfterMs: 1000 });
      started.push(redis);
      const routes = patroniHaproxyConfig(database.nodes, {
        primaryPort: HAPROXY.primary,
        replicasPort: HAPROXY.replicas,
        statsPort: HAPROXY.stats,
      });
      const cluster = new DrillCluster(hosts, nats, etcd, database, redis, null as unknown as PrivateHaproxy);
      log(`engines up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await cluster.seed(options.stations, options.webhookUrl);
      const env = cluster.appEnvironment();
      for (const app of DRILL_APPS)
        cluster.apps.set(app, await Promise.all([1, 2].map(() => PlatformProcess.create(app, env, 180_000))));
      for (const replicas of cluster.apps.values()) started.push(...replicas);
      const haproxy = await PrivateHaproxy.create({
        statsPort: HAPROXY.stats,
        frontends: [
          ...routes.frontends,
          { name: 'api', mode: 'http', port: HAPROXY.api, backend: 'api' },
          { name: 'mqtt', mode: 'tcp', port: HAPROXY.mqtt, backend: 'mqtt' },
        ],
        backends: [
          ...routes.backends,
          {
            name: 'api',
            mode: 'http',
            servers: cluster.apps.get('api')!.map((p, i) => ({ name: `api${i + 1}`, port: p.port })),
            httpCheck: { path: '/api/health' },
          },
          {
            name: 'mqtt',
            mode: 'tcp',
            servers: cluster.apps.get('mqtt-edge')!.map((p, i) => ({ name: `edge${i + 1}`, port: p.port })),
            balance: 'leastconn',
          },
        ],
      });
      started.push(haproxy);
      (cluster as { haproxy: PrivateHaproxy }).haproxy = haproxy;
      // The database route first: the apps connect through it.
      await haproxy.start();
      // Started one kind after another: eight TypeScript processes compiling at once on two cores is slower.
      for (const app of DRILL_APPS) await Promise.all(cluster.apps.get(app)!.map((p) => p.start()));
      log(`apps up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return cluster;
    } catch (error) {
      for (const item of started.reverse()) await Promise.resolve(item.dispose()).catch(() => undefined);
      throw error;
    }
  }

  /** What every app replica is configured with. */
  private appEnvironment(): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      DATABASE_POOL_SIZE: '4',
      NATS_SERVERS: this.nats.servers.join(','),
      NATS_STREAM_MAX_BYTES: String(512 * 1024 ** 2),
      REDIS_SENTINELS: this.redis.sentinelsVariable,
      REDIS_SENTINEL_NAME: this.redis.name,
      QUEUE_DRIVER: 'bullmq',
      // PlatformProcess's levels (the worker's readiness is a log line) unless DRILL_LOG_LEVEL says.
      ...(process.env['DRILL_LOG_LEVEL'] ? { LOG_LEVEL: process.env['DRILL_LOG_LEVEL'] } : {}),
      SEED_ON_BOOT: 'false',
      AUTH_JWT_SECRET: 'drill-secret-drill-secret-drill-secret',
      ALERT_WEBHOOK_SECRET: 'drill-webhook-secret',
    };
  }

  /** Schema, stations with an analyzer each (a credential the edges check), permits and the alert rule. */
  private async seed(stations: number, webhookUrl: string): Promise<void> {
    const url = (await this.database.primary()).url;
    const db = await openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 2 });
    try {
      await runMigrations(db);
      const { codes, ids } = await seedBenchStations(url, DRILL_PARK, stations, 'D');
      this.stationIds = ids;
      for (const code of codes) {
        const issued = await issueDeviceCredentials(db, {
          code: `AN-${code}`,
          kind: 'analyzer',
          station: code,
          park: undefined,
        });
        this.devices.push({
          code: issued.code,
          password: issued.password,
          parkCode: DRILL_PARK,
          stationCode: code,
        });
      }
      await seedCodAlerting(url, { park: DRILL_PARK, stationIds: ids, ruleCode: ALERT_RULE, webhookUrl });
    } finally {
      await db.close();
    }
  }

  replica(app: DrillApp, index: number): PlatformProcess {
    return this.apps.get(app)![index]!;
  }

  async dispose(): Promise<void> {
    await this.haproxy?.dispose();
    for (const replicas of this.apps.values()) await Promise.all(replicas.map((p) => p.dispose()));
    await this.redis.dispose();
    await this.nats.dispose();
    await this.database.dispose();
    await this.etcd.dispose();
    this.hosts.dispose();
  }
}
