// An HAProxy (2.6, /usr/sbin/haproxy) of a test's own in front of replicated services: a generic launcher from a
// list of frontends and backends, and the standard Patroni routing (a primary port, a replicas port) built on it.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, RestartableProcess, waitForPort } from '../private-services';
import { waitFor } from '../wait-for';

export interface HaproxyServer {
  name: string;
  /** 127.0.0.1 unless told. */
  host?: string;
  port: number;
  /** Where the health check goes when not the traffic port (Patroni's REST API). */
  checkPort?: number;
}

export interface HaproxyBackend {
  name: string;
  mode: 'tcp' | 'http';
  servers: HaproxyServer[];
  /**
   * An HTTP health check: a server is up while `method path` (GET unless told) answers `expectStatus` (200);
   * a TCP connect otherwise.
   */
  httpCheck?: { path: string; method?: 'GET' | 'HEAD' | 'OPTIONS'; expectStatus?: number };
  /** `default-server` options (check interval, fall/rise…); FAST_CHECKS unless told. */
  serverOptions?: string;
  /** roundrobin unless told. */
  balance?: string;
}

export interface HaproxyFrontend {
  name: string;
  mode: 'tcp' | 'http';
  /** Listens on 127.0.0.1 unless told. */
  host?: string;
  port: number;
  backend: string;
}

export interface HaproxyConfig {
  frontends: HaproxyFrontend[];
  backends: HaproxyBackend[];
  /** The statistics page (CSV at `/;csv`), which tells which servers are up; a free port unless told. */
  statsPort?: number;
}

/** A check every 500 ms, down after 2 failures, up after 1 success: a failover seen within a second. */
export const FAST_CHECKS = 'inter 500ms fall 2 rise 1';

/** HAProxy's configuration text for `config` (statistics on `statsPort`). */
export function renderHaproxyConfig(config: HaproxyConfig, statsPort: number): string {
  const backendNames = new Set(config.backends.map((b) => b.name));
  for (const frontend of config.frontends) {
    if (!backendNames.has(frontend.backend)) {
      throw new Error(`HAProxy frontend ${frontend.name} refers to no backend ${frontend.backend}`);
    }
  }
  const lines = [
    'global',
    '  maxconn 200',
    '',
    'defaults',
    '  timeout connect 2s',
    // Long-lived database and MQTT sessions: idle is not dead.
    '  timeout client 1h',
    '  timeout server 1h',
    '  timeout check 1s',
    '',
    'frontend stats',
    '  mode http',
    `  bind 127.0.0.1:${statsPort}`,
    '  stats enable',
    '  stats uri /',
    '',
  ];
  for (const frontend of config.frontends) {
    lines.push(
      `frontend ${frontend.name}`,
      `  mode ${frontend.mode}`,
      `  bind ${frontend.host ?? '127.0.0.1'}:${frontend.port}`,
      `  default_backend ${frontend.backend}`,
      '',
    );
  }
  for (const backend of config.backends) {
    lines.push(
      `backend ${backend.name}`,
      `  mode ${backend.mode}`,
      `  balance ${backend.balance ?? 'roundrobin'}`,
    );
    if (backend.httpCheck) {
      lines.push(
        '  option httpchk',
        `  http-check send meth ${backend.httpCheck.method ?? 'GET'} uri ${backend.httpCheck.path}`,
        `  http-check expect status ${backend.httpCheck.expectStatus ?? 200}`,
      );
    }
    lines.push(`  default-server ${backend.serverOptions ?? FAST_CHECKS}`);
    for (const server of backend.servers) {
      const check = server.checkPort === undefined ? 'check' : `check port ${server.checkPort}`;
      lines.push(`  server ${server.name} ${server.host ?? '127.0.0.1'}:${server.port} ${check}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** A node as the Patroni routing needs it: its PostgreSQL port and its REST API port. */
export interface PatroniEndpoint {
  name: string;
  pgPort: number;
  /** The REST API port (PatroniNode.port). */
  port: number;
}

/**
 * The standard Patroni routing: `primaryPort` reaches the one node whose `/primary` answers 200, its sessions
 * cut as soon as it is marked down (a client never stays on a demoted or dead primary); `replicasPort` spreads
 * read-only sessions over the nodes whose `/replica` answers 200.
 */
export function patroniHaproxyConfig(
  nodes: PatroniEndpoint[],
  ports: { primaryPort: number; replicasPort?: number; statsPort?: number },
): HaproxyConfig {
  const servers = nodes.map((n) => ({ name: n.name, port: n.pgPort, checkPort: n.port }));
  const serverOptions = `${FAST_CHECKS} on-marked-down shutdown-sessions`;
  // Patroni answers OPTIONS with the status of GET and no body: HAProxy, which resets a check's connection once
  // it has the status, does not cut a body being written (a traceback in Patroni's log each time).
  const method = 'OPTIONS';
  const config: HaproxyConfig = {
    statsPort: ports.statsPort,
    frontends: [
      { name: 'postgres_primary', mode: 'tcp', port: ports.primaryPort, backend: 'patroni_primary' },
    ],
    backends: [
      {
        name: 'patroni_primary',
        mode: 'tcp',
        servers,
        httpCheck: { path: '/primary', method },
        serverOptions,
      },
    ],
  };
  if (ports.replicasPort !== undefined) {
    config.frontends.push({
      name: 'postgres_replicas',
      mode: 'tcp',
      port: ports.replicasPort,
      backend: 'patroni_replicas',
    });
    config.backends.push({
      name: 'patroni_replicas',
      mode: 'tcp',
      servers,
      httpCheck: { path: '/replica', method },
      serverOptions,
    });
  }
  return config;
}

/** A server's state on the statistics page. */
export interface HaproxyServerState {
  backend: string;
  server: string;
  /** UP, DOWN, `UP 1/2` (going down), `DOWN 1/1` (going up), MAINT… */
  status: string;
}

/** HAProxy restartable with the same configuration; its port is the statistics page's. */
export class PrivateHaproxy extends RestartableProcess {
  private constructor(
    dir: string,
    statsPort: number,
    readonly config: HaproxyConfig,
  ) {
    super(dir, statsPort, 'haproxy');
  }

  /** Configuration written, nothing running yet: start() it (a failed start still leaves a handle). */
  static async create(config: HaproxyConfig): Promise<PrivateHaproxy> {
    const statsPort = config.statsPort ?? (await freePort());
    const haproxy = new PrivateHaproxy(mkdtempSync(join(tmpdir(), 'hp-haproxy-')), statsPort, config);
    writeFileSync(join(haproxy.dir, 'haproxy.cfg'), renderHaproxyConfig(config, statsPort));
    return haproxy;
  }

  frontendPort(name: string): number {
    const frontend = this.config.frontends.find((f) => f.name === name);
    if (!frontend) throw new Error(`no HAProxy frontend ${name}`);
    return frontend.port;
  }

  /** Ready once the statistics page and every frontend listen. */
  protected override async ready(timeoutMs: number): Promise<unknown> {
    await super.ready(timeoutMs);
    return Promise.all(this.config.frontends.map((f) => waitForPort(f.port, `haproxy ${f.name}`, timeoutMs)));
  }

  protected launch(log: number): ChildProcess {
    // -db: in the foreground, so the child is HAProxy itself (killed by pid, its log to our file).
    return spawn('/usr/sbin/haproxy', ['-f', join(this.dir, 'haproxy.cfg'), '-db'], {
      stdio: ['ignore', log, log],
    });
  }

  /** Every server's state, from the statistics CSV. */
  async servers(): Promise<HaproxyServerState[]> {
    const response = await fetch(`http://127.0.0.1:${this.port}/;csv`, { signal: AbortSignal.timeout(1000) });
    const [header, ...rows] = (await response.text()).trim().split('\n');
    const columns = header.replace(/^# /, '').split(',');
    const at = (name: string) => columns.indexOf(name);
    return rows
      .map((row) => row.split(','))
      .filter((cells) => !['FRONTEND', 'BACKEND'].includes(cells[at('svname')]))
      .map((cells) => ({
        backend: cells[at('pxname')],
        server: cells[at('svname')],
        status: cells[at('status')],
      }));
  }

  /** Names of the servers of `backend` that are UP now. */
  async serversUp(backend: string): Promise<string[]> {
    return (await this.servers())
      .filter((s) => s.backend === backend && s.status === 'UP')
      .map((s) => s.server);
  }

  /** Waits until exactly `servers` are UP in `backend` (HAProxy starts every checked server UP until checked). */
  waitForServersUp(backend: string, servers: string[], timeoutMs = 20_000): Promise<unknown> {
    const wanted = [...servers].sort().join(',');
    return waitFor(async () => (await this.serversUp(backend)).sort().join(',') === wanted, {
      timeoutMs,
      intervalMs: 100,
      description: `HAProxy ${backend} routing to ${wanted || 'nothing'}`,
    });
  }
}
