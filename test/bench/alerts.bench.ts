// npm run bench:alerts — exceedance-to-notification latency under ingestion load, a benchmark (not a test).
//
// The ingestion app and the worker run as in production (compiled build, own processes) on the local
// PostgreSQL, a dedicated Mosquitto and the local Redis. Every fleet station has a QCVN 40 B permit
// (COD <= 150) and one threshold rule (at once, no duration) covers them all, so every reading is
// evaluated. The run:
//   1. baseline: exceedances on an idle platform;
//   2. maximum: the ingestion benchmark's fleet as fast as the broker takes it, measured;
//   3. load: the same fleet paced at half that maximum while exceedances are injected (COD 300, then
//      COD 40 to resolve, round robin over dedicated stations).
// Printed: publish -> webhook-received latency p50/p99 (loaded, and idle as the baseline), alerts opened
// against "opened" notifications received (no duplicate, no miss). The last line is one JSON object.
import { fork } from 'node:child_process';
import { Client } from 'pg';
import { connectAsync, MqttClient } from 'mqtt';
import { createTestDatabase, startWebhookReceiver, waitFor, WebhookReceiver } from '@hp/testing';
import {
  alertsOpenedBy,
  percentile,
  RUN_CJS,
  ROOT,
  runBench,
  seedBenchStations,
  seedCodAlerting,
  startApp,
  startMosquitto,
  stopApp,
} from './bench-support';

const STATIONS = Number(process.env['BENCH_STATIONS'] ?? 200);
const EXCEEDANCE_STATIONS = 20;
const PARK = 'BENCH';
const MAX_MESSAGES_PER_STATION = Number(process.env['BENCH_MESSAGES_PER_STATION'] ?? 150);
const LOAD_SECONDS = Number(process.env['BENCH_LOAD_SECONDS'] ?? 30);
const IDLE_EXCEEDANCES = 40;
const INJECT_EVERY_MS = 100;
const SECRET = 'bench-secret';

interface Injected {
  station: string;
  stationId: number;
  readingTime: string;
  publishedAt: number;
}

/** Publishes COD 300 (opens) then COD 40 (resolves) on the exceedance stations, in turn; records the opens. */
class Injector {
  private turn = 0;
  readonly opens: Injected[] = [];
  constructor(
    private readonly client: MqttClient,
    private readonly stations: { code: string; id: number }[],
  ) {}

  async once(): Promise<void> {
    const station = this.stations[this.turn % this.stations.length];
    const open = Math.floor(this.turn / this.stations.length) % 2 === 0;
    this.turn++;
    const readingTime = new Date().toISOString();
    const payload = JSON.stringify({
      readings: [{ parameter: 'COD', value: open ? 300 : 40, unit: 'mg/L', time: readingTime, status: '00' }],
    });
    const publishedAt = Date.now();
    await this.client.publishAsync(`hp/v1/parks/${PARK}/stations/${station.code}/telemetry`, payload, {
      qos: 1,
    });
    if (open) this.opens.push({ station: station.code, stationId: station.id, readingTime, publishedAt });
  }
}

/** Latencies (ms) of the opens that reached the webhook; each open is matched by station and reading time. */
function latencies(opens: readonly Injected[], webhook: WebhookReceiver): number[] {
  const received = new Map<string, number>();
  for (const r of webhook.received) {
    const alert = r.body['alert'] as { stationId: number; details: { readingTime?: string } };
    if (r.body['event'] === 'opened') received.set(`${alert.stationId}@${alert.details.readingTime}`, r.at);
  }
  return opens
    .map((o) => (received.get(`${o.stationId}@${o.readingTime}`) ?? Number.NaN) - o.publishedAt)
    .filter((ms) => !Number.isNaN(ms))
    .sort((a, b) => a - b);
}

async function publishFleet(
  mqttUrl: string,
  codes: string[],
  messagesPerStation: number,
  readingsPerSecond?: number,
) {
  const publisher = fork(RUN_CJS, ['test/bench/bench-publisher.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<{ published: number; seconds: number }>((res) =>
    publisher.once('message', (m) => res(m as never)),
  );
  publisher.send({
    url: mqttUrl,
    parkCode: PARK,
    stations: codes,
    messagesPerStation,
    connections: 4,
    window: 500,
    epochMs: Date.now(),
    // Fleet readings are days old and distinct per run, so they never collide with earlier ones.
    baseTimeMs: Date.now() - 2 * 86_400_000 + (readingsPerSecond ? 3_600_000 : 0),
    topicRoot: 'hp/v1',
    readingsPerSecond,
  });
  return done;
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const mosquitto = await startMosquitto();
  const webhook = await startWebhookReceiver(SECRET);
  const pg = new Client({ connectionString: database.url });
  await pg.connect();
  const redisPrefix = `bench-alerts-${process.pid}`;
  try {
    const fleet = await seedBenchStations(database.url, PARK, STATIONS);
    const hot = await seedBenchStations(database.url, PARK, EXCEEDANCE_STATIONS, 'X');
    const rule = await seedCodAlerting(database.url, {
      park: PARK,
      stationIds: [...fleet.ids, ...hot.ids],
      ruleCode: 'bench-cod',
      webhookUrl: webhook.url,
    });

    const env = {
      DATABASE_URL: database.url,
      MQTT_URL: mosquitto.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: redisPrefix,
      ALERT_WEBHOOK_SECRET: SECRET,
    };
    const ingestion = await startApp(
      'ingestion',
      { ...env, MQTT_CLIENT_ID: `bench-alerts-ingestion-${process.pid}` },
      ['--max-old-space-size=128'],
    );
    await waitFor(async () => (await fetch(`http://127.0.0.1:${ingestion.httpPort}/metrics`)).ok, {
      timeoutMs: 60_000,
      description: 'ingestion up',
    });
    const worker = await startApp('worker', env);
    const client = await connectAsync(mosquitto.url, {
      clientId: `bench-injector-${process.pid}`,
      reconnectPeriod: 0,
    });
    const hotStations = hot.codes.map((code, i) => ({ code, id: hot.ids[i] }));
    console.log(
      `fleet: ${STATIONS} stations + ${EXCEEDANCE_STATIONS} exceedance stations, Mosquitto ${mosquitto.url}, PostgreSQL ${database.url}`,
    );

    // 1. Baseline: an idle platform.
    // One injector for both phases, so each station keeps alternating open / resolve.
    const injector = new Injector(client, hotStations);
    await injector.once();
    await waitFor(async () => (webhook.received.length > 0 ? true : null), {
      timeoutMs: 60_000,
      description: 'first notification (worker up)',
    });
    for (let i = 1; i < IDLE_EXCEEDANCES; i++) {
      await new Promise((r) => setTimeout(r, INJECT_EVERY_MS));
      await injector.once();
    }
    await new Promise((r) => setTimeout(r, 3_000));
    // The first one waited for the worker to come up: warm-up, not latency.
    const idleOpens = injector.opens.splice(0).slice(1);
    const idleLatencies = latencies(idleOpens, webhook);

    // 2. The maximum: the fleet as fast as it goes.
    const before = Number((await pg.query(`SELECT count(*)::bigint AS n FROM readings`)).rows[0].n);
    const maxStarted = Date.now();
    const burst = await publishFleet(mosquitto.url, fleet.codes, MAX_MESSAGES_PER_STATION);
    const expected = before + burst.published * 10;
    await waitFor(
      async () =>
        Number((await pg.query(`SELECT count(*)::bigint AS n FROM readings`)).rows[0].n) >= expected
          ? true
          : null,
      {
        timeoutMs: 120_000,
        intervalMs: 200,
        description: 'the burst stored',
      },
    );
    const maxRate = (burst.published * 10) / ((Date.now() - maxStarted) / 1000);
    const loadRate = Math.round(maxRate / 2);
    console.log(
      `maximum with alert evaluation: ${Math.round(maxRate)} readings/s; load at half: ${loadRate} readings/s for ${LOAD_SECONDS} s`,
    );

    // 3. Load at half the maximum, with exceedances injected.
    const messagesPerStation = Math.ceil((loadRate * LOAD_SECONDS) / 10 / STATIONS);
    const load = publishFleet(mosquitto.url, fleet.codes, messagesPerStation, loadRate);
    const loadEnds = Date.now() + LOAD_SECONDS * 1000;
    while (Date.now() < loadEnds) {
      await injector.once();
      await new Promise((r) => setTimeout(r, INJECT_EVERY_MS));
    }
    await load;
    const loadedOpens = injector.opens;
    // The last notifications arrive: at most 5 s more, and one that has not by then counts as missed.
    await waitFor(() => latencies(loadedOpens, webhook).length === loadedOpens.length, {
      timeoutMs: 5_000,
      description: 'the last notifications',
    }).catch(() => undefined);
    const loadedLatencies = latencies(loadedOpens, webhook);
    const opened = await alertsOpenedBy(database.url, rule.id);
    const openedNotices = webhook.received.filter((r) => r.body['event'] === 'opened');
    const deliveries = webhook.received.map((r) => r.delivery);
    const duplicates = deliveries.length - new Set(deliveries).size;
    const unsigned = webhook.received.filter((r) => !r.signed).length;
    const injectedOpens = idleOpens.length + 1 + loadedOpens.length;
    const result = {
      bench: 'alerts',
      loadReadingsPerSecond: loadRate,
      maxReadingsPerSecond: Math.round(maxRate),
      exceedances: loadedOpens.length,
      latencyP50Ms: Math.round(percentile(loadedLatencies, 50)),
      latencyP99Ms: Math.round(percentile(loadedLatencies, 99)),
      idleLatencyP50Ms: Math.round(percentile(idleLatencies, 50)),
      idleLatencyP99Ms: Math.round(percentile(idleLatencies, 99)),
      alertsOpened: opened,
      openedNotifications: openedNotices.length,
      injectedOpens,
      duplicates,
      missed: opened - new Set(openedNotices.map((r) => r.delivery)).size,
      unsigned,
      p99WithinTarget: percentile(loadedLatencies, 99) <= 1000,
      p99VsIdle: Number((percentile(loadedLatencies, 99) / percentile(idleLatencies, 99)).toFixed(2)),
    };
    console.log(
      `exceedance -> webhook under load: p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms over ${result.exceedances} exceedances (target p99 <= 1000 ms)`,
    );
    console.log(
      `idle baseline: p50 ${result.idleLatencyP50Ms} ms, p99 ${result.idleLatencyP99Ms} ms -> loaded p99 is ${result.p99VsIdle}x idle`,
    );
    console.log(
      `alerts opened ${opened} (injected ${injectedOpens}), "opened" notifications ${openedNotices.length}, duplicates ${duplicates}, missed ${result.missed}, unsigned ${unsigned}`,
    );
    await Promise.all([stopApp(worker.child), stopApp(ingestion.child)]);
    await client.endAsync();
    console.log(JSON.stringify(result));
  } finally {
    await pg.end();
    await webhook.close();
    mosquitto.stop();
    await database.drop();
  }
}

runBench(main);
