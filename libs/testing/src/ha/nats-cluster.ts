// A NATS cluster with clustered JetStream (Debian's nats-server 2.9), the broker cluster of the HA drill.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RestartableProcess } from '../private-services';
import { waitFor } from '../wait-for';
import { NetworkHosts } from './network-hosts';

export interface NatsClusterOptions {
  /** Nodes; JetStream needs 3 for R3. */
  readonly size?: number;
  /**
   * Each node on a host of its own (network namespaces), so a node can be partitioned away. Without,
   * the nodes listen on loopback from `basePort` on.
   */
  readonly hosts?: NetworkHosts;
  readonly basePort?: number;
}

const CLIENT_PORT = 4222;
const CLUSTER_PORT = 6222;
const MONITOR_PORT = 8222;

class NatsNode extends RestartableProcess {
  constructor(
    dir: string,
    readonly index: number,
    protected override readonly host: string,
    readonly ports: { client: number; cluster: number; monitor: number },
    private readonly routes: readonly string[],
    private readonly hosts: NetworkHosts | undefined,
  ) {
    super(dir, ports.client, `nats-${index}`);
  }

  get url(): string {
    return `nats://${this.host}:${this.ports.client}`;
  }

  protected override ready(timeoutMs: number): Promise<unknown> {
    // JetStream is up (and has found its cluster's meta leader) once /healthz answers ok.
    return waitFor(
      async () => {
        try {
          const response = await fetch(`http://${this.host}:${this.ports.monitor}/healthz`, {
            signal: AbortSignal.timeout(1000),
          });
          return response.ok;
        } catch {
          return false;
        }
      },
      { timeoutMs, intervalMs: 200, description: `${this.name} healthy` },
    );
  }

  protected launch(log: number): ChildProcess {
    const config = join(this.dir, `${this.name}.conf`);
    const store = join(this.dir, `${this.name}-store`);
    mkdirSync(store, { recursive: true });
    writeFileSync(
      config,
      [
        `server_name: n${this.index}`,
        `listen: ${this.host}:${this.ports.client}`,
        `http: ${this.host}:${this.ports.monitor}`,
        `jetstream { store_dir: "${store}", max_memory_store: 64MB, max_file_store: 2GB }`,
        `cluster {`,
        `  name: hp`,
        `  listen: ${this.host}:${this.ports.cluster}`,
        `  routes: [${this.routes.join(', ')}]`,
        `}`,
        '',
      ].join('\n'),
    );
    const [command, args] = this.hosts
      ? this.hosts.command(this.index, 'nats-server', ['-c', config])
      : ['nats-server', ['-c', config]];
    return spawn(command, args, { stdio: ['ignore', log, log] });
  }
}

/** A JetStream cluster of `size` nodes; kill, restart or partition any one of them. */
export class NatsCluster {
  private constructor(
    private readonly dir: string,
    readonly nodes: readonly NatsNode[],
    private readonly hosts: NetworkHosts | undefined,
  ) {}

  static async start(options: NatsClusterOptions = {}): Promise<NatsCluster> {
    const size = options.size ?? 3;
    const dir = mkdtempSync(join(tmpdir(), 'hp-nats-'));
    const base = options.basePort ?? 28_000;
    const address = (i: number) => (options.hosts ? options.hosts.address(i) : '127.0.0.1');
    const ports = (i: number) =>
      options.hosts
        ? { client: CLIENT_PORT, cluster: CLUSTER_PORT, monitor: MONITOR_PORT }
        : { client: base + i, cluster: base + 100 + i, monitor: base + 200 + i };
    const nodes: NatsNode[] = [];
    for (let i = 1; i <= size; i++) {
      const routes: string[] = [];
      for (let j = 1; j <= size; j++) if (j !== i) routes.push(`nats://${address(j)}:${ports(j).cluster}`);
      nodes.push(new NatsNode(dir, i, address(i), ports(i), routes, options.hosts));
    }
    const cluster = new NatsCluster(dir, nodes, options.hosts);
    try {
      await Promise.all(nodes.map((n) => n.start()));
    } catch (error) {
      await cluster.dispose();
      throw error;
    }
    return cluster;
  }

  /** Every node's client URL (clients are given them all). */
  get servers(): string[] {
    return this.nodes.map((n) => n.url);
  }

  node(i: number): NatsNode {
    return this.nodes[i - 1]!;
  }

  /** SIGKILL: a node's death (its JetStream files stay for its restart). */
  kill(i: number): Promise<void> {
    return this.node(i).stop('SIGKILL');
  }

  restart(i: number): Promise<void> {
    return this.node(i).start();
  }

  /** Cuts node `i` off its peers and its clients (needs `hosts`). */
  partition(i: number): void {
    if (!this.hosts) throw new Error('partition needs the nodes on hosts of their own (NetworkHosts)');
    this.hosts.cut(i);
  }

  heal(i: number): void {
    this.hosts?.heal(i);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.dispose()));
    if (!process.env['HP_KEEP_DIRS']) rmSync(this.dir, { recursive: true, force: true });
  }
}
