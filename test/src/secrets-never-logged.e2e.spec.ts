import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync, MqttClient } from 'mqtt';
import { hashUserPassword, UserAccounts } from '@hp/accounts';
import { CONFIG_VARIABLES } from '@hp/config';
import { stationTelemetryTopic } from '@hp/contracts';
import { AlertConfiguration } from '@hp/alerting';
import { openDatabase, runMigrations } from '@hp/storage';
import { RegistryReader, seedRegistry } from '@hp/registry';
import {
  createTestDatabase,
  freePort,
  startSmtpSink,
  startWebhookReceiver,
  SmtpSink,
  TestDatabase,
  waitFor,
  WebhookReceiver,
} from '@hp/testing';
import { ROOT, RUN_CJS } from '../bench/bench-support';

/**
 * "Secrets never logged": the real apps (api, ingestion, worker, and the all-in-one platform on embedded
 * defaults) run as child processes from source at the most verbose LOG_LEVEL, with a distinctive value
 * in every secret-bearing variable of libs/config. Traffic that tends to make apps log is driven through
 * them: wrong and right logins, token refresh, an invalid variable, MQTT logins refused, an alert
 * delivered to a failing webhook receiver, an SMTP server refusing the login and a Grafana refusing the
 * token. Nothing they print, on stdout or stderr, may hold a secret, a part of one, or a token the
 * test was issued.
 */

const RUN = `${process.pid}-${Date.now().toString(36)}`;
const TAG = randomBytes(4).toString('hex');

/** Every secret the apps are given (or sent), each distinctive enough that any trace of it is found. */
const SECRETS = {
  // A raw "@" in a password is valid in a URL (the user info ends at the authority's last "@").
  databasePassword: `Db-pw-${TAG}@second-half-${TAG}`,
  redisPassword: `Redis-pw-${TAG}`,
  mqttPassword: `Mqtt-pw-${TAG}`,
  wrongMqttPassword: `Mqtt-wrong-pw-${TAG}`,
  wrongDevicePassword: `Device-wrong-pw-${TAG}`,
  jwtSecret: `Jwt-secret-${TAG}-0123456789abcdef0123456789`,
  webhookSecret: `Webhook-secret-${TAG}`,
  webhookUrlPassword: `Hook-url-pw-${TAG}`,
  smtpPassword: `Smtp-pw-${TAG}`,
  grafanaToken: `glsa_Grafana-token-${TAG}`,
  grafanaUrlPassword: `Grafana-url-pw-${TAG}`,
  userPassword: `User-pw-${TAG}-correct`,
  wrongUserPassword: `User-pw-${TAG}-wrong`,
  // Not a URL: "/" and "#" end a URL's authority early, so only the text up to the last "@" tells the password.
  invalidUrlPassword: `Cfg-pw-${TAG}/slash#hash@tail-${TAG}`,
};

/** What must never show: each value, its URL-encoded form and each part of it between URL delimiters. */
function needlesOf(values: readonly string[]): string[] {
  const needles = new Set<string>();
  for (const value of values) {
    needles.add(value);
    needles.add(encodeURIComponent(value));
    for (const part of value.split(/[@:/?#]/)) if (part.length >= 8) needles.add(part);
  }
  return [...needles];
}

/** A platform process from source (`node infra/scripts/run.cjs apps/<app>/src/main.ts`), its output kept. */
class AppProcess {
  output = '';
  exitCode: number | null = null;
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    app: 'api' | 'ingestion' | 'worker' | 'platform',
    env: Record<string, string>,
  ) {
    const clean = { ...process.env };
    for (const v of CONFIG_VARIABLES) delete clean[v.name]; // nothing of the caller's configuration leaks in
    this.child = spawn(process.execPath, [RUN_CJS, `apps/${app}/src/main.ts`], {
      cwd: ROOT,
      env: {
        ...clean,
        NODE_OPTIONS: '',
        NO_COLOR: '1',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'verbose',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        this.exitCode = code;
        resolve();
      }),
    );
    process.once('exit', () => this.child.kill('SIGKILL'));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the output matches (rejects early, with the output, if the process dies first). */
  async waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    await waitFor(
      () => {
        if (pattern.test(this.output)) return true;
        if (!this.running) throw new Error(`${this.name} exited (${this.exitCode}):\n${this.output}`);
        return false;
      },
      { timeoutMs, intervalMs: 100, description: `${this.name} printing ${pattern}` },
    );
  }

  waitForExit(): Promise<void> {
    return this.exited;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** The URL with a password put into its user info (`user` kept, or set). */
function withPassword(url: string, user: string, password: string): string {
  return url.replace(/^([a-z]+:\/\/)([^@/]*@)?/, `$1${user}:${password}@`);
}

describe('secrets never logged', () => {
  const processes: AppProcess[] = [];
  /** Tokens the platform issued to the test: they must not be logged either. */
  const issued: string[] = [];
  let database: TestDatabase;
  let dataDir: string;
  /** A webhook receiver that is down (HTTP 500), and a Grafana refusing the token (401). */
  let webhook: WebhookReceiver;
  let grafana: WebhookReceiver;
  let smtp: SmtpSink;
  let device: MqttClient | undefined;

  function launch(
    name: string,
    app: 'api' | 'ingestion' | 'worker' | 'platform',
    env: Record<string, string>,
  ) {
    const p = new AppProcess(name, app, env);
    processes.push(p);
    return p;
  }

  async function post(base: string, path: string, body: unknown) {
    const response = await fetch(`${base}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  /** A sign-in, /me, a refresh and a sign-out; then an unknown user and wrong passwords, to the limit and beyond. */
  async function driveLogins(base: string, username: string, password: string): Promise<void> {
    const login = await post(base, '/auth/login', { username, password });
    expect(login.status).toBe(200);
    const { accessToken, refreshToken } = login.body as { accessToken: string; refreshToken: string };
    issued.push(accessToken, refreshToken);
    const me = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    const refreshed = await post(base, '/auth/refresh', { refreshToken });
    expect(refreshed.status).toBe(200);
    const next = refreshed.body as { accessToken: string; refreshToken: string };
    issued.push(next.accessToken, next.refreshToken);
    expect((await post(base, '/auth/refresh', { refreshToken })).status).toBe(401); // used once
    await post(base, '/auth/logout', { refreshToken: next.refreshToken });
    const unknown = await post(base, '/auth/login', { username: `nobody-${TAG}`, password });
    expect(unknown.status).toBe(401);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await post(base, '/auth/login', { username, password: SECRETS.wrongUserPassword })).status,
      );
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  }

  beforeAll(async () => {
    [database, webhook, grafana, smtp] = await Promise.all([
      createTestDatabase(),
      startWebhookReceiver(SECRETS.webhookSecret, { status: 500 }),
      startWebhookReceiver('', { status: 401, body: '{"message":"invalid API key"}' }),
      startSmtpSink(),
    ]);
    dataDir = mkdtempSync(join(tmpdir(), 'hp-secrets-'));
  });

  afterAll(async () => {
    await device?.endAsync();
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all([webhook?.close(), grafana?.close(), smtp?.close()]);
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every configured secret, password and issued token out of every log line', async () => {
    // The schema, a user, a rule that fires on any COD above 100 and recipients that cannot be reached.
    const db = await openDatabase({ databaseUrl: database.url, dataDir: 'unused', poolSize: 2 });
    let station: { id: number; code: string; parkCode: string };
    try {
      await runMigrations(db);
      await seedRegistry(db);
      await new UserAccounts(db).save({
        username: `officer-${TAG}`,
        name: 'Secrets test officer',
        role: 'admin',
        parkIds: [],
        passwordHash: await hashUserPassword(SECRETS.userPassword),
      });
      station = (await new RegistryReader(db).stations.listRefs()).find((r) => r.active)!;
      const alerting = new AlertConfiguration(db);
      await alerting.saveRule(
        {
          code: `secrets-cod-${TAG}`,
          kind: 'threshold',
          stationId: station.id,
          parameter: 'COD',
          severity: 'critical',
          settings: { forSeconds: 0, clearForSeconds: 0, max: 100 },
        },
        'secrets test',
      );
      await alerting.addRecipient({ name: 'hook', role: 'officer', webhookUrl: webhook.url }, 'secrets test');
      await alerting.addRecipient(
        {
          name: 'hook with credentials',
          role: 'officer',
          webhookUrl: withPassword(webhook.url, 'hook', SECRETS.webhookUrlPassword),
          email: 'officer@example.test',
        },
        'secrets test',
      );
    } finally {
      await db.close();
    }

    const databaseUrl = withPassword(database.url, 'postgres', SECRETS.databasePassword);
    const [apiPort, ingestionPort, platformPort, brokerPort, badMqttPort] = await Promise.all(
      Array.from({ length: 5 }, () => freePort()),
    );
    // Local Redis has no password: a password in the URL only makes ioredis warn that none is needed.
    const redisUrl = `redis://:${SECRETS.redisPassword}@127.0.0.1:6379`;
    const secretEnv = {
      MQTT_USERNAME: 'hp-platform',
      MQTT_PASSWORD: SECRETS.mqttPassword,
      AUTH_JWT_SECRET: SECRETS.jwtSecret,
      ALERT_WEBHOOK_SECRET: SECRETS.webhookSecret,
      ALERT_SMTP_URL: withPassword(smtp.url, 'alerts', SECRETS.smtpPassword),
      // Sent as a bearer token, refused (401); the platform below has credentials in GRAFANA_URL as well.
      GRAFANA_URL: grafana.url,
      GRAFANA_TOKEN: SECRETS.grafanaToken,
    };
    const external = {
      ...secretEnv,
      DATABASE_URL: databaseUrl,
      MIGRATE_ON_BOOT: 'false',
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `e2e-secrets-${RUN}`,
      MQTT_URL: 'mqtt://127.0.0.1:1883',
      MQTT_CLIENT_ID: `e2e-secrets-${RUN}`,
      MQTT_SHARE_GROUP: `e2e-secrets-${RUN}`,
      AUTH_MAX_FAILED_LOGINS: '3',
    };

    const api = launch('api', 'api', { ...external, HTTP_PORT: String(apiPort) });
    const ingestion = launch('ingestion', 'ingestion', { ...external, HTTP_PORT: String(ingestionPort) });
    const worker = launch('worker', 'worker', external);
    const platform = launch('platform', 'platform', {
      ...secretEnv,
      GRAFANA_URL: withPassword(grafana.url, 'grafana', SECRETS.grafanaUrlPassword),
      DATA_DIR: dataDir,
      HTTP_PORT: String(platformPort),
      MQTT_EMBEDDED_PORT: String(brokerPort),
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `e2e-secrets-platform-${RUN}`,
      SIMULATOR_STATIONS: '2',
      SIMULATOR_BACKFILL_HOURS: '1',
      SIMULATOR_HISTORY_DAYS: '0',
    });
    // The platform's consumer account with a wrong password on the embedded broker: refused (and, until the
    // broker listens, not even connected), again and again.
    const refusedConsumer = launch('ingestion with a wrong MQTT password', 'ingestion', {
      ...secretEnv,
      MQTT_PASSWORD: SECRETS.wrongMqttPassword,
      MQTT_URL: `mqtt://127.0.0.1:${brokerPort}`,
      MQTT_PROTOCOL_VERSION: '4',
      MQTT_CLIENT_ID: `e2e-secrets-refused-${RUN}`,
      DATABASE_URL: databaseUrl,
      MIGRATE_ON_BOOT: 'false',
      HTTP_PORT: String(badMqttPort),
    });
    // One invalid variable (a URL that does not parse, with its password in it): named, its secret not shown.
    const misconfigured = launch('api with an invalid DATABASE_URL', 'api', {
      ...external,
      DATABASE_URL: `postgres://postgres:${SECRETS.invalidUrlPassword}@127.0.0.1:5432/hp`,
    });

    await misconfigured.waitForExit();
    expect(misconfigured.exitCode).toBe(1);
    expect(misconfigured.output).toContain('Invalid configuration');
    expect(misconfigured.output).toMatch(/DATABASE_URL: expected a URL like postgres:\/\/host:port/);

    await Promise.all([
      api.waitForOutput(/API on http:\/\//),
      ingestion.waitForOutput(/consuming telemetry from mqtt:\/\/127\.0\.0\.1:1883/),
      worker.waitForOutput(/processing jobs/),
      platform.waitForOutput(/\[platform\] ready/),
    ]);

    // Logins on the configured database (a user made above) and on the embedded demo accounts.
    await driveLogins(`http://127.0.0.1:${apiPort}`, `officer-${TAG}`, SECRETS.userPassword);
    await driveLogins(`http://127.0.0.1:${platformPort}`, 'admin', 'admin-demo-2030');

    // A device with a wrong password, refused by the embedded broker.
    await expect(
      connectAsync(`mqtt://127.0.0.1:${brokerPort}`, {
        clientId: `e2e-secrets-device-${RUN}`,
        username: 'DEV-NOT-REGISTERED',
        password: SECRETS.wrongDevicePassword,
        reconnectPeriod: 0,
        protocolVersion: 4,
      }),
    ).rejects.toThrow(/Not authorized|Bad username or password/);

    // An exceedance over Mosquitto: alert -> outbox -> the worker's delivery jobs, which all fail.
    device = await connectAsync('mqtt://127.0.0.1:1883', {
      clientId: `e2e-secrets-pub-${RUN}`,
      reconnectPeriod: 0,
    });
    const topic = stationTelemetryTopic(station.parkCode, station.code);
    await waitFor(
      async () => {
        await device!.publishAsync(
          topic,
          JSON.stringify({
            readings: [
              {
                parameter: 'COD',
                value: 350,
                unit: 'mg/L',
                time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
                status: '00',
              },
            ],
          }),
          { qos: 1 },
        );
        return (
          webhook.received.some((r) => r.authorization === undefined) &&
          /alert\.deliver\.grafana\) attempt \d+ failed/.test(worker.output) &&
          /alert\.deliver\.email\) attempt \d+ failed/.test(worker.output)
        );
      },
      { timeoutMs: 25_000, intervalMs: 1_000, description: 'webhook, e-mail and Grafana deliveries tried' },
    );
    // The receiver with credentials in its URL gets them as HTTP basic authentication.
    const basic = `Basic ${Buffer.from(`hook:${SECRETS.webhookUrlPassword}`).toString('base64')}`;
    await waitFor(() => webhook.received.some((r) => r.authorization === basic), {
      timeoutMs: 10_000,
      description: 'the webhook with credentials tried',
    });
    expect(webhook.received.every((r) => r.signed)).toBe(true);
    expect(grafana.received[0].authorization).toBe(`Bearer ${SECRETS.grafanaToken}`);
    await refusedConsumer.waitForOutput(/Connection refused: (Bad username or password|Not authorized)/);

    // The logs are real: verbose output of each process, including the failure paths above.
    expect(api.output).toMatch(/Mapped \{\/api\/auth\/login, POST\} route/);
    expect(platform.output).toMatch(/DEBUG/);
    expect(worker.output).toMatch(
      /alert\.deliver\.webhook\) attempt \d+ failed: webhook .* answered HTTP 500/,
    );
    expect(worker.output).toMatch(
      /alert\.deliver\.grafana\) attempt \d+ failed: Grafana POST .* answered 401/,
    );
    // The platform's own alerts (waste chains broken on purpose by its simulation) to a GRAFANA_URL with credentials.
    await platform.waitForOutput(
      /alert\.deliver\.grafana\) attempt \d+ failed: .*includes credentials/,
      20_000,
    );
    expect(issued.length).toBe(8);

    const needles = needlesOf([...Object.values(SECRETS), ...issued]);
    const leaks = processes.flatMap((p) =>
      needles
        .filter((needle) => p.output.includes(needle))
        .map((needle) => {
          const line = p.output.split('\n').find((l) => l.includes(needle));
          return `${p.name} printed "${needle}": ${line}`;
        }),
    );
    expect(leaks).toEqual([]);
    // Four Nest processes boot here one after another: on two busy cores that alone can pass two minutes.
  }, 240_000);
});
