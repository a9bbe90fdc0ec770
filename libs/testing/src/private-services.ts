// To look into a failing drill: HP_KEEP_DIRS=1 keeps each service's directory and log, HP_BROKER_LOG_ALL=1
// makes Mosquitto log every packet (found the double acknowledgement of the kill -9 drill).
// Services of a test's own (PostgreSQL cluster, Redis, Mosquitto, and a base for app processes) that it may stop,
// crash and restart without disturbing the shared ones other suites run on in parallel.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from './wait-for';

/** The workspace root (infra/ holds the broker settings shipped). */
const ROOT = resolve(__dirname, '../../..');

export async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

/** Whether something accepts TCP connections on the port now. */
function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise<boolean>((res) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      res(true);
    });
    socket.once('error', () => res(false));
  });
}

/** Resolves once something accepts TCP connections on the port. */
export function waitForPort(
  port: number,
  description: string,
  timeoutMs = 20_000,
  host = '127.0.0.1',
): Promise<boolean> {
  return waitFor(() => listening(port, host), { timeoutMs, intervalMs: 100, description });
}

/** Resolves once nothing accepts TCP connections on the port any more. */
async function waitForPortClosed(port: number, description: string, host = '127.0.0.1'): Promise<void> {
  await waitFor(async () => !(await listening(port, host)), {
    timeoutMs: 20_000,
    intervalMs: 100,
    description,
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => child.once('exit', () => res()));
}

/** A service process restarted with the same arguments (same port, same data). */
export abstract class RestartableProcess {
  protected child: ChildProcess | null = null;
  constructor(
    protected readonly dir: string,
    readonly port: number,
    readonly name: string,
  ) {}

  protected abstract launch(log: number): ChildProcess;

  /** The running process's id (its CPU time is read from /proc by the benchmarks); undefined when stopped. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Ready once it listens on its port; a process without one says so otherwise. */
  protected ready(timeoutMs: number): Promise<unknown> {
    return waitForPort(this.port, `${this.name} listening on ${this.host}:${this.port}`, timeoutMs, this.host);
  }

  /** The address it listens on (a host in a network namespace of a drill's own has its own). */
  protected readonly host: string = '127.0.0.1';

  /** How long it may take to listen (a platform app compiles its sources first). */
  protected readonly startTimeoutMs: number = 20_000;

  async start(): Promise<void> {
    const log = openSync(join(this.dir, `${this.name}.log`), 'a');
    const child = this.launch(log);
    this.child = child;
    process.once('exit', () => child.kill('SIGKILL'));
    try {
      await this.ready(this.startTimeoutMs);
    } catch (error) {
      await this.stop('SIGKILL');
      throw new Error(`${(error as Error).message}; its log ends:\n${this.logTail()}`);
    }
  }

  /** Stops the process with `signal` and waits until it is gone and its port closed. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    child.kill(signal);
    await exited(child);
    await waitForPortClosed(this.port, `${this.name} stopped`, this.host);
  }

  /** The last lines of its log, for a failure message. */
  logTail(lines = 40): string {
    try {
      return readFileSync(join(this.dir, `${this.name}.log`), 'utf8')
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '';
    }
  }

  async dispose(): Promise<void> {
    await this.stop('SIGKILL');
    if (!process.env['HP_KEEP_DIRS']) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A Redis without persistence: stopping it loses every queued job, the harder case. */
export class PrivateRedis extends RestartableProcess {
  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(mkdtempSync(join(tmpdir(), 'hp-redis-')), await freePort(), 'redis');
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  protected launch(log: number): ChildProcess {
    return spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', log, log] },
    );
  }
}

/**
 * A Mosquitto with the in-flight and queue limits infra ships and, when `persistent`, its persistence:
 * sessions and their queued messages survive a restart (written at shutdown).
 */
export class PrivateMosquitto extends RestartableProcess {
  static async start(options: { persistent: boolean }): Promise<PrivateMosquitto> {
    const mosquitto = new PrivateMosquitto(
      mkdtempSync(join(tmpdir(), 'hp-mosquitto-')),
      await freePort(),
      'mosquitto',
    );
    const limits = readFileSync(join(ROOT, 'infra/mosquitto/mosquitto.conf'), 'utf8')
      .split('\n')
      .filter((l) =>
        /^(max_inflight_messages|max_queued_messages|max_queued_bytes|max_packet_size)\b/.test(l.trim()),
      )
      .join('\n');
    const persistence = options.persistent
      ? `persistence true\npersistence_location ${mosquitto.dir}/\nautosave_interval 60\n`
      : 'persistence false\n';
    writeFileSync(
      join(mosquitto.dir, 'mosquitto.conf'),
      `user root\nlistener ${mosquitto.port} 127.0.0.1\nallow_anonymous true\n${persistence}log_dest stderr\n${process.env['HP_BROKER_LOG_ALL'] ? 'log_type all\n' : 'log_type error\nlog_type warning\n'}${limits}\n`,
    );
    await mosquitto.start();
    return mosquitto;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  protected launch(log: number): ChildProcess {
    return spawn('mosquitto', ['-c', join(this.dir, 'mosquitto.conf')], { stdio: ['ignore', log, log] });
  }
}

/**
 * A PostgreSQL cluster of its own (initdb into a temporary directory, trust auth), so it can be
 * crashed and restarted mid-stream. PostgreSQL refuses to run as root: as root it runs as `postgres`.
 */
export class PrivatePostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly bin: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const version = readdirSync('/usr/lib/postgresql').sort().pop();
    if (!version) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
    const dir = mkdtempSync(join(tmpdir(), 'hp-pg-'));
    const cluster = new PrivatePostgres(dir, await freePort(), `/usr/lib/postgresql/${version}/bin`);
    mkdirSync(join(dir, 'data'), { mode: 0o700 });
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
    cluster.run('initdb', [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    await cluster.begin();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(tool: string, args: string[]): void {
    const command = join(this.bin, tool);
    const [file, argv] =
      process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    execFileSync(file, argv, { stdio: 'pipe', cwd: this.dir });
  }

  /** Starts the server and waits until it accepts connections. */
  async begin(): Promise<void> {
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'postgres.log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=60`,
      '-w',
      'start',
    ]);
    await waitForPort(this.port, 'private PostgreSQL');
  }

  /** The postmaster's process id; its backends are its children (the benchmarks read their CPU time). */
  postmasterPid(): number {
    return Number(readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  }

  /** `immediate`: every backend killed at once, the next start recovers from the WAL (a crash). */
  async halt(mode: 'fast' | 'immediate'): Promise<void> {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
    await waitForPortClosed(this.port, 'private PostgreSQL stopped');
  }

  logTail(lines = 40): string {
    try {
      return readFileSync(join(this.dir, 'postgres.log'), 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  async dispose(): Promise<void> {
    try {
      await this.halt('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
