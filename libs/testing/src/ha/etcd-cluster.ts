// A 3-member etcd (3.4, /usr/bin/etcd) of a test's own: the consensus store Patroni keeps its leader key in.
// Members can be stopped, killed and restarted one by one (a quorum survives one lost member).
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, RestartableProcess } from '../private-services';
import { waitFor } from '../wait-for';

export interface EtcdClusterOptions {
  /** Members (3 unless told). */
  size?: number;
  /** Member i listens for clients on basePort + 2i and for peers on basePort + 2i + 1; free ports otherwise. */
  basePort?: number;
  /** Shown in process names and the cluster token. */
  name?: string;
}

/** One etcd member: its client port is the port it is restarted on and awaited. */
export class EtcdMember extends RestartableProcess {
  constructor(
    dir: string,
    clientPort: number,
    name: string,
    readonly peerPort: number,
    private readonly initialCluster: string,
    private readonly token: string,
  ) {
    super(dir, clientPort, name);
  }

  get clientUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Whether it answers `/health` as part of a cluster with a leader. */
  async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.clientUrl}/health`, { signal: AbortSignal.timeout(1000) });
      const body = (await response.json()) as { health?: string };
      return response.ok && body.health === 'true';
    } catch {
      return false;
    }
  }

  protected launch(log: number): ChildProcess {
    return spawn(
      '/usr/bin/etcd',
      [
        '--name',
        this.name,
        '--data-dir',
        join(this.dir, 'data'),
        '--listen-client-urls',
        this.clientUrl,
        '--advertise-client-urls',
        this.clientUrl,
        '--listen-peer-urls',
        `http://127.0.0.1:${this.peerPort}`,
        '--initial-advertise-peer-urls',
        `http://127.0.0.1:${this.peerPort}`,
        '--initial-cluster',
        this.initialCluster,
        '--initial-cluster-token',
        this.token,
        // Ignored once the data directory exists, so a restarted member rejoins with its own data.
        '--initial-cluster-state',
        'new',
        // The defaults (100 ms, 1 s): a lost etcd leader is replaced within about a second.
        '--heartbeat-interval',
        '100',
        '--election-timeout',
        '1000',
        '--logger',
        'zap',
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', log, log] },
    );
  }
}

export class EtcdCluster {
  private constructor(
    private readonly dir: string,
    readonly members: EtcdMember[],
  ) {}

  /** Ports and directories allocated, nothing running yet: start() it (a failed start still leaves a handle). */
  static async create(options: EtcdClusterOptions = {}): Promise<EtcdCluster> {
    const size = options.size ?? 3;
    const prefix = options.name ?? 'etcd';
    const dir = mkdtempSync(join(tmpdir(), `hp-${prefix}-`));
    const ports: Array<[number, number]> = [];
    for (let i = 0; i < size; i++) {
      ports.push(
        options.basePort === undefined
          ? [await freePort(), await freePort()]
          : [options.basePort + 2 * i, options.basePort + 2 * i + 1],
      );
    }
    const names = ports.map((_, i) => `${prefix}${i + 1}`);
    const initialCluster = names.map((name, i) => `${name}=http://127.0.0.1:${ports[i][1]}`).join(',');
    const token = `${prefix}-${dir.split('-').pop()}`;
    const members = names.map((name, i) => {
      const memberDir = join(dir, name);
      mkdirSync(memberDir);
      return new EtcdMember(memberDir, ports[i][0], name, ports[i][1], initialCluster, token);
    });
    return new EtcdCluster(dir, members);
  }

  /** Starts every member at once (each waits for its peers to elect a leader) and waits until all are healthy. */
  async start(timeoutMs = 30_000): Promise<void> {
    await Promise.all(this.members.map((member) => member.start()));
    await this.waitForHealthy(this.members, timeoutMs);
  }

  /** `host:port` of each member's client side (Patroni's `etcd3.hosts`). */
  get hosts(): string[] {
    return this.members.map((member) => `127.0.0.1:${member.port}`);
  }

  member(name: string): EtcdMember {
    const member = this.members.find((m) => m.name === name);
    if (!member) throw new Error(`no etcd member ${name} (${this.members.map((m) => m.name).join(', ')})`);
    return member;
  }

  /** Stops one member gracefully (SIGTERM): the others keep a quorum. */
  stop(name: string): Promise<void> {
    return this.member(name).stop('SIGTERM');
  }

  /** SIGKILL one member (a crash): the others keep a quorum. */
  kill(name: string): Promise<void> {
    return this.member(name).stop('SIGKILL');
  }

  /** Starts a stopped member again and waits until it is healthy. */
  async restart(name: string, timeoutMs = 20_000): Promise<void> {
    const member = this.member(name);
    await member.start();
    await this.waitForHealthy([member], timeoutMs);
  }

  private waitForHealthy(members: EtcdMember[], timeoutMs: number): Promise<unknown> {
    return waitFor(async () => (await Promise.all(members.map((m) => m.healthy()))).every(Boolean), {
      timeoutMs,
      intervalMs: 100,
      description: `etcd members ${members.map((m) => m.name).join(', ')} healthy`,
    });
  }

  logTails(lines = 20): string {
    return this.members.map((m) => `--- ${m.name}\n${m.logTail(lines)}`).join('\n');
  }

  async dispose(): Promise<void> {
    await Promise.all(this.members.map((member) => member.dispose()));
    if (!process.env['HP_KEEP_DIRS']) rmSync(this.dir, { recursive: true, force: true });
  }
}
