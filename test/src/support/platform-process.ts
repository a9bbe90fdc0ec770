// The platform's apps as processes of a test's own, restartable (crash drills).
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, RestartableProcess, waitFor } from '@hp/testing';

const ROOT = resolve(__dirname, '../../..');
const RUN_CJS = join(ROOT, 'infra/scripts/run.cjs');

/**
 * A platform app (apps/<name>/src/main.ts) run from source in a process of its own, restartable with
 * the same environment: the same MQTT client id, so the same persistent session.
 */
export class PlatformProcess extends RestartableProcess {
  constructor(
    /** 'platform' is `npm start`'s entry (apps/platform: everything in one process, embedded unless configured). */
    readonly app: 'ingestion' | 'worker' | 'api' | 'platform' | 'mqtt-edge',
    private readonly env: Record<string, string>,
    port: number,
    /** How long it may take to listen: compiling, migrating, seeding (and a demo's history). */
    protected override readonly startTimeoutMs = 120_000,
  ) {
    super(mkdtempSync(join(tmpdir(), `hp-${app}-`)), port, app);
  }

  /** The worker has no HTTP side: it is ready when it logs that it processes jobs. An edge listens for MQTT on `port`. */
  protected override ready(timeoutMs: number): Promise<unknown> {
    if (this.app !== 'worker') return super.ready(timeoutMs);
    return waitFor(() => this.logTail(Infinity).includes('processing jobs'), {
      timeoutMs,
      intervalMs: 200,
      description: 'worker processing jobs',
    });
  }

  /** Not started yet: start() it (so a failed start still leaves a handle to dispose). */
  static async create(
    app: PlatformProcess['app'],
    env: Record<string, string>,
    startTimeoutMs?: number,
  ): Promise<PlatformProcess> {
    return new PlatformProcess(app, env, await freePort(), startTimeoutMs);
  }

  protected launch(log: number): ChildProcess {
    return spawn(process.execPath, [RUN_CJS, `apps/${this.app}/src/main.ts`], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        // An MQTT edge's port is its MQTT listener (it serves no HTTP).
        ...(this.app === 'mqtt-edge'
          ? { MQTT_EMBEDDED_PORT: String(this.port), MQTT_EMBEDDED_HOST: '127.0.0.1' }
          : { HTTP_PORT: String(this.port) }),
        HTTP_HOST: '127.0.0.1',
        MIGRATE_ON_BOOT: 'false',
        // The worker's readiness is its 'processing jobs' log line.
        LOG_LEVEL: this.app === 'worker' ? 'log' : 'warn',
        ...this.env,
      },
      stdio: ['ignore', log, log],
    });
  }
}
