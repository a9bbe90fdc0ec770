// A Redis primary with one replica, watched by three sentinels (quorum 2), on ports of the test's choosing:
// the primary can be killed (SIGKILL) and the sentinels promote the replica, as in production (infra).
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { RestartableProcess } from '../private-services';
import { waitFor } from '../wait-for';

export interface RedisSentinelOptions {
  /** The primary listens on basePort, the replica on basePort + 1, the sentinels on basePort + 2 to + 4. */
  readonly basePort: number;
  /** The master name the sentinels monitor. */
  readonly name?: string;
  /** Sentinel's down-after-milliseconds: how long the primary may not answer before it is judged down. */
  readonly downAfterMs?: number;
  readonly failoverTimeoutMs?: number;
}

export interface RedisAddress {
  readonly host: string;
  readonly port: number;
}

/** A data node without persistence (a lost primary loses what its replica had not received). */
class RedisNode extends RestartableProcess {
  /** The primary this node replicates from; null: it starts as a primary. */
  replicaOf: number | null = null;

  protected launch(log: number): ChildProcess {
    // A replica writes the snapshot of its full synchronisation to disk, and a server loads the snapshot in
    // its directory at start: each node has a file of its own in the cluster's directory, removed before
    // each start (else a restart, or the next run in the same directory, comes back with old jobs).
    const snapshot = `${this.name}.rdb`;
    rmSync(join(this.dir, snapshot), { force: true });
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    args.push('--dir', this.dir, '--dbfilename', snapshot);
    if (this.replicaOf !== null) args.push('--replicaof', '127.0.0.1', String(this.replicaOf));
    return spawn('redis-server', args, { stdio: ['ignore', log, log], cwd: this.dir });
  }

  get running(): boolean {
    return this.child !== null;
  }
}

/** A sentinel; it rewrites its own configuration file (what it learnt survives its restart). */
class SentinelNode extends RestartableProcess {
  protected launch(log: number): ChildProcess {
    return spawn('redis-sentinel', [join(this.dir, `${this.name}.conf`)], {
      stdio: ['ignore', log, log],
      cwd: this.dir,
    });
  }
}

export class RedisSentinelCluster {
  private constructor(
    readonly name: string,
    readonly nodes: readonly RedisNode[],
    private readonly sentinelNodes: readonly SentinelNode[],
  ) {}

  static async start(options: RedisSentinelOptions): Promise<RedisSentinelCluster> {
    const { basePort } = options;
    const name = options.name ?? 'hp-redis';
    const dir = mkdtempSync(join(tmpdir(), 'hp-redis-sentinel-'));
    const nodes = [0, 1].map((i) => new RedisNode(dir, basePort + i, `redis-${i}`));
    nodes[1].replicaOf = basePort;
    const sentinels = [2, 3, 4].map((i) => new SentinelNode(dir, basePort + i, `sentinel-${i - 1}`));
    for (const sentinel of sentinels)
      writeFileSync(
        join(dir, `${sentinel.name}.conf`),
        [
          `port ${sentinel.port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${basePort} 2`,
          `sentinel down-after-milliseconds ${name} ${options.downAfterMs ?? 1000}`,
          `sentinel failover-timeout ${name} ${options.failoverTimeoutMs ?? 5000}`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
    const cluster = new RedisSentinelCluster(name, nodes, sentinels);
    try {
      for (const node of [...nodes, ...sentinels]) await node.start();
      await cluster.waitUntilWatched();
    } catch (error) {
      await cluster.dispose();
      throw error;
    }
    return cluster;
  }

  /** The sentinels' addresses, as REDIS_SENTINELS names them. */
  get sentinels(): RedisAddress[] {
    return this.sentinelNodes.map((s) => ({ host: '127.0.0.1', port: s.port }));
  }

  /** REDIS_SENTINELS for these sentinels. */
  get sentinelsVariable(): string {
    return this.sentinels.map((s) => `${s.host}:${s.port}`).join(',');
  }

  /** The primary as the first sentinel that answers names it. */
  async primary(): Promise<RedisAddress> {
    let lastError: unknown;
    for (const sentinel of this.sentinelNodes) {
      try {
        const [host, port] = (await this.ask(
          sentinel.port,
          'SENTINEL',
          'get-master-addr-by-name',
          this.name,
        )) as [string, string];
        return { host, port: Number(port) };
      } catch (error) {
        lastError = error;
      }
    }
    throw new Error(`no sentinel names the primary of ${this.name}`, { cause: lastError });
  }

  /** Kills the current primary with SIGKILL; returns its port (to restart it). */
  async killPrimary(): Promise<number> {
    const { port } = await this.primary();
    const node = this.node(port);
    await node.stop('SIGKILL');
    return port;
  }

  /** Resolves with the new primary once the sentinels name one other than `formerPort` and it accepts writes. */
  async waitForFailover(formerPort: number, timeoutMs = 30_000): Promise<RedisAddress> {
    return waitFor(
      async () => {
        const primary = await this.primary();
        if (primary.port === formerPort) return null;
        const role = (await this.ask(primary.port, 'ROLE')) as [string];
        return role[0] === 'master' ? primary : null;
      },
      {
        timeoutMs,
        intervalMs: 100,
        description: `a replica of ${this.name} promoted in place of ${formerPort}`,
      },
    );
  }

  /**
   * Restarts the data node on `port` as a replica of the current primary (the sentinels would demote it
   * anyway; starting it as one spares a moment with two primaries) and waits until it has synchronised.
   */
  async restart(port: number): Promise<void> {
    const node = this.node(port);
    if (node.running) await node.stop('SIGKILL');
    const primary = await this.primary();
    node.replicaOf = primary.port === port ? null : primary.port;
    await node.start();
    await this.waitUntilWatched();
  }

  logTails(): string {
    return [...this.nodes, ...this.sentinelNodes].map((n) => `--- ${n.name}\n${n.logTail(20)}`).join('\n');
  }

  async dispose(): Promise<void> {
    // Sentinels first, so none reacts to the data nodes going.
    for (const node of [...this.sentinelNodes, ...this.nodes]) await node.dispose().catch(() => undefined);
  }

  private node(port: number): RedisNode {
    const node = this.nodes.find((n) => n.port === port);
    if (!node) throw new Error(`no Redis node of this cluster on ${port}`);
    return node;
  }

  /**
   * Waits until every replica is in sync with the primary and every sentinel knows the replicas and the
   * other two sentinels: before that, a failover could not be authorised or would have no replica to promote.
   */
  private async waitUntilWatched(): Promise<void> {
    await waitFor(
      async () => {
        const primary = await this.primary();
        const info = String(await this.ask(primary.port, 'INFO', 'replication'));
        const replicas = this.nodes.filter((n) => n.running && n.port !== primary.port).length;
        const online = (info.match(/^slave\d+:.*state=online/gm) ?? []).length;
        if (online < replicas) return false;
        for (const sentinel of this.sentinelNodes) {
          const known = (await this.ask(sentinel.port, 'SENTINEL', 'replicas', this.name)) as unknown[];
          const peers = (await this.ask(sentinel.port, 'SENTINEL', 'sentinels', this.name)) as unknown[];
          if (known.length < replicas || peers.length < this.sentinelNodes.length - 1) return false;
        }
        return true;
      },
      {
        timeoutMs: 30_000,
        intervalMs: 200,
        description: `the sentinels of ${this.name} watching its replicas`,
      },
    );
  }

  /** One command to the server on `port`, on a connection of its own that never retries. */
  private async ask(port: number, ...command: string[]): Promise<unknown> {
    const client = new Redis({
      host: '127.0.0.1',
      port,
      lazyConnect: true,
      connectTimeout: 1000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.call(command[0], ...command.slice(1));
    } finally {
      client.disconnect();
    }
  }
}
