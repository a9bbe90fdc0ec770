// npm run bench:ingest — ingestion throughput, a benchmark (not a test).
//
// A simulated fleet publishes through a real Mosquitto into the ingestion app (its own process, as in
// production), which writes to the local PostgreSQL. Printed: sustained readings/s, publish-to-commit
// latency p50/p99, the ingestion process's peak RSS, lost readings; and, in the same run, two
// references on the same rows: the raw COPY rate straight into PostgreSQL (the limit) and a naive
// consumer that inserts one row per statement (the baseline). The last line is one JSON object.
import { fork } from 'node:child_process';
import { Client } from 'pg';
import { connectAsync } from 'mqtt';
import {
  peakRssMb,
  percentile,
  RUN_CJS,
  ROOT,
  runBench,
  seedBenchStations,
  startApp,
  startMosquitto,
  stopApp,
} from './bench-support';
import { countReadings, measureRawCopy } from './raw-copy';
import { createTestDatabase, waitFor } from '@hp/testing';

const STATIONS = Number(process.env['BENCH_STATIONS'] ?? 200);
const MESSAGES_PER_STATION = Number(process.env['BENCH_MESSAGES_PER_STATION'] ?? 300);
const READINGS_PER_MESSAGE = 10;
const PARK = 'BENCH';
const NAIVE_SECONDS = Number(process.env['BENCH_NAIVE_SECONDS'] ?? 10);
/** As infra/docker-compose.yml runs the ingestion service (a bounded heap); BENCH_INGESTION_NODE_ARGS overrides. */
const INGESTION_NODE_ARGS = (process.env['BENCH_INGESTION_NODE_ARGS'] ?? '--max-old-space-size=128')
  .split(' ')
  .filter(Boolean);

const seedStations = (url: string) => seedBenchStations(url, PARK, STATIONS);

async function measureIngestion(dbUrl: string, mqttUrl: string, codes: string[], pg: Client) {
  const { child: ingestion, httpPort } = await startApp(
    'ingestion',
    {
      DATABASE_URL: dbUrl,
      MQTT_URL: mqttUrl,
      MQTT_CLIENT_ID: `bench-ingestion-${process.pid}`,
      REDIS_URL: '',
    },
    INGESTION_NODE_ARGS,
  );
  await waitFor(async () => (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).ok, {
    timeoutMs: 60_000,
    description: 'ingestion up',
  });
  await new Promise((r) => setTimeout(r, 500)); // subscription settles
  const epochMs = Date.now();
  const expected = codes.length * MESSAGES_PER_STATION * READINGS_PER_MESSAGE;
  const publisher = fork(RUN_CJS, ['test/bench/bench-publisher.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const published = new Promise<{ published: number; seconds: number }>((res) =>
    publisher.once('message', (m) => res(m as never)),
  );
  publisher.send({
    url: mqttUrl,
    parkCode: PARK,
    stations: codes,
    messagesPerStation: MESSAGES_PER_STATION,
    connections: 4,
    window: 500,
    epochMs,
    baseTimeMs: Date.now() - 2 * 86_400_000,
    topicRoot: 'hp/v1',
  });
  const started = Date.now();
  let stored = 0;
  let lastChange = Date.now();
  while (stored < expected && Date.now() - lastChange < 15_000) {
    await new Promise((r) => setTimeout(r, 250));
    const n = await countReadings(pg);
    if (n !== stored) lastChange = Date.now();
    stored = n;
  }
  const lastCommit = Number(
    (await pg.query(`SELECT extract(epoch FROM max(received_at)) * 1000 AS t FROM readings`)).rows[0].t,
  );
  // From the first publish (the Flow value carries publish time since epochMs; the publisher's own
  // start-up is not the ingestion's time) to the last commit.
  const firstPublish =
    epochMs +
    Number((await pg.query(`SELECT min(value) AS v FROM readings WHERE parameter_code = 'Flow'`)).rows[0].v);
  const seconds = (lastCommit - Math.max(started, firstPublish)) / 1000;
  const pub = await published;
  const latencies = (
    await pg.query(
      `SELECT (extract(epoch FROM received_at) * 1000 - $1 - value) AS ms FROM readings WHERE parameter_code = 'Flow'`,
      [epochMs],
    )
  ).rows
    .map((r: { ms: string }) => Number(r.ms))
    .sort((a, b) => a - b);
  const rss = peakRssMb(ingestion.pid!);
  await stopApp(ingestion);
  return {
    readingsPerSecond: stored / seconds,
    seconds,
    published: pub.published * READINGS_PER_MESSAGE,
    stored,
    lost: pub.published * READINGS_PER_MESSAGE - stored,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    peakRssMb: rss,
  };
}

/** The baseline: a consumer that inserts one row per statement as messages arrive. */
async function measureNaive(mqttUrl: string, pg: Client, ids: number[]): Promise<number> {
  await pg.query(`CREATE TABLE readings_naive (LIKE readings INCLUDING ALL)`);
  const topicRoot = 'hp/naive';
  const consumer = await connectAsync(mqttUrl, {
    protocolVersion: 5,
    clientId: `bench-naive-${process.pid}`,
  });
  let stored = 0;
  let measuring = true;
  let queue = Promise.resolve();
  consumer.on('message', (_topic, payload) => {
    queue = queue.then(async () => {
      // The broker delivers faster than this consumer inserts: once measured, the backlog is dropped.
      if (!measuring) return;
      const { readings } = JSON.parse(payload.toString()) as {
        readings: { parameter: string; value: number; time: string; status: string }[];
      };
      for (const r of readings) {
        await pg.query(
          `INSERT INTO readings_naive (time, station_id, parameter_code, value, status) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [r.time, ids[0], r.parameter, r.value, Number(r.status)],
        );
        stored++;
      }
    });
  });
  await consumer.subscribeAsync(`${topicRoot}/#`, { qos: 1 });
  const publisher = fork(RUN_CJS, ['test/bench/bench-publisher.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  publisher.send({
    url: mqttUrl,
    parkCode: PARK,
    stations: ['N1'],
    messagesPerStation: 20_000,
    connections: 1,
    window: 100,
    epochMs: Date.now(),
    baseTimeMs: Date.now() - 2 * 86_400_000,
    topicRoot,
  });
  await new Promise((r) => setTimeout(r, 1000));
  const startCount = stored;
  const started = Date.now();
  await new Promise((r) => setTimeout(r, NAIVE_SECONDS * 1000));
  const rate = (stored - startCount) / ((Date.now() - started) / 1000);
  measuring = false;
  publisher.kill();
  await consumer.endAsync(true);
  await queue.catch(() => undefined);
  return rate;
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const mosquitto = await startMosquitto();
  const pg = new Client({ connectionString: database.url });
  await pg.connect();
  try {
    const { codes, ids } = await seedStations(database.url);
    console.log(
      `fleet: ${codes.length} stations x ${MESSAGES_PER_STATION} messages x ${READINGS_PER_MESSAGE} readings, Mosquitto ${mosquitto.url}, PostgreSQL ${database.url}`,
    );
    await pg.query(`CHECKPOINT`); // both measurements start on a quiet server
    const ingestion = await measureIngestion(database.url, mosquitto.url, codes, pg);
    const copyRate = await measureRawCopy(pg, ids, MESSAGES_PER_STATION);
    const naiveRate = await measureNaive(mosquitto.url, pg, ids);
    const result = {
      bench: 'ingest',
      readingsPerMessage: READINGS_PER_MESSAGE,
      readingsPerSecond: Math.round(ingestion.readingsPerSecond),
      latencyP50Ms: Math.round(ingestion.latencyP50Ms),
      latencyP99Ms: Math.round(ingestion.latencyP99Ms),
      peakRssMb: Math.round(ingestion.peakRssMb),
      published: ingestion.published,
      stored: ingestion.stored,
      lost: ingestion.lost,
      copyReadingsPerSecond: Math.round(copyRate),
      naiveReadingsPerSecond: Math.round(naiveRate),
      shareOfCopy: Number((ingestion.readingsPerSecond / copyRate).toFixed(3)),
      timesNaive: Number((ingestion.readingsPerSecond / naiveRate).toFixed(1)),
    };
    console.log(
      `ingestion: ${result.readingsPerSecond} readings/s sustained over ${ingestion.seconds.toFixed(1)} s`,
    );
    console.log(`latency publish->commit: p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms`);
    console.log(
      `ingestion peak RSS: ${result.peakRssMb} MB; published ${result.published}, stored ${result.stored}, lost ${result.lost}`,
    );
    console.log(
      `raw COPY (limit): ${result.copyReadingsPerSecond} rows/s -> ingestion is ${(result.shareOfCopy * 100).toFixed(1)} % of it`,
    );
    console.log(
      `naive one-row-per-INSERT consumer (baseline): ${result.naiveReadingsPerSecond} rows/s -> ingestion is ${result.timesNaive}x`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await pg.end();
    mosquitto.stop();
    await database.drop();
  }
}

runBench(main);
