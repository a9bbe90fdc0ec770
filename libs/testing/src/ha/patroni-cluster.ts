// A PostgreSQL 15 cluster of a test's own run by Patroni (3.0, /usr/bin/patroni) on an etcd3 store, with
// synchronous replication: a node can be killed as a machine dies (patroni and every postgres process at once)
// and the cluster elects a new primary among the nodes that hold every acknowledged commit.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { freePort, RestartableProcess } from '../private-services';
import { waitFor } from '../wait-for';

const BIN_DIR = '/usr/lib/postgresql/15/bin';

/** Patroni's timing: a dead primary's leader key expires `ttl` seconds after its last renewal. */
export interface PatroniTiming {
  /** Seconds the leader key lives without renewal (Patroni needs loop_wait + 2 × retry_timeout ≤ ttl). */
  ttl: number;
  /** Seconds between two runs of each node's HA loop. */
  loopWait: number;
  /** Seconds a DCS or PostgreSQL operation is retried before the node gives up its leadership. */
  retryTimeout: number;
}

/** Fast enough for a test (a failover in about ttl seconds), slow enough not to flap on a busy machine. */
export const FAST_FAILOVER_TIMING: PatroniTiming = { ttl: 10, loopWait: 1, retryTimeout: 4 };

export interface PatroniClusterOptions {
  /** `host:port` of the etcd members (EtcdCluster.hosts). */
  etcdHosts: string[];
  /** Nodes (3 unless told). */
  size?: number;
  /** Node i listens for PostgreSQL on basePort + i and for the REST API on basePort + 10 + i; free ports otherwise. */
  basePort?: number;
  /** Patroni's scope, the cluster's name in etcd (and the node names' prefix). */
  scope?: string;
  timing?: PatroniTiming;
  /**
   * Strict (the default): with no synchronous standby left the primary stops acknowledging commits rather
   * than acknowledging ones held by it alone. Non-strict keeps writing then, at the price of those commits.
   */
  synchronousModeStrict?: boolean;
  /** Extra postgresql.conf parameters for every node (bootstrap DCS configuration). */
  parameters?: Record<string, string | number>;
}

/** A member as `GET /cluster` lists it. */
export interface PatroniMember {
  name: string;
  role: 'leader' | 'sync_standby' | 'replica' | 'standby_leader';
  state: string;
  host?: string;
  port?: number;
  timeline?: number;
  lag?: number | 'unknown';
}

/** A node's own view (`GET /patroni`); on the primary `replication` lists its walsenders. */
export interface PatroniStatus {
  state: string;
  role: string;
  timeline?: number;
  replication?: Array<{ application_name: string; state: string; sync_state: string }>;
}

const asRoot = process.getuid?.() === 0;

/** uid and gid of `postgres`: PostgreSQL (and so Patroni) refuses to run as root. */
function postgresIds(): { uid: number; gid: number } {
  const out = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: out('-u'), gid: out('-g') };
}

/** Pids of processes whose command line mentions `needle` (a node's own temporary directory). */
function pidsMentioning(needle: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return pid !== process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false; // gone meanwhile
      }
    });
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** One Patroni node: the patroni process (restarted on its REST port) and the postgres it runs. */
export class PatroniNode extends RestartableProcess {
  constructor(
    dir: string,
    /** The REST API's port, awaited on (re)start. */
    restPort: number,
    name: string,
    readonly pgPort: number,
    private readonly ids: { uid: number; gid: number } | null,
  ) {
    super(dir, restPort, name);
  }

  /** The node's own directory: its patroni.yml, log, socket and data directory. */
  get home(): string {
    return this.dir;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  get restUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A superuser connection straight to this node's PostgreSQL. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.pgPort}/postgres`;
  }

  get patroniPid(): number | undefined {
    return this.child?.pid;
  }

  /** Whether patroni runs (it may have been killed). */
  get running(): boolean {
    return this.child !== null;
  }

  /** The postmaster's pid from data_dir/postmaster.pid, if postgres runs. */
  postmasterPid(): number | undefined {
    try {
      const pid = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return pid > 0 ? pid : undefined;
    } catch {
      return undefined; // unreadable or absent: not started (or being cloned)
    }
  }

  /** The HTTP status of a REST health endpoint (`/primary`, `/replica`, `/health`…), 0 if unreachable. */
  async endpointStatus(path: string): Promise<number> {
    try {
      const response = await fetch(`${this.restUrl}${path}`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  }

  async status(): Promise<PatroniStatus | undefined> {
    try {
      const response = await fetch(`${this.restUrl}/patroni`, { signal: AbortSignal.timeout(1000) });
      return (await response.json()) as PatroniStatus;
    } catch {
      return undefined;
    }
  }

  /**
   * The node dies as its machine would: patroni and every postgres process SIGKILLed back to back, nothing
   * flushed, no leader key released (the others wait for it to expire).
   */
  async kill(): Promise<void> {
    const postmaster = this.postmasterPid();
    const patroni = this.stop('SIGKILL');
    if (postmaster) {
      try {
        // Patroni starts the postmaster in a session of its own: its backends share its process group.
        process.kill(-postmaster, 'SIGKILL');
      } catch {
        killQuietly(postmaster);
      }
    }
    await patroni;
    await waitFor(async () => !(await acceptsConnections(this.pgPort)), {
      timeoutMs: 10_000,
      intervalMs: 100,
      description: `${this.name}'s postgres gone`,
    });
  }

  /** Kills whatever of this node still runs, postgres orphans included (found by its own directory). */
  killAll(): void {
    this.child?.kill('SIGKILL');
    const postmaster = this.postmasterPid();
    if (postmaster) {
      try {
        process.kill(-postmaster, 'SIGKILL');
      } catch {
        // gone
      }
    }
    pidsMentioning(this.dir).forEach(killQuietly);
  }

  protected launch(log: number): ChildProcess {
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], LANG: 'C.UTF-8', HOME: this.dir };
    return spawn('/usr/bin/patroni', [join(this.dir, 'patroni.yml')], {
      stdio: ['ignore', log, log],
      cwd: this.dir,
      env,
      ...(this.ids ?? {}),
    });
  }

  override async dispose(): Promise<void> {
    this.killAll();
    await super.dispose();
  }
}

export class PatroniCluster {
  /** Postgres runs in sessions of its own: were the test process to exit without dispose(), it would stay. */
  private readonly killAllAtExit = () => this.nodes.forEach((node) => node.killAll());

  private constructor(
    private readonly dir: string,
    readonly scope: string,
    readonly nodes: PatroniNode[],
  ) {
    process.once('exit', this.killAllAtExit);
  }

  /** Directories, ports and each node's patroni.yml; nothing running yet: start() it. */
  static async create(options: PatroniClusterOptions): Promise<PatroniCluster> {
    const size = options.size ?? 3;
    const scope = options.scope ?? 'hp-pg';
    const timing = options.timing ?? FAST_FAILOVER_TIMING;
    if (timing.loopWait + 2 * timing.retryTimeout > timing.ttl) {
      throw new Error('Patroni timing: loop_wait + 2 × retry_timeout must not exceed ttl');
    }
    const ids = asRoot ? postgresIds() : null;
    const dir = mkdtempSync(join(tmpdir(), `hp-${scope}-`));
    const nodes: PatroniNode[] = [];
    for (let i = 0; i < size; i++) {
      const [pgPort, restPort] =
        options.basePort === undefined
          ? [await freePort(), await freePort()]
          : [options.basePort + i, options.basePort + 10 + i];
      const name = `${scope}-${i + 1}`;
      const nodeDir = join(dir, name);
      mkdirSync(nodeDir, { mode: 0o700 });
      const node = new PatroniNode(nodeDir, restPort, name, pgPort, ids);
      writeFileSync(
        join(nodeDir, 'patroni.yml'),
        JSON.stringify(patroniConfig(node, scope, timing, options)),
      );
      nodes.push(node);
    }
    if (ids) execFileSync('chown', ['-R', `${ids.uid}:${ids.gid}`, dir]);
    return new PatroniCluster(dir, scope, nodes);
  }

  /**
   * Starts every node at once (one wins the initialize key and runs initdb, the others clone it) and waits
   * until there is a leader, a synchronous standby and every node runs.
   */
  async start(timeoutMs = 60_000): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.start()));
    await this.waitForHealthy(timeoutMs);
  }

  /** Waits until a leader, a sync standby, and every running node streaming from the leader. */
  async waitForHealthy(timeoutMs = 30_000): Promise<PatroniMember[]> {
    const running = this.nodes.filter((n) => n.running).map((n) => n.name);
    return waitFor(
      async () => {
        const members = await this.members();
        const leader = members.find((m) => m.role === 'leader' && m.state === 'running');
        if (!leader || !members.some((m) => m.role === 'sync_standby' && m.state === 'running'))
          return undefined;
        const streaming = await this.streamingFrom(leader.name);
        const ok = running.every((name) => name === leader.name || streaming.includes(name));
        return ok ? members : undefined;
      },
      { timeoutMs, intervalMs: 200, description: `Patroni cluster ${this.scope} healthy` },
    );
  }

  node(name: string): PatroniNode {
    const node = this.nodes.find((n) => n.name === name);
    if (!node) throw new Error(`no Patroni node ${name} (${this.nodes.map((n) => n.name).join(', ')})`);
    return node;
  }

  /** The members as the DCS holds them (`GET /cluster` of the first node that answers). */
  async members(): Promise<PatroniMember[]> {
    for (const node of this.nodes.filter((n) => n.running)) {
      try {
        const response = await fetch(`${node.restUrl}/cluster`, { signal: AbortSignal.timeout(1000) });
        if (response.ok) return ((await response.json()) as { members: PatroniMember[] }).members;
      } catch {
        // try the next node
      }
    }
    return [];
  }

  /** The node holding the leader key whose `/primary` answers 200 (it runs as a read-write primary). */
  async primary(timeoutMs = 30_000): Promise<PatroniNode> {
    return waitFor(
      async () => {
        const leader = (await this.members()).find((m) => m.role === 'leader');
        if (!leader) return undefined;
        const node = this.node(leader.name);
        return (await node.endpointStatus('/primary')) === 200 ? node : undefined;
      },
      { timeoutMs, intervalMs: 200, description: `a primary in ${this.scope}` },
    );
  }

  /** Names of the replicas the leader's walsenders stream to now. */
  async streamingFrom(leaderName: string): Promise<string[]> {
    const status = await this.node(leaderName).status();
    return (status?.replication ?? []).filter((r) => r.state === 'streaming').map((r) => r.application_name);
  }

  /** Kills the current primary's node (patroni and postgres, SIGKILL) and returns it. */
  async killPrimary(): Promise<PatroniNode> {
    const primary = await this.primary();
    await primary.kill();
    return primary;
  }

  /** Starts a stopped or killed node's patroni again (it starts its postgres as a replica, rewound if need be). */
  async restartNode(name: string): Promise<PatroniNode> {
    const node = this.node(name);
    if (node.running) throw new Error(`${name} still runs`);
    await node.start();
    return node;
  }

  /** Waits until `name` runs as a replica streaming from the leader (`GET /replica` answers 200). */
  async waitForReplica(name: string, timeoutMs = 30_000): Promise<void> {
    const node = this.node(name);
    await waitFor(
      async () => {
        if ((await node.endpointStatus('/replica')) !== 200) return false;
        const leader = (await this.members()).find((m) => m.role === 'leader');
        return leader !== undefined && (await this.streamingFrom(leader.name)).includes(name);
      },
      { timeoutMs, intervalMs: 200, description: `${name} streaming as a replica` },
    );
  }

  logTails(lines = 30): string {
    return this.nodes.map((n) => `--- ${n.name}\n${n.logTail(lines)}`).join('\n');
  }

  /** Kills every node's processes (postgres orphans included) and removes the directories. */
  async dispose(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.dispose()));
    process.removeListener('exit', this.killAllAtExit);
    if (!process.env['HP_KEEP_DIRS'] && existsSync(this.dir))
      rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A node's patroni.yml (JSON is YAML): written once, read again on each restart. */
function patroniConfig(
  node: PatroniNode,
  scope: string,
  timing: PatroniTiming,
  options: PatroniClusterOptions,
): Record<string, unknown> {
  const trustLocal = [
    'local all all trust',
    'host all all 127.0.0.1/32 trust',
    'host replication all 127.0.0.1/32 trust',
  ];
  return {
    scope,
    namespace: '/hp/',
    name: node.name,
    log: { level: 'INFO' },
    restapi: { listen: `127.0.0.1:${node.port}`, connect_address: `127.0.0.1:${node.port}` },
    etcd3: { hosts: options.etcdHosts },
    bootstrap: {
      dcs: {
        ttl: timing.ttl,
        loop_wait: timing.loopWait,
        retry_timeout: timing.retryTimeout,
        // Only the synchronous standby may be promoted in synchronous mode; the lag limit is a second guard.
        maximum_lag_on_failover: 1048576,
        synchronous_mode: true,
        synchronous_mode_strict: options.synchronousModeStrict ?? true,
        synchronous_node_count: 1,
        postgresql: {
          use_pg_rewind: true,
          use_slots: true,
          parameters: {
            synchronous_commit: 'on',
            wal_level: 'replica',
            hot_standby: 'on',
            wal_log_hints: 'on',
            max_connections: 40,
            max_wal_senders: 6,
            max_replication_slots: 6,
            shared_buffers: '16MB',
            wal_keep_size: '64MB',
            // A standby retries its primary every 5 s by default: after a failover, the standby the new primary
            // needs as its synchronous one (strict mode: no commit until then) would idle up to 5 s.
            wal_retrieve_retry_interval: '500ms',
            ...options.parameters,
          },
        },
      },
      initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }, 'data-checksums', 'no-sync'],
    },
    postgresql: {
      listen: `127.0.0.1:${node.pgPort}`,
      connect_address: `127.0.0.1:${node.pgPort}`,
      data_dir: node.dataDir,
      bin_dir: BIN_DIR,
      pgpass: join(node.home, 'pgpass'),
      authentication: {
        superuser: { username: 'postgres', password: 'postgres' },
        replication: { username: 'replicator', password: 'replicator' },
        rewind: { username: 'postgres', password: 'postgres' },
      },
      parameters: { unix_socket_directories: node.home },
      pg_hba: trustLocal,
      basebackup: [{ checkpoint: 'fast' }],
      // A killed primary may hold WAL the new one never got (commits never acknowledged): rewind it, else re-clone.
      remove_data_directory_on_rewind_failure: true,
      remove_data_directory_on_diverged_timelines: true,
    },
    watchdog: { mode: 'off' },
    tags: { nofailover: false, noloadbalance: false, clonefrom: false, nosync: false },
  };
}
