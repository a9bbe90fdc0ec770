import { connect, connectAsync, MqttClient } from 'mqtt';
import { Client } from 'pg';
import { TelemetryReadingV1 } from '@hp/contracts';
import { FleetHandle, NO_FAULTS, startFleet } from '@hp/simulators';
import { seedBenchStations, seedCodAlerting } from '../bench/bench-support';
import {
  PrivateMosquitto,
  PrivatePostgres,
  PrivateRedis,
  startWebhookReceiver,
  waitFor,
  WebhookReceiver,
} from '@hp/testing';
import { EmbeddedPlatform } from './support/embedded-platform';
import { PlatformProcess } from './support/platform-process';

/**
 * npm run test:faults — crash and outage drills on the real services, each on a stack of the test's
 * own (PostgreSQL cluster, Redis, persistent Mosquitto, the ingestion and worker apps as processes):
 * while the simulator fleet publishes, (a) the ingestion process is killed with SIGKILL and restarted,
 * (b) PostgreSQL crashes (immediate shutdown) and restarts, (c) Redis is stopped for 30 s (no
 * persistence: queued jobs are lost with it), (d) the broker restarts, keeping persistent sessions.
 * Three COD exceedances per drill, on stations of their own (before, during and after the fault), must
 * each open one alert notified exactly once. Every reading the fleet published must be stored once,
 * with the value published.
 */

const SECRET = 'drill-secret';
const PARK = 'DRILL';
const FLEET_STATIONS = 16;
const ALERT_STATIONS = 3;
/** One simulated minute per 100 ms step: ~4 readings per station per step (Flow, Temp, pH, TSS, COD/NH4). */
const STEP_MS = 100;
const SPEED = 600;
/** How long a drill waits for the platform to catch up (stored readings, notifications). */
const SETTLE_MS = 120_000;

interface Fault {
  readonly scenario: string;
  readonly prefix: string;
  /** Brings the fault on; resolves when it is in effect. */
  down(): Promise<void>;
  readonly downMs: number;
  /** Ends it; resolves when the service is back. */
  up(): Promise<void>;
}

interface Row {
  scenario: string;
  published: number;
  stored: number;
  lost: number;
  duplicated: number;
  alertsExpected: number;
  alertsOpened: number;
  alertsNotified: number;
  notifiedTwice: number;
  /** Why readings are missing, when some are (not printed in the table). */
  diagnosis?: {
    unacknowledged: number;
    lostExamples: string[];
    quarantined: string[];
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits like waitFor but answers false at the deadline instead of throwing: the table shows what was reached. */
async function settle(predicate: () => Promise<boolean>, timeoutMs = SETTLE_MS): Promise<boolean> {
  return waitFor(predicate, { timeoutMs, intervalMs: 250 }).then(
    () => true,
    () => false,
  );
}

describe('fault drills: crashes and outages lose no reading and no alert', () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let broker: PrivateMosquitto;
  let ingestion: PlatformProcess;
  let worker: PlatformProcess;
  let webhook: WebhookReceiver;
  let alerter: MqttClient;
  let sql: Client;
  const stationIds = new Map<string, number>();
  const rows: Row[] = [];

  beforeAll(async () => {
    [postgres, redis, broker, webhook] = await Promise.all([
      PrivatePostgres.start(),
      PrivateRedis.start(),
      PrivateMosquitto.start({ persistent: true }),
      startWebhookReceiver(SECRET),
    ]);
    const prefixes = ['A', 'B', 'C', 'D'];
    for (const prefix of prefixes) {
      const fleet = await seedBenchStations(postgres.url, PARK, FLEET_STATIONS, `${prefix}F`);
      const hot = await seedBenchStations(postgres.url, PARK, ALERT_STATIONS, `${prefix}X`);
      [...fleet.codes, ...hot.codes].forEach((code, i) =>
        stationIds.set(code, [...fleet.ids, ...hot.ids][i]),
      );
    }
    // Only the alert stations have a permit: the fleet opens nothing.
    await seedCodAlerting(postgres.url, {
      park: PARK,
      stationIds: [...stationIds].filter(([code]) => code.includes('X')).map(([, id]) => id),
      ruleCode: 'drill-cod',
      webhookUrl: webhook.url,
    });
    sql = new Client({ connectionString: postgres.url });
    await sql.connect();
    sql.on('error', () => undefined); // the PostgreSQL drill ends this session; it is reopened

    const env = {
      DATABASE_URL: postgres.url,
      MQTT_URL: broker.url,
      REDIS_URL: redis.url,
      ALERT_WEBHOOK_SECRET: SECRET,
    };
    ingestion = await PlatformProcess.create('ingestion', env);
    worker = await PlatformProcess.create('worker', env);
    await Promise.all([ingestion.start(), worker.start()]);
    alerter = await connectAsync(broker.url, {
      clientId: `drill-alerter-${process.pid}`,
      clean: false,
      reconnectPeriod: 500,
    });
  }, 180_000);

  afterAll(async () => {
    printTable(rows);
    await alerter?.endAsync(true);
    await sql?.end().catch(() => undefined);
    for (const service of [ingestion, worker, broker, redis]) await service?.dispose();
    await postgres?.dispose();
    await webhook?.close();
  }, 60_000);

  /** Reconnects the checking session after the PostgreSQL drill ended it. */
  async function query<T extends Record<string, unknown>>(text: string, params: unknown[]): Promise<T[]> {
    try {
      return (await sql.query<T>(text, params)).rows;
    } catch (error) {
      await sql.end().catch(() => undefined);
      sql = new Client({ connectionString: postgres.url });
      sql.on('error', () => undefined);
      await sql.connect();
      throw error;
    }
  }

  /** Publishes COD 400 (the B limit is 150) on an alert station; resolves at the broker's PUBACK. */
  function exceed(station: string): Promise<unknown> {
    return alerter.publishAsync(
      `hp/v1/parks/${PARK}/stations/${station}/telemetry`,
      JSON.stringify({
        readings: [
          { parameter: 'COD', value: 400, unit: 'mg/L', time: new Date().toISOString(), status: '00' },
        ],
      }),
      { qos: 1 },
    );
  }

  async function drill(fault: Fault): Promise<Row> {
    const fleetCodes = Array.from(
      { length: FLEET_STATIONS },
      (_, i) => `${fault.prefix}F${String(i).padStart(4, '0')}`,
    );
    const alertCodes = Array.from(
      { length: ALERT_STATIONS },
      (_, i) => `${fault.prefix}X${String(i).padStart(4, '0')}`,
    );
    const ledger = new Map<string, number>();
    let sentReadings = 0;
    const fleet: FleetHandle = startFleet({
      mqttUrl: broker.url,
      stations: fleetCodes.map((stationCode) => ({ parkCode: PARK, stationCode })),
      intervalMs: STEP_MS,
      speed: SPEED,
      seed: 2030,
      tickMinutes: 1,
      faults: NO_FAULTS,
      // A day ago: readings stay in the past however long the drill runs (~8 simulated hours).
      startTime: Date.now() - 86_400_000,
      protocolVersion: 5,
      clientId: `drill-fleet-${fault.prefix}-${process.pid}`,
      logger: { log: () => undefined, warn: () => undefined, error: (m) => console.error(m) },
      onSent: (topic: string, readings: readonly TelemetryReadingV1[]) => {
        const station = topic.split('/')[5];
        for (const r of readings) {
          sentReadings++;
          ledger.set(`${station}|${r.parameter}|${Date.parse(r.time)}`, r.value);
        }
      },
    });
    const exceedances: Promise<unknown>[] = [];
    await sleep(3000);
    exceedances.push(exceed(alertCodes[0]));
    await sleep(1000);
    await fault.down();
    exceedances.push(exceed(alertCodes[1])); // while the fault lasts
    await sleep(fault.downMs);
    await fault.up();
    await sleep(1000);
    exceedances.push(exceed(alertCodes[2]));
    await sleep(3000);
    // The fleet stops stepping, then waits until the broker has acknowledged every message it sent.
    await fleet.stop(60_000);
    const unacknowledged = fleet.pending();
    await Promise.all(exceedances);

    const ids = fleetCodes.map((c) => stationIds.get(c)!);
    const count = async () =>
      Number(
        (
          await query<{ n: string }>(`SELECT count(*) AS n FROM readings WHERE station_id = ANY($1)`, [ids])
        )[0].n,
      );
    await settle(async () => (await count()) >= sentReadings);
    const codeOf = new Map([...stationIds].map(([code, id]) => [id, code]));
    const stored = await query<{ stationId: number; parameter: string; ms: string; value: number }>(
      `SELECT r.station_id AS "stationId", r.parameter_code AS parameter,
              (extract(epoch FROM r.time) * 1000)::bigint AS ms, r.value
         FROM readings r WHERE r.station_id = ANY($1)`,
      [ids],
    );
    const seen = new Set<string>();
    let duplicated = 0;
    let matching = 0;
    for (const r of stored) {
      const key = `${codeOf.get(r.stationId)}|${r.parameter}|${r.ms}`;
      if (seen.has(key)) duplicated++;
      else if (ledger.get(key) === r.value) matching++;
      seen.add(key);
    }
    const lostKeys = [...ledger.keys()].filter((key) => !seen.has(key));
    const diagnosis =
      lostKeys.length === 0 && unacknowledged === 0
        ? undefined
        : {
            unacknowledged,
            lostExamples: lostKeys
              .slice(0, 5)
              .map((k) => k.replace(/\|(\d+)$/, (_, ms: string) => `|${new Date(Number(ms)).toISOString()}`)),
            quarantined: (
              await query<{ reason: string }>(
                `SELECT (problems -> 0 -> 'reason')::text AS reason FROM quarantined_messages WHERE topic LIKE $1 ORDER BY id LIMIT 5`,
                [`hp/v1/parks/${PARK}/stations/${fault.prefix}F%`],
              )
            ).map((q) => q.reason),
          };

    const alertIds = alertCodes.map((c) => stationIds.get(c)!);
    const opened = async () =>
      Number(
        (
          await query<{ n: string }>(`SELECT count(*) AS n FROM alerts WHERE station_id = ANY($1)`, [
            alertIds,
          ])
        )[0].n,
      );
    const notices = () =>
      webhook.received.filter(
        (r) =>
          r.body['event'] === 'opened' &&
          alertIds.includes((r.body['alert'] as { stationId: number }).stationId),
      );
    await settle(
      async () =>
        new Set(notices().map((n) => (n.body['alert'] as { id: number }).id)).size >= ALERT_STATIONS,
    );
    await sleep(1500); // a second notification of the same alert would arrive now
    const noticed = notices();
    const noticedAlerts = new Set(noticed.map((n) => (n.body['alert'] as { id: number }).id));
    return {
      scenario: fault.scenario,
      published: ledger.size,
      stored: stored.length,
      lost: ledger.size - matching,
      duplicated,
      alertsExpected: ALERT_STATIONS,
      alertsOpened: await opened(),
      alertsNotified: noticedAlerts.size,
      notifiedTwice: noticed.length - noticedAlerts.size,
      ...(diagnosis ? { diagnosis } : {}),
    };
  }

  function expectClean(row: Row): void {
    rows.push(row);
    expect(row.published).toBeGreaterThan(1000);
    expect(row).toEqual({
      ...row,
      stored: row.published,
      lost: 0,
      duplicated: 0,
      alertsOpened: row.alertsExpected,
      alertsNotified: row.alertsExpected,
      notifiedTwice: 0,
      diagnosis: undefined,
    });
  }

  it('(a) ingestion killed with SIGKILL mid-stream and restarted', async () => {
    expectClean(
      await drill({
        scenario: 'ingestion kill -9, restart',
        prefix: 'A',
        down: () => ingestion.stop('SIGKILL'),
        downMs: 2000,
        up: () => ingestion.start(),
      }),
    );
  }, 300_000);

  it('(b) PostgreSQL crashed (immediate shutdown) mid-stream and restarted', async () => {
    expectClean(
      await drill({
        scenario: 'PostgreSQL crash, restart',
        prefix: 'B',
        down: () => postgres.halt('immediate'),
        downMs: 5000,
        up: () => postgres.begin(),
      }),
    );
  }, 300_000);

  it('(c) Redis stopped for 30 s', async () => {
    expectClean(
      await drill({
        scenario: 'Redis stopped 30 s',
        prefix: 'C',
        down: () => redis.stop('SIGTERM'),
        downMs: 30_000,
        up: () => redis.start(),
      }),
    );
  }, 300_000);

  it('(d) broker restarted; persistent sessions kept', async () => {
    expectClean(
      await drill({
        scenario: 'broker restart',
        prefix: 'D',
        down: () => broker.stop('SIGTERM'),
        downMs: 3000,
        up: () => broker.start(),
      }),
    );
  }, 300_000);
});

/**
 * (e) `npm start` itself: the embedded broker (aedes, in memory) and the embedded TimescaleDB in one
 * process, killed with SIGKILL while a device publishes QoS 1 readings, then restarted on the same data
 * directory. The device (mqtt.js, which keeps every unacknowledged QoS 1 message and sends it again on
 * reconnect) carries on; every reading the broker acknowledged must be stored with its value: the
 * embedded broker sends a PUBACK only after the platform's own, which follows the commit.
 */
describe('fault drill: npm start (embedded broker and database) killed with SIGKILL', () => {
  const READINGS = 3000;
  const IN_FLIGHT = 200;
  const STATION = 'VSIP-HP-CETP-OUT';
  const DEVICE = `DRILL-E-${process.pid}`;
  let drill: EmbeddedPlatform;

  beforeAll(async () => {
    drill = await EmbeddedPlatform.start('drill-embedded', { SIMULATOR_ENABLED: 'false' });
  }, 180_000);

  afterAll(() => drill?.dispose(), 60_000);

  const api = <T>(path: string, init: RequestInit & { token?: string } = {}) =>
    drill.api<T>(path, init.token, init);
  const signIn = () => drill.signIn();

  it('(e) npm start killed with SIGKILL mid-stream, restarted on its data directory: no acknowledged reading lost', async () => {
    const token = await signIn();
    const { password } = await api<{ password: string }>('/admin/devices', {
      method: 'POST',
      token,
      body: JSON.stringify({ code: DEVICE, kind: 'analyzer', station: STATION }),
    });
    const device: MqttClient = connect(drill.mqttUrl, {
      clientId: DEVICE,
      username: DEVICE,
      password,
      clean: false,
      reconnectPeriod: 200,
      connectTimeout: 5000,
    });
    device.on('error', () => undefined);
    const start = Date.now() - 2 * 86_400_000;
    const timeOf = (i: number) => new Date(start + i * 1000).toISOString();
    const valueOf = (i: number) => 10 + (i % 400);
    const acknowledged = new Set<number>();
    let next = 0;
    let inFlight = 0;
    const pump = () => {
      while (inFlight < IN_FLIGHT && next < READINGS) {
        const i = next++;
        inFlight++;
        const payload = JSON.stringify({
          readings: [{ parameter: 'COD', value: valueOf(i), unit: 'mg/L', time: timeOf(i), status: '00' }],
        });
        // mqtt.js keeps it until its PUBACK, across reconnects (sent again with DUP).
        device.publish(`hp/v1/parks/VSIP-HP/stations/${STATION}/telemetry`, payload, { qos: 1 }, (error) => {
          inFlight--;
          if (!error) acknowledged.add(i);
          pump();
        });
      }
    };
    try {
      await waitFor(() => device.connected, { timeoutMs: 10_000, description: 'the device connected' });
      pump();
      await waitFor(() => acknowledged.size >= READINGS / 3, {
        timeoutMs: 60_000,
        description: 'a third acknowledged',
      });
      await drill.app.stop('SIGKILL');
      const acknowledgedAtKill = acknowledged.size;
      await drill.app.start();
      await waitFor(() => acknowledged.size === READINGS, {
        timeoutMs: 120_000,
        intervalMs: 250,
        description: 'every reading acknowledged after the restart',
      });
      expect(acknowledgedAtKill).toBeLessThan(READINGS);

      const again = await signIn();
      const parks = await api<
        { code: string; treatmentPlants: { stations: { id: number; code: string }[] }[] }[]
      >('/parks', { token: again });
      const stationId = parks
        .flatMap((p) => p.treatmentPlants.flatMap((t) => t.stations))
        .find((st) => st.code === STATION)!.id;
      const stored = new Map<string, number>();
      for (let offset = 0; offset < READINGS; offset += 1000) {
        const window = `from=${encodeURIComponent(timeOf(offset))}&to=${encodeURIComponent(timeOf(offset + 1000))}`;
        const page = await api<{ readings: { time: string; value: number }[] }>(
          `/stations/${stationId}/readings?parameter=COD&${window}&limit=10000`,
          { token: again },
        );
        for (const r of page.readings) stored.set(new Date(r.time).toISOString(), r.value);
      }
      const lost = [...acknowledged].filter((i) => stored.get(timeOf(i)) !== valueOf(i));
      process.stdout.write(
        `\nfault drill (e) npm start kill -9: published ${READINGS}, acknowledged before the kill ${acknowledgedAtKill}, stored ${stored.size}, acknowledged and lost ${lost.length}\n`,
      );
      expect(lost.map(timeOf)).toEqual([]);
    } finally {
      await device.endAsync(true);
    }
  }, 300_000);
});

function printTable(rows: readonly Row[]): void {
  const header = [
    'scenario',
    'published',
    'stored',
    'lost',
    'duplicated',
    'alerts expected',
    'alerts opened',
    'alerts notified',
    'notified twice',
  ];
  const lines = rows.map((r) => [
    r.scenario,
    r.published,
    r.stored,
    r.lost,
    r.duplicated,
    r.alertsExpected,
    r.alertsOpened,
    r.alertsNotified,
    r.notifiedTwice,
  ]);
  const text = [header, ...lines].map((cells) => `| ${cells.join(' | ')} |`);
  text.splice(1, 0, `|${header.map(() => ' --- ').join('|')}|`);
  // Straight to stdout: the table is the drill's report, not a log line.
  process.stdout.write(`\nfault drills\n${text.join('\n')}\n${JSON.stringify({ faults: rows })}\n`);
}
