// The database's failover drill (issue 19 item 2; docs/high-availability.md, "Database"): etcd ×3, Patroni ×3 in
// synchronous mode, HAProxy routing to the primary. A writer commits one row at a time through HAProxy while the
// primary's node is killed; every row whose COMMIT was acknowledged must be on the new primary.
import pg from 'pg';
import { EtcdCluster } from './etcd-cluster';
import { patroniHaproxyConfig, PrivateHaproxy } from './haproxy';
import { PatroniCluster, PatroniNode } from './patroni-cluster';
import { waitFor } from '../wait-for';

// Ports of this spec's own (25000-25099): etcd 25000-25005, PostgreSQL 25010-12, REST 25020-22, HAProxy 25030-32.
const ETCD_BASE = 25000;
const PATRONI_BASE = 25010;
const PRIMARY_PORT = 25030;
const REPLICAS_PORT = 25031;
const STATS_PORT = 25032;

const through = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000, query_timeout: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Inserts one row at a time through HAProxy, each its own transaction, and keeps the ids whose COMMIT returned:
 * those the platform would have acknowledged. On an error it reconnects (through HAProxy again) and goes on.
 */
class AcknowledgedWriter {
  readonly acknowledged: number[] = [];
  failedAttempts = 0;
  firstFailureAt: number | undefined;
  /** The first success after the first failure. */
  recoveredAt: number | undefined;
  private acknowledgedBeforeFailure = 0;
  private client: pg.Client | undefined;
  private nextId = 1;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly url: string) {}

  start(): void {
    this.loop = (async () => {
      while (!this.stopped) {
        if (!(await this.writeOne())) await new Promise((resolve) => setTimeout(resolve, 50)); // reconnect pace
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await this.client?.end().catch(() => undefined);
  }

  /** Acknowledged since the writer recovered from the failover. */
  get acknowledgedAfterRecovery(): number {
    return this.recoveredAt === undefined ? 0 : this.acknowledged.length - this.acknowledgedBeforeFailure;
  }

  private async writeOne(): Promise<boolean> {
    const id = this.nextId++;
    try {
      if (!this.client) {
        const client = new pg.Client({
          connectionString: this.url,
          connectionTimeoutMillis: 2000,
          // A commit waiting for a synchronous standby that is gone: give up and retry on a new session.
          query_timeout: 5000,
        });
        client.on('error', () => undefined);
        this.client = client;
        await client.connect();
      }
      await this.client.query('INSERT INTO ha_probe (id) VALUES ($1)', [id]);
      this.acknowledged.push(id);
      if (this.firstFailureAt !== undefined && this.recoveredAt === undefined) this.recoveredAt = Date.now();
      return true;
    } catch {
      this.failedAttempts++;
      if (this.firstFailureAt === undefined) {
        this.firstFailureAt = Date.now();
        this.acknowledgedBeforeFailure = this.acknowledged.length;
      }
      void this.client?.end().catch(() => undefined);
      this.client = undefined;
      return false;
    }
  }
}

describe('PostgreSQL failover: Patroni on etcd, synchronous replication, HAProxy to the primary', () => {
  let etcd: EtcdCluster | undefined;
  let cluster: PatroniCluster | undefined;
  let haproxy: PrivateHaproxy | undefined;
  let killed: PatroniNode | undefined;

  beforeAll(async () => {
    const began = Date.now();
    etcd = await EtcdCluster.create({ basePort: ETCD_BASE });
    cluster = await PatroniCluster.create({ etcdHosts: etcd.hosts, basePort: PATRONI_BASE });
    haproxy = await PrivateHaproxy.create(
      patroniHaproxyConfig(cluster.nodes, {
        primaryPort: PRIMARY_PORT,
        replicasPort: REPLICAS_PORT,
        statsPort: STATS_PORT,
      }),
    );
    try {
      await etcd.start();
      await cluster.start();
      await haproxy.start();
      const primary = await cluster.primary();
      await haproxy.waitForServersUp('patroni_primary', [primary.name]);
      await haproxy.waitForServersUp(
        'patroni_replicas',
        cluster.nodes.filter((n) => n !== primary).map((n) => n.name),
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${cluster.logTails()}\n${etcd.logTails()}`);
    }
    console.log(`HA cluster booted (etcd ×3, Patroni ×3, HAProxy) in ${Date.now() - began} ms`);
    await query(through(PRIMARY_PORT), 'CREATE TABLE ha_probe (id integer PRIMARY KEY)');
  }, 120_000);

  afterAll(async () => {
    await haproxy?.dispose();
    await cluster?.dispose();
    await etcd?.dispose();
  }, 60_000);

  it('commits synchronously: the primary waits for a named standby, and the replicas port reaches a standby', async () => {
    const [{ synchronous_standby_names: names }] = await query<{ synchronous_standby_names: string }>(
      through(PRIMARY_PORT),
      'SHOW synchronous_standby_names',
    );
    expect(names).not.toBe('');
    const senders = await query<{ sync_state: string }>(
      through(PRIMARY_PORT),
      'SELECT sync_state FROM pg_stat_replication',
    );
    expect(senders).toHaveLength(2);
    expect(senders.filter((s) => s.sync_state === 'sync')).toHaveLength(1);
    const [{ standby }] = await query<{ standby: boolean }>(
      through(REPLICAS_PORT),
      'SELECT pg_is_in_recovery() AS standby',
    );
    expect(standby).toBe(true);
  });

  it('loses no acknowledged commit when the primary node dies, and elects a new primary', async () => {
    const writer = new AcknowledgedWriter(through(PRIMARY_PORT));
    writer.start();
    try {
      await waitFor(() => writer.acknowledged.length >= 50, {
        timeoutMs: 20_000,
        description: '50 rows written',
      });
      const killedAt = Date.now();
      killed = await cluster!.killPrimary();
      await waitFor(() => writer.acknowledgedAfterRecovery >= 50, {
        timeoutMs: 60_000,
        intervalMs: 100,
        description: 'writes acknowledged again after the failover',
      });
      await writer.stop();
      const present = new Set(
        (await query<{ id: number }>(through(PRIMARY_PORT), 'SELECT id FROM ha_probe')).map((r) => r.id),
      );
      const lost = writer.acknowledged.filter((id) => !present.has(id));
      const primary = await cluster!.primary();
      console.log(
        `failover: ${killed.name} killed, ${primary.name} primary; writes failed for ` +
          `${writer.recoveredAt! - writer.firstFailureAt!} ms (first failed to first succeeded write, ` +
          `${writer.failedAttempts} failed attempts, kill to recovery ${writer.recoveredAt! - killedAt} ms); ` +
          `${writer.acknowledged.length} rows acknowledged, ${present.size} present, ${lost.length} lost`,
      );
      expect(lost).toEqual([]);
      expect(primary.name).not.toBe(killed.name);
      expect(writer.firstFailureAt).toBeGreaterThanOrEqual(killedAt);
    } finally {
      await writer.stop();
    }
  }, 90_000);

  it('takes the killed node back as a replica of the new primary, holding every row', async () => {
    expect(killed).toBeDefined();
    const began = Date.now();
    await cluster!.restartNode(killed!.name);
    await cluster!.waitForReplica(killed!.name, 60_000);
    const [{ rows: onPrimary }] = await query<{ rows: number }>(
      through(PRIMARY_PORT),
      'SELECT count(*)::int AS rows FROM ha_probe',
    );
    await waitFor(
      async () => {
        const [{ rows }] = await query<{ rows: number }>(
          killed!.url,
          'SELECT count(*)::int AS rows FROM ha_probe',
        );
        return rows === onPrimary;
      },
      { timeoutMs: 10_000, intervalMs: 200, description: `${killed!.name} caught up` },
    );
    console.log(`${killed!.name} rejoined as a replica in ${Date.now() - began} ms`);
    const primary = await cluster!.primary();
    await haproxy!.waitForServersUp(
      'patroni_replicas',
      cluster!.nodes.filter((n) => n !== primary).map((n) => n.name),
    );
  }, 90_000);

  it('keeps its primary and takes writes while one etcd member is down', async () => {
    const primary = await cluster!.primary();
    await etcd!.kill('etcd1');
    try {
      await waitFor(
        async () =>
          (await query(through(PRIMARY_PORT), 'INSERT INTO ha_probe (id) VALUES (-1) RETURNING id')).length,
        { timeoutMs: 10_000, intervalMs: 200, description: 'a write with etcd1 down' },
      );
      expect((await cluster!.primary()).name).toBe(primary.name);
    } finally {
      await etcd!.restart('etcd1');
    }
  }, 30_000);
});
