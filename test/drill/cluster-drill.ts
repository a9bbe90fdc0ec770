// npm run drill:cluster: the platform as a cluster on this machine (drill-cluster.ts), a fleet publishing
// at a steady rate, and in turn: one broker node killed, one partitioned away, the database primary
// killed, the Redis primary killed, and one replica of each app killed. For each: readings published,
// acknowledged, stored, lost and duplicated; alerts expected and notified; the API's availability and
// the time to recover. The last line is one JSON object. DRILL_SIZE=tiny is CI's run (shorter faults).
import { Pool } from 'pg';
import { connect as connectNats, JetStreamManager } from 'nats';
import { whenJetStreamAnswers } from '@hp/broker';
import { startWebhookReceiver, waitFor, WebhookReceiver } from '@hp/testing';
import { DrillCluster, DrillApp } from './drill-cluster';
import { DrillFleet, READINGS_PER_MESSAGE, SentMessage } from './drill-fleet';
import { DrillResult, ScenarioFigures } from './drill-result';

const TINY = process.env['DRILL_SIZE'] === 'tiny';
const SIZE = TINY
  ? { stations: 12, intervalMs: 500, steadyMs: 2000, faultMs: 6000, settleMs: 2000 }
  : { stations: 24, intervalMs: 250, steadyMs: 5000, faultMs: 15_000, settleMs: 5000 };
/** The pipeline counts as down while the newest stored reading is older than this. */
const STALE_MS = 3000;
const PROBE_MS = 250;

interface Scenario {
  readonly name: string;
  /** Injects the fault; returns how to end it. */
  readonly inject: (cluster: DrillCluster, jsm: JetStreamManager) => Promise<() => Promise<void>>;
}

/** The node leading the telemetry stream (the harder one to lose). */
async function streamLeader(jsm: JetStreamManager): Promise<number> {
  // Right after an earlier fault the cluster may still be electing its meta leader (503).
  const info = await whenJetStreamAnswers(() => jsm.streams.info('HP_TELEMETRY'), 180_000);
  return Number(info.cluster?.leader?.replace(/^n/, '') ?? '1');
}

/**
 * The broker cluster whole again: the stream has a leader and both other nodes are current replicas. The
 * next fault waits for it (a fault while a replica still catches up is a second fault at once).
 */
async function streamWhole(jsm: JetStreamManager): Promise<void> {
  await waitFor(
    async () => {
      const { cluster } = await jsm.streams.info('HP_TELEMETRY');
      return (
        !!cluster?.leader &&
        cluster.replicas?.length === 2 &&
        cluster.replicas.every((r) => r.current && !r.offline)
      );
    },
    {
      timeoutMs: 120_000,
      intervalMs: 500,
      description: 'the telemetry stream led and replicated on all three nodes',
    },
  );
}

function killReplica(app: DrillApp): Scenario {
  return {
    name: `${app} replica killed`,
    inject: async (cluster) => {
      const replica = cluster.replica(app, 0);
      await replica.stop('SIGKILL');
      return () => replica.start();
    },
  };
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'broker node killed',
    inject: async (cluster, jsm) => {
      const node = await streamLeader(jsm);
      await cluster.nats.kill(node);
      return async () => {
        await cluster.nats.restart(node);
        await streamWhole(jsm);
      };
    },
  },
  {
    name: 'broker node partitioned',
    inject: async (cluster, jsm) => {
      const node = await streamLeader(jsm);
      cluster.nats.partition(node);
      return async () => {
        cluster.nats.heal(node);
        await streamWhole(jsm);
      };
    },
  },
  {
    name: 'database primary killed',
    inject: async (cluster) => {
      const killed = await cluster.database.killPrimary();
      return async () => {
        await cluster.database.restartNode(killed.name);
      };
    },
  },
  {
    name: 'redis primary killed',
    inject: async (cluster) => {
      const port = await cluster.redis.killPrimary();
      return async () => {
        await cluster.redis.waitForFailover(port);
        await cluster.redis.restart(port);
      };
    },
  },
  killReplica('mqtt-edge'),
  killReplica('ingestion'),
  killReplica('api'),
  killReplica('worker'),
];

/**
 * Every scenario once; or, to hunt a rare fault, DRILL_ONLY=<text> runs the scenarios whose name holds it,
 * DRILL_REPEAT times each (the stations exceeded are then the first ones in turn: at most `stations - 1`).
 */
function chosenScenarios(): Scenario[] {
  const only = process.env['DRILL_ONLY'];
  const repeat = Math.max(1, Number(process.env['DRILL_REPEAT'] ?? '1'));
  const chosen = SCENARIOS.filter((s) => !only || s.name.includes(only));
  return chosen.flatMap((s) => Array.from({ length: repeat }, () => s));
}

/** Health and KPI requests through the balancer, and the newest stored reading, every PROBE_MS. */
class Probes {
  readonly api: { at: number; ok: boolean }[] = [];
  /** The last failed API answer, for a diagnosis. */
  lastApiFailure = '';
  readonly pipeline: { at: number; ok: boolean }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private turn = 0;

  constructor(
    private readonly apiUrl: string,
    private readonly pool: Pool,
    private readonly stationIds: readonly number[],
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.probe(), PROBE_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async probe(): Promise<void> {
    const at = Date.now();
    // The open-data API allows 60 requests a minute per address: the KPI every 2 s, health otherwise.
    const path = this.turn++ % 8 === 0 ? '/api/open/v1/kpi' : '/api/health';
    const api = fetch(this.apiUrl + path, { signal: AbortSignal.timeout(2000) }).then(
      async (r) => {
        if (!r.ok) this.lastApiFailure = `${path}: HTTP ${r.status} ${(await r.text()).slice(0, 200)}`;
        return r.ok;
      },
      (error: Error) => {
        this.lastApiFailure = `${path}: ${error.message}`;
        return false;
      },
    );
    const pipeline = this.pool
      .query<{ newest: Date | null }>('SELECT max(time) AS newest FROM readings WHERE station_id = ANY($1)', [
        this.stationIds,
      ])
      .then(
        ({ rows }) => rows[0]!.newest !== null && at - rows[0]!.newest.getTime() < STALE_MS,
        () => false,
      );
    const [apiOk, pipelineOk] = await Promise.all([api, pipeline]);
    this.api.push({ at, ok: apiOk });
    this.pipeline.push({ at, ok: pipelineOk });
  }
}

/** Which of the acknowledged messages have all their readings stored; and rows stored twice. */
async function storedMessages(
  pool: Pool,
  stationIds: readonly number[],
  codes: Map<number, string>,
): Promise<{ complete: Set<string>; duplicated: { stationCode: string; time: number }[] }> {
  const { rows } = await pool.query<{ station_id: number; time: Date; n: string; distinct_n: string }>(
    `SELECT station_id, time, count(*) AS n, count(DISTINCT parameter_code) AS distinct_n
       FROM readings WHERE station_id = ANY($1) GROUP BY station_id, time`,
    [stationIds],
  );
  const complete = new Set<string>();
  const duplicated: { stationCode: string; time: number }[] = [];
  for (const row of rows) {
    const key = `${codes.get(row.station_id)}@${row.time.getTime()}`;
    if (Number(row.distinct_n) === READINGS_PER_MESSAGE) complete.add(key);
    if (Number(row.n) > Number(row.distinct_n))
      duplicated.push({ stationCode: codes.get(row.station_id)!, time: row.time.getTime() });
  }
  return { complete, duplicated };
}

/** Deliveries of the drill rule's alert for a station (a delivery id received twice counts twice). */
function notificationsFor(receiver: WebhookReceiver, stationCode: string): number {
  return receiver.received.filter((r) => {
    const body = JSON.stringify(r.body);
    return body.includes(`"${stationCode}"`) && !/"(resolved|resolve)"/.test(body);
  }).length;
}

async function main(): Promise<void> {
  // Each engine and app process registers its own kill-at-exit.
  process.setMaxListeners(100);
  const log = (line: string) => console.log(line);
  const receiver = await startWebhookReceiver('drill-webhook-secret');
  const cluster = await DrillCluster.start({ stations: SIZE.stations, webhookUrl: receiver.url, log });
  const nats = await connectNats({ servers: cluster.nats.servers, maxReconnectAttempts: -1 });
  // Without nats.js' API check, a request answered 503 while the cluster elects a meta leader after a
  // fault: the drill's own JetStream requests are retried instead.
  const jsm = await nats.jetstreamManager({ checkAPI: false });
  const pool = new Pool({ connectionString: cluster.databaseUrl, max: 3, connectionTimeoutMillis: 2000 });
  pool.on('error', () => undefined);
  const codes = new Map(cluster.stationIds.map((id, i) => [id, cluster.devices[i]!.stationCode]));
  // The last station is never exceeded: each scenario exceeds a station of its own, one alert each.
  const probes = new Probes(cluster.apiUrl, pool, cluster.stationIds);
  const fleet = await DrillFleet.connect(cluster.mqttUrl, cluster.devices);
  const windows: { scenario: Scenario; start: number; faultAt: number; end: number; station: string }[] = [];
  // JetStream's advisories (leader elections, terminated or deleted messages): what a lost message's
  // diagnosis needs to tell the broker's doing from the platform's.
  const advisories: { at: number; type: string; detail: string }[] = [];
  const advisorySubscription = nats.subscribe('$JS.EVENT.ADVISORY.>', {
    callback: (_error, message) => {
      const body = message.json<{ type?: string; [key: string]: unknown }>();
      advisories.push({
        at: Date.now(),
        type: String(body.type ?? message.subject),
        detail: message.string(),
      });
    },
  });
  try {
    fleet.start(SIZE.intervalMs);
    probes.start();
    await waitFor(() => probes.pipeline.some((p) => p.ok), {
      timeoutMs: 60_000,
      description: 'the fleet stored end to end',
    });
    for (const [i, scenario] of chosenScenarios().entries()) {
      const start = Date.now();
      await new Promise((resolve) => setTimeout(resolve, SIZE.steadyMs));
      const faultAt = Date.now();
      const station = cluster.devices[i]!.stationCode;
      const end = await scenario.inject(cluster, jsm);
      fleet.setExceeding(station, true);
      log(`${scenario.name}: fault at +${((faultAt - start) / 1000).toFixed(1)} s`);
      await new Promise((resolve) => setTimeout(resolve, SIZE.faultMs));
      await end();
      // Healthy again: the API answers and readings published now are stored.
      await waitFor(
        () => {
          const recent = (list: { at: number; ok: boolean }[]) => list.slice(-4);
          return [...recent(probes.api), ...recent(probes.pipeline)].every((p) => p.ok);
        },
        { timeoutMs: 120_000, intervalMs: PROBE_MS, description: `${scenario.name}: recovered` },
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${diagnosis(cluster, probes, fleet)}`);
      });
      await new Promise((resolve) => setTimeout(resolve, SIZE.settleMs));
      fleet.setExceeding(station, false);
      windows.push({ scenario, start, faultAt, end: Date.now(), station });
    }
    await fleet.stop();
    // Everything published is acknowledged in the end (devices resend what was not), then stored.
    await waitFor(() => fleet.unacknowledged === 0, {
      timeoutMs: 120_000,
      description: 'every message acknowledged',
    }).catch((error: Error) => {
      throw new Error(
        `${error.message}: ${fleet.describeUnacknowledged()}\n${diagnosis(cluster, probes, fleet)}`,
      );
    });
    const acked = fleet.sent.filter((m) => m.ackedAt !== null);
    await waitFor(
      async () => (await storedMessages(pool, cluster.stationIds, codes)).complete.size >= acked.length,
      {
        timeoutMs: 120_000,
        intervalMs: 1000,
        description: 'every acknowledged message stored',
      },
    ).catch(() => log('not every acknowledged message stored within 120 s'));
    await waitFor(() => windows.every((w) => notificationsFor(receiver, w.station) >= 1), {
      timeoutMs: 120_000,
      intervalMs: 500,
      description: 'every expected alert notified',
    }).catch(() => undefined);
    probes.stop();
    const { complete, duplicated } = await storedMessages(pool, cluster.stationIds, codes);
    if (receiver.received[0])
      log(`a notification: ${JSON.stringify(receiver.received[0].body).slice(0, 600)}`);
    const figures = windows.map((w) => figuresOf(w, fleet.sent, complete, duplicated, probes, receiver));
    if (figures.some((f) => f.lost > 0))
      log(await describeLost(pool, cluster, fleet.sent, complete, windows, advisories, jsm));
    report(figures);
  } finally {
    advisorySubscription.unsubscribe();
    probes.stop();
    await fleet.close();
    await pool.end().catch(() => undefined);
    await nats.close().catch(() => undefined);
    await cluster.dispose();
    await receiver.close();
  }
}

/**
 * Each acknowledged message not stored: when it was published, sent and acknowledged relative to its
 * scenario's fault, what the database holds for its station around its time, the quarantine's entries for
 * it, and JetStream's advisories of the minute around it (a drill that loses a reading says where).
 */
async function describeLost(
  pool: Pool,
  cluster: DrillCluster,
  sent: readonly SentMessage[],
  complete: Set<string>,
  windows: readonly { scenario: Scenario; faultAt: number; start: number; end: number }[],
  advisories: readonly { at: number; type: string; detail: string }[],
  jsm: JetStreamManager,
): Promise<string> {
  const lost = sent.filter((m) => m.ackedAt !== null && !complete.has(`${m.stationCode}@${m.time}`));
  const lines = [`${lost.length} acknowledged message(s) not stored:`];
  // What the stream still holds, and what its consumer thinks it has handed out and had acknowledged.
  const stream = await jsm.streams.info('HP_TELEMETRY').catch((e: Error) => e.message);
  lines.push(
    `stream: ${JSON.stringify(typeof stream === 'string' ? stream : { state: stream.state, cluster: stream.cluster })}`,
  );
  const consumer = await jsm.consumers.info('HP_TELEMETRY', 'ingestion').catch((e: Error) => e.message);
  lines.push(`consumer: ${JSON.stringify(consumer)}`);
  for (const m of lost) {
    const window = windows.find((w) => m.publishedAt >= w.start && m.publishedAt < w.end);
    const base = window?.faultAt ?? m.publishedAt;
    const rel = (at: number | null) => (at === null ? '-' : `${((at - base) / 1000).toFixed(2)} s`);
    lines.push(
      `- ${m.stationCode} @ ${new Date(m.time).toISOString()} (${window?.scenario.name ?? 'no scenario'}): ` +
        `published ${rel(m.publishedAt)}, last sent ${rel(m.lastSentAt)}, sent ${m.sends}x, acknowledged ${rel(m.ackedAt)} after the fault`,
    );
    const stationId = cluster.stationIds[cluster.devices.findIndex((d) => d.stationCode === m.stationCode)];
    const { rows } = await pool.query<{ time: Date; n: string }>(
      `SELECT time, count(*) AS n FROM readings WHERE station_id = $1 AND time BETWEEN $2 AND $3 GROUP BY time ORDER BY time`,
      [stationId, new Date(m.time - 1500), new Date(m.time + 1500)],
    );
    lines.push(`  stored around it: ${rows.map((r) => `${r.time.toISOString()}x${r.n}`).join(', ')}`);
    const quarantined = await pool.query<{ reason: string; received_at: Date }>(
      `SELECT reason, received_at FROM quarantined_messages WHERE topic LIKE $1 AND position($2 in convert_from(payload, 'UTF8')) > 0`,
      [`%/${m.stationCode}/%`, new Date(m.time + 7 * 3_600_000).toISOString().slice(0, 19)],
    );
    for (const q of quarantined.rows)
      lines.push(`  quarantined at ${rel(q.received_at.getTime())}: ${q.reason}`);
    for (const a of advisories.filter((a) => Math.abs(a.at - m.publishedAt) < 60_000))
      lines.push(`  advisory at ${rel(a.at)}: ${a.detail.slice(0, 400)}`);
  }
  return lines.join('\n');
}

/** What a drill that did not recover shows: the last probes, the fleet, each app replica's log. */
function diagnosis(cluster: DrillCluster, probes: Probes, fleet: DrillFleet): string {
  const last = (list: { at: number; ok: boolean }[]) =>
    list
      .slice(-6)
      .map((p) => (p.ok ? 'ok' : 'down'))
      .join(' ');
  const lines = [
    `api probes: ${last(probes.api)} (last failure: ${probes.lastApiFailure}); pipeline probes: ${last(probes.pipeline)}`,
    `fleet: ${fleet.sent.length} published, ${fleet.unacknowledged} awaiting a PUBACK`,
  ];
  for (const [app, replicas] of cluster.apps)
    replicas.forEach((replica, i) => lines.push(`--- ${app} ${i + 1}:\n${replica.logTail(12)}`));
  return lines.join('\n');
}

function figuresOf(
  window: { scenario: Scenario; start: number; faultAt: number; end: number; station: string },
  sent: readonly SentMessage[],
  complete: Set<string>,
  duplicated: readonly { stationCode: string; time: number }[],
  probes: Probes,
  receiver: WebhookReceiver,
): ScenarioFigures {
  const inWindow = (at: number) => at >= window.start && at < window.end;
  const published = sent.filter((m) => inWindow(m.publishedAt));
  const acknowledged = published.filter((m) => m.ackedAt !== null);
  const stored = acknowledged.filter((m) => complete.has(`${m.stationCode}@${m.time}`));
  const afterFault = (list: { at: number; ok: boolean }[]) =>
    list.filter((p) => p.at >= window.faultAt && p.at < window.end);
  const api = afterFault(probes.api);
  const lastBad = [...api, ...afterFault(probes.pipeline)].filter((p) => !p.ok).map((p) => p.at);
  return {
    name: window.scenario.name,
    published: published.length * READINGS_PER_MESSAGE,
    acknowledged: acknowledged.length * READINGS_PER_MESSAGE,
    stored: stored.length * READINGS_PER_MESSAGE,
    lost: (acknowledged.length - stored.length) * READINGS_PER_MESSAGE,
    duplicated: duplicated.filter((d) => inWindow(d.time)).length,
    alertsExpected: 1,
    alertsNotified: notificationsFor(receiver, window.station),
    apiAvailability: api.length === 0 ? 1 : api.filter((p) => p.ok).length / api.length,
    recoverSeconds: lastBad.length === 0 ? 0 : (Math.max(...lastBad) + PROBE_MS - window.faultAt) / 1000,
  };
}

function report(figures: readonly ScenarioFigures[]): void {
  const header = [
    'scenario',
    'published',
    'acked',
    'stored',
    'lost',
    'dup',
    'alerts exp/notified',
    'API avail.',
    'recover s',
  ];
  const rows = figures.map((f) => [
    f.name,
    String(f.published),
    String(f.acknowledged),
    String(f.stored),
    String(f.lost),
    String(f.duplicated),
    `${f.alertsExpected}/${f.alertsNotified}`,
    `${(f.apiAvailability * 100).toFixed(1)} %`,
    f.recoverSeconds.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(['', line(header), ...rows.map(line), ''].join('\n'));
  const lost = figures.reduce((n, f) => n + f.lost, 0);
  const duplicates = figures.reduce((n, f) => n + f.duplicated, 0);
  const alertsWrong = figures.filter((f) => f.alertsNotified !== f.alertsExpected).length;
  const result: DrillResult = {
    drill: 'cluster',
    size: TINY ? 'tiny' : 'full',
    brokerNodes: 3,
    lost,
    duplicates,
    alertsExpected: figures.reduce((n, f) => n + f.alertsExpected, 0),
    alertsNotified: figures.reduce((n, f) => n + f.alertsNotified, 0),
    scenarios: [...figures],
  };
  console.log(JSON.stringify(result));
  if (lost > 0 || duplicates > 0 || alertsWrong > 0) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
