// npm run bench:scale — ingestion as 1, 2 and 3 replicas, and what each part of the system costs.
//
// A PostgreSQL cluster and a Mosquitto of the benchmark's own (so their processes are known), the
// ingestion app as N separate processes splitting the stream through an MQTT 5 shared subscription,
// and a publisher fleet sending as fast as the broker takes. Printed per replica count: readings/s (and
// its ratio to 1 replica, the baseline of the same run) and, per part (ingestion replicas, broker,
// PostgreSQL server processes, publishers), the CPU seconds it used per 10,000 readings, i.e. the cores
// it needs per 10,000 readings/s; read from /proc before and after each measured window. Then the raw
// COPY rate into the same cluster and 1 replica's share of it, and the stored size of a reading. The
// last line is one JSON object. Tiny: BENCH_STATIONS=2 BENCH_MESSAGES_PER_STATION=20.
import { ChildProcess, fork } from 'node:child_process';
import { Client } from 'pg';
import { connectAsync, MqttClient } from 'mqtt';
import { PrivateMosquitto, PrivatePostgres, waitFor } from '@hp/testing';
import { RUN_CJS, ROOT, runBench, seedBenchStations, startApp, stopApp } from './bench-support';
import { processCpuSeconds, processTreeCpuSeconds } from './process-cpu';
import { countReadings, measureRawCopy } from './raw-copy';

const STATIONS = Number(process.env['BENCH_STATIONS'] ?? 200);
const MESSAGES_PER_STATION = Number(process.env['BENCH_MESSAGES_PER_STATION'] ?? 600);
const REPLICAS = (process.env['BENCH_SCALE_REPLICAS'] ?? '1,2,3').split(',').map(Number);
/** Publisher processes (each its share of the stations, 4 connections). */
const PUBLISHERS = Number(process.env['BENCH_PUBLISHERS'] ?? 2);
const READINGS_PER_MESSAGE = 10;
const PARK = 'BENCH';
const SHARE_GROUP = 'bench-scale';
/** As infra/docker-compose.yml runs the ingestion service; BENCH_INGESTION_NODE_ARGS overrides. */
const INGESTION_NODE_ARGS = (process.env['BENCH_INGESTION_NODE_ARGS'] ?? '--max-old-space-size=128')
  .split(' ')
  .filter(Boolean);

type Part = 'ingestion' | 'broker' | 'postgres' | 'publisher';
const PARTS: readonly Part[] = ['ingestion', 'broker', 'postgres', 'publisher'];

interface Round {
  replicas: number;
  readingsPerSecond: number;
  /** Readings/s over 1 replica's of the same run. */
  vsOneReplica: number;
  seconds: number;
  stored: number;
  /** Readings each replica stored: the split of the shared subscription. */
  perReplica: number[];
  /** Mean time to write and commit one batch. */
  batchCommitMs: number;
  /** CPU seconds per 10,000 readings (= cores per 10,000 readings/s), per part and in all. */
  cpuPer10k: Record<Part | 'total', number>;
}

interface Replica {
  child: ChildProcess;
  httpPort: number;
}

/** A counter of the ingestion's /metrics, by its `result` label. */
async function ingestCounter(replica: Replica, metric: string, result: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${replica.httpPort}/metrics`)).text();
  const line = new RegExp(`^${metric}\\{result="${result}"\\} (\\S+)$`, 'm').exec(text);
  return line ? Number(line[1]) : 0;
}

/** hp_ingest_batch_commit_seconds of a replica: batches written and the seconds they took in all. */
async function batchCommits(replica: Replica): Promise<{ count: number; seconds: number }> {
  const text = await (await fetch(`http://127.0.0.1:${replica.httpPort}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return {
    count: value('hp_ingest_batch_commit_seconds_count'),
    seconds: value('hp_ingest_batch_commit_seconds_sum'),
  };
}

async function startReplicas(count: number, dbUrl: string, mqttUrl: string): Promise<Replica[]> {
  const replicas = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      startApp(
        'ingestion',
        {
          DATABASE_URL: dbUrl,
          MQTT_URL: mqttUrl,
          MQTT_CLIENT_ID: `bench-scale-${process.pid}-${count}-${i}`,
          MQTT_SHARE_GROUP: SHARE_GROUP,
          MQTT_PROTOCOL_VERSION: '5',
          // The session ends with the replica: a stopped round's session would stay in the share group
          // and be handed its part of the next round's messages.
          MQTT_SESSION_EXPIRY_SECONDS: '0',
          REDIS_URL: '',
        },
        INGESTION_NODE_ARGS,
      ),
    ),
  );
  for (const replica of replicas)
    await waitFor(async () => (await fetch(`http://127.0.0.1:${replica.httpPort}/metrics`)).ok, {
      timeoutMs: 60_000,
      description: 'ingestion replica up',
    });
  return replicas;
}

/**
 * Waits until every replica's shared subscription is in place: probes on an unregistered station's topic
 * (quarantined, never stored) until each replica has quarantined one. The broker hands a shared
 * subscription's messages round, so a replica not yet subscribed gets none.
 */
async function awaitSubscriptions(replicas: readonly Replica[], probe: MqttClient): Promise<void> {
  const payload = JSON.stringify({ readings: [] });
  await waitFor(
    async () => {
      await probe.publishAsync(`hp/v1/parks/${PARK}/stations/PROBE/telemetry`, payload, { qos: 1 });
      const seen = await Promise.all(
        replicas.map((r) => ingestCounter(r, 'hp_ingest_messages_total', 'quarantined')),
      );
      return seen.every((n) => n > 0);
    },
    { timeoutMs: 30_000, intervalMs: 100, description: 'every replica subscribed' },
  );
}

function cpuNow(
  replicas: readonly Replica[],
  brokerPid: number,
  postmasterPid: number,
): Record<Part, number> {
  return {
    ingestion: replicas.reduce((sum, r) => sum + processCpuSeconds(r.child.pid!), 0),
    broker: processCpuSeconds(brokerPid),
    postgres: processTreeCpuSeconds(postmasterPid),
    publisher: 0, // each publisher reports its own
  };
}

async function measureRound(
  count: number,
  ctx: {
    dbUrl: string;
    mqttUrl: string;
    codes: string[];
    pg: Client;
    probe: MqttClient;
    brokerPid: number;
    postmasterPid: number;
  },
): Promise<Omit<Round, 'vsOneReplica'>> {
  const { pg } = ctx;
  await pg.query(`TRUNCATE readings, recompute_marks`);
  await pg.query(`VACUUM ANALYZE readings`);
  await pg.query(`CHECKPOINT`); // every round starts on a quiet server
  const replicas = await startReplicas(count, ctx.dbUrl, ctx.mqttUrl);
  try {
    await awaitSubscriptions(replicas, ctx.probe);
    const acceptedBefore = await Promise.all(
      replicas.map((r) => ingestCounter(r, 'hp_ingest_readings_total', 'accepted')),
    );
    const expected = ctx.codes.length * MESSAGES_PER_STATION * READINGS_PER_MESSAGE;
    const epochMs = Date.now();
    const baseTimeMs = Date.now() - 2 * 86_400_000;
    const before = cpuNow(replicas, ctx.brokerPid, ctx.postmasterPid);
    const publishers = Array.from({ length: PUBLISHERS }, (_, p) => {
      const stations = ctx.codes.filter((_, i) => i % PUBLISHERS === p);
      const child = fork(RUN_CJS, ['test/bench/bench-publisher.ts'], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const report = new Promise<{ cpuSeconds: number }>((res) =>
        child.once('message', (m) => res(m as { cpuSeconds: number })),
      );
      const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
      if (stations.length > 0)
        child.send({
          url: ctx.mqttUrl,
          parkCode: PARK,
          stations,
          messagesPerStation: MESSAGES_PER_STATION,
          connections: 4,
          window: 500,
          epochMs,
          baseTimeMs,
          topicRoot: 'hp/v1',
        });
      else child.kill();
      return { report: stations.length > 0 ? report : Promise.resolve({ cpuSeconds: 0 }), exited };
    });
    let perReplica: number[] = [];
    let stored = 0;
    let lastChange = Date.now();
    while (stored < expected && Date.now() - lastChange < 15_000) {
      await new Promise((r) => setTimeout(r, 250));
      const accepted = await Promise.all(
        replicas.map((r) => ingestCounter(r, 'hp_ingest_readings_total', 'accepted')),
      );
      perReplica = accepted.map((n, i) => n - acceptedBefore[i]);
      const n = perReplica.reduce((a, b) => a + b, 0);
      if (n !== stored) lastChange = Date.now();
      stored = n;
    }
    const after = cpuNow(replicas, ctx.brokerPid, ctx.postmasterPid);
    // Mean time to write and commit one batch, over every replica: with INGEST_CONCURRENT_WRITES batches
    // in flight, it bounds a replica's rate (batch size x concurrency / commit time).
    const commits = await Promise.all(replicas.map((r) => batchCommits(r)));
    const batches = commits.reduce((s, c) => s + c.count, 0);
    const batchCommitMs = (1000 * commits.reduce((s, c) => s + c.seconds, 0)) / Math.max(1, batches);
    const codes = await Promise.all(publishers.map((p) => p.exited));
    if (codes.some((c) => c !== 0 && c !== null)) throw new Error(`a publisher failed: exit ${codes}`);
    after.publisher = (await Promise.all(publishers.map((p) => p.report))).reduce(
      (sum, r) => sum + r.cpuSeconds,
      0,
    );
    const inTable = await countReadings(pg);
    if (inTable !== expected) throw new Error(`stored ${inTable} readings of ${expected} published`);
    // From the first publish (Flow carries its publish time since epochMs) to the last commit.
    const { first, last } = (
      await pg.query(
        `SELECT min(value) FILTER (WHERE parameter_code = 'Flow') AS first,
                extract(epoch FROM max(received_at)) * 1000 AS last FROM readings`,
      )
    ).rows[0] as { first: number; last: string };
    const seconds = (Number(last) - (epochMs + Number(first))) / 1000;
    const cpuPer10k = Object.fromEntries(
      PARTS.map((part) => [part, ((after[part] - before[part]) * 10_000) / expected]),
    ) as Record<Part, number>;
    return {
      replicas: count,
      readingsPerSecond: expected / seconds,
      seconds,
      stored: inTable,
      perReplica,
      batchCommitMs,
      cpuPer10k: { ...cpuPer10k, total: PARTS.reduce((s, p) => s + cpuPer10k[p], 0) },
    };
  } finally {
    for (const replica of replicas) await stopApp(replica.child);
  }
}

const round2 = (n: number) => Number(n.toFixed(2));
const round3 = (n: number) => Number(n.toFixed(3));

async function main(): Promise<void> {
  const postgres = await PrivatePostgres.start();
  const mosquitto = await PrivateMosquitto.start({ persistent: false });
  let pg: Client | null = null;
  let probe: MqttClient | null = null;
  try {
    const { codes, ids } = await seedBenchStations(postgres.url, PARK, STATIONS);
    pg = new Client({ connectionString: postgres.url });
    await pg.connect();
    probe = await connectAsync(mosquitto.url, { protocolVersion: 5, clientId: `bench-probe-${process.pid}` });
    console.log(
      `fleet: ${codes.length} stations x ${MESSAGES_PER_STATION} messages x ${READINGS_PER_MESSAGE} readings per round, ${PUBLISHERS} publisher processes; Mosquitto ${mosquitto.url}, PostgreSQL ${postgres.url} (both private)`,
    );
    const ctx = {
      dbUrl: postgres.url,
      mqttUrl: mosquitto.url,
      codes,
      pg,
      probe,
      brokerPid: mosquitto.pid!,
      postmasterPid: postgres.postmasterPid(),
    };
    const rounds: Round[] = [];
    for (const count of REPLICAS) {
      const round = await measureRound(count, ctx);
      const baseline = rounds[0]?.readingsPerSecond ?? round.readingsPerSecond;
      rounds.push({ ...round, vsOneReplica: round.readingsPerSecond / baseline });
      const cpu = round.cpuPer10k;
      console.log(
        `${count} replica(s): ${Math.round(round.readingsPerSecond)} readings/s over ${round.seconds.toFixed(1)} s (x${(round.readingsPerSecond / baseline).toFixed(2)} of ${REPLICAS[0]}), split ${round.perReplica.join(' / ')}, batch commit ${Math.round(round.batchCommitMs)} ms; CPU s per 10,000 readings: ingestion ${cpu.ingestion.toFixed(3)}, broker ${cpu.broker.toFixed(3)}, PostgreSQL ${cpu.postgres.toFixed(3)}, publishers ${cpu.publisher.toFixed(3)}, total ${cpu.total.toFixed(3)}`,
      );
    }
    // The stored size of a reading: the last round's table with its index, before the COPY below.
    const bytes = Number(
      (await pg.query(`SELECT pg_total_relation_size('readings') AS b`)).rows[0].b as string,
    );
    const bytesPerReading = bytes / (await countReadings(pg));
    const copyRate = await measureRawCopy(pg, ids, MESSAGES_PER_STATION);
    const one = rounds[0];
    const result = {
      bench: 'scale',
      readingsPerRound: codes.length * MESSAGES_PER_STATION * READINGS_PER_MESSAGE,
      rounds: rounds.map((r) => ({
        replicas: r.replicas,
        readingsPerSecond: Math.round(r.readingsPerSecond),
        vsOneReplica: round2(r.vsOneReplica),
        perReplica: r.perReplica,
        batchCommitMs: Math.round(r.batchCommitMs),
        cpuSecondsPer10kReadings: Object.fromEntries(
          Object.entries(r.cpuPer10k).map(([k, v]) => [k, round3(v)]),
        ),
      })),
      copyReadingsPerSecond: Math.round(copyRate),
      shareOfCopy: round3(one.readingsPerSecond / copyRate),
      bytesPerReading: Math.round(bytesPerReading),
    };
    console.log(
      `raw COPY into the same cluster: ${result.copyReadingsPerSecond} rows/s -> ${one.replicas} replica(s) is ${(result.shareOfCopy * 100).toFixed(1)} % of it`,
    );
    console.log(`stored size: ${result.bytesPerReading} bytes per reading (table and index)`);
    console.log(JSON.stringify(result));
  } finally {
    await probe?.endAsync(true);
    await pg?.end();
    await mosquitto.dispose();
    await postgres.dispose();
  }
}

runBench(main);
