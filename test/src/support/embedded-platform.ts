// `npm start` as a process of a test's own: embedded TimescaleDB and broker on a fresh data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@hp/testing';
import { PlatformProcess } from './platform-process';

/**
 * The platform app on embedded defaults (DATABASE_URL and MQTT_URL unset), migrated and seeded on boot as
 * `npm start` runs it, with its HTTP API at hand. Restart it with `app.stop()` / `app.start()`: the
 * data directory stays until dispose().
 */
export class EmbeddedPlatform {
  private constructor(
    readonly app: PlatformProcess,
    readonly dataDir: string,
    readonly mqttPort: number,
  ) {}

  /**
   * Created and started; `env` adds to (or overrides) the embedded defaults, e.g. SIMULATOR_ENABLED.
   * `startTimeoutMs`: longer for a start that writes the demo's history.
   */
  static async start(
    name: string,
    env: Record<string, string> = {},
    startTimeoutMs?: number,
  ): Promise<EmbeddedPlatform> {
    const dataDir = mkdtempSync(join(tmpdir(), `hp-${name}-`));
    const mqttPort = await freePort();
    const app = await PlatformProcess.create(
      'platform',
      {
        DATA_DIR: dataDir,
        // Unset: the embedded database and broker, as `npm start` runs them.
        DATABASE_URL: undefined as unknown as string,
        MQTT_URL: undefined as unknown as string,
        MQTT_EMBEDDED_PORT: String(mqttPort),
        MIGRATE_ON_BOOT: 'true',
        SEED_ON_BOOT: 'true',
        REDIS_PREFIX: `${name}-${process.pid}`,
        ...env,
      },
      startTimeoutMs,
    );
    const platform = new EmbeddedPlatform(app, dataDir, mqttPort);
    try {
      await app.start();
    } catch (error) {
      await platform.dispose();
      throw error;
    }
    return platform;
  }

  get mqttUrl(): string {
    return `mqtt://127.0.0.1:${this.mqttPort}`;
  }

  /** A JSON request to /api; throws on a status other than 2xx, naming the path and the body. */
  async api<T>(path: string, token?: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(`http://127.0.0.1:${this.app.port}/api${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** An access token of a demo account (seeded on embedded defaults). */
  async signIn(username = 'admin', password = 'admin-demo-2030'): Promise<string> {
    const body = JSON.stringify({ username, password });
    return (await this.api<{ accessToken: string }>('/auth/login', undefined, { method: 'POST', body }))
      .accessToken;
  }

  async dispose(): Promise<void> {
    await this.app.dispose();
    if (!process.env['HP_KEEP_DIRS']) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
