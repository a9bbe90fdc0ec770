import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  deviceStatusTopic,
  gatewayTelemetryTopic,
  REASON_CATALOGUE,
  stationTelemetryTopic,
} from '@hp/contracts';
import { AuthService } from '@hp/accounts';
import { loadConfig } from '@hp/config';
import { COMPLIANCE_RECOMPUTE_JOB } from '@hp/compliance';
import { JOB_QUEUE, JobQueue } from '@hp/queue';
import { STORAGE_MAINTAIN_JOB, openDatabase, runMigrations } from '@hp/storage';
import { RegistryAdmin } from '@hp/registry';
import { ReadingsWriter } from '@hp/readings';
import { createTestDatabase, TestDatabase, waitFor } from '@hp/testing';
import {
  bootstrapApi,
  bootstrapIngestion,
  bootstrapMqttEdge,
  bootstrapWorker,
  telemetryServer,
} from './boot/bootstrap';
import { IngestionAppModule } from './app-modules';
import { runCli } from './boot/cli';
import { nestLogLevels } from './boot/log-levels';

// Each app booted as its main() boots it, against the real local PostgreSQL and Redis.
describe('standalone apps', () => {
  let database: TestDatabase;
  const closeLater: (INestApplication | INestApplicationContext)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of closeLater.reverse()) await app.close();
    await database.drop();
  });

  const config = (extra: Record<string, string> = {}) =>
    loadConfig({
      DATABASE_URL: database.url,
      AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `apps-spec-${process.pid}`,
      ...extra,
    });

  /** An admin's bearer header, minted by the app's own token service. */
  const adminHeaders = (app: INestApplicationContext) => ({
    authorization: `Bearer ${app.get(AuthService).accessToken({ id: 0, username: 'spec-admin', role: 'admin', parkIds: [] })}`,
  });

  it('api: serves health and the OpenAPI document, and maps domain errors to HTTP in one place', async () => {
    const app = await bootstrapApi(config());
    closeLater.push(app);
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const headers = adminHeaders(app);
    expect(await (await fetch(`${url}/api/health`)).json()).toMatchObject({
      status: 'ok',
      storage: 'pg',
      queue: 'bullmq',
      durableJobs: true,
    });
    const docs = (await (await fetch(`${url}/api/docs-json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(docs.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/parks', '/api/stations/{id}/readings']),
    );

    const health = await fetch(`${url}/api/health`);
    expect(
      Object.fromEntries(
        ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'x-powered-by', 'cache-control'].map(
          (h) => [h, health.headers.get(h)],
        ),
      ),
    ).toEqual({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'x-powered-by': null,
      'cache-control': 'no-store',
    });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // The reason catalogue and its formatter, served on this origin for the dashboard (the CSP holds).
    const catalogue = await fetch(`${url}/i18n/reason-messages.json`);
    expect(catalogue.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await catalogue.json()).toEqual(REASON_CATALOGUE);
    const formatter = await fetch(`${url}/vendor/intl-messageformat.js`);
    expect(formatter.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await formatter.text()).toContain('export {');
    const anonymous = await fetch(`${url}/api/parks`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const invalid = await fetch(`${url}/api/stations/abc/readings`, { headers });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'id' } });
    // Hostile requests get a 4xx with a reason, never a 500.
    const tooLarge = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(200_000), password: 'y' }),
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // An id beyond PostgreSQL's integer is no id: refused with the id's accepted range, before any query.
    const hugeId = await fetch(`${url}/api/stations/999999999999/readings`, { headers });
    expect(hugeId.status).toBe(400);
    expect(await hugeId.json()).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'id' } });
    const unknownRoute = await fetch(`${url}/api/nothing-here`);
    expect(unknownRoute.status).toBe(404);
    expect(await unknownRoute.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('worker: registers the maintenance processor and runs it on real Redis', async () => {
    const app = await bootstrapWorker(config());
    closeLater.push(app);
    const queue = app.get<JobQueue>(JOB_QUEUE);
    expect(queue.kind).toBe('bullmq');
    // A second processor for the same job is refused, naming the one storage declared.
    expect(() => queue.process(STORAGE_MAINTAIN_JOB, async () => undefined)).toThrow(
      'job "storage.maintain" already has a processor (StorageMaintenance.maintain)',
    );
  });

  it('api and worker: refuse to start without Redis, never falling back to an in-process queue', async () => {
    await expect(bootstrapWorker(config({ REDIS_URL: '' }))).rejects.toThrow(
      /QUEUE_DRIVER=in-process: the worker app runs as a separate process/,
    );
    await expect(bootstrapApi(config({ REDIS_URL: '' }))).rejects.toThrow(
      /QUEUE_DRIVER=in-process: the api app runs as a separate process/,
    );
  });

  it('worker and api: a marked station-day is judged by the worker job and served by the compliance API', async () => {
    // Park CPL1 with an operating CETP, an outlet with a column B permit judging COD, and one local day
    // (2026-11-10) of COD 160 > 150 marked by "ingestion".
    const db = await openDatabase({ databaseUrl: database.url, dataDir: 'unused', poolSize: 2 });
    const day = '2026-11-10';
    let stationId: number;
    try {
      await runMigrations(db);
      const park = await new RegistryAdmin(db).registerPark({ code: 'CPL1', name: 'Compliance park' });
      const plant = await new RegistryAdmin(db).registerTreatmentPlant({
        code: 'CPL1-CETP',
        parkId: park.id,
        name: 'CETP',
      });
      stationId = (
        await new RegistryAdmin(db).registerStation({
          code: 'CPL1-OUT',
          plantId: plant.id,
          name: 'outlet',
          kind: 'outlet',
        })
      ).id;
      await new RegistryAdmin(db).recordDischargePermit({
        stationId,
        standardVersion: 'QCVN40:2011',
        columnCode: 'B',
        effectiveFrom: '2026-01-01',
        parameters: ['COD'],
      });
      const start = Date.parse(`${day}T00:00:00+07:00`);
      await new ReadingsWriter(db).insertReadings(
        Array.from({ length: 288 }, (_, i) => ({
          time: new Date(start + i * 300_000),
          stationId,
          parameterCode: 'COD',
          value: 160 + (i % 5) * 0.1,
          status: 0,
        })),
      );
      await new ReadingsWriter(db).markForRecompute([{ stationId, day }]);
    } finally {
      await db.close();
    }

    const worker = await bootstrapWorker(config());
    closeLater.push(worker);
    await worker
      .get<JobQueue>(JOB_QUEUE)
      .add(COMPLIANCE_RECOMPUTE_JOB, { requestedAt: new Date().toISOString() });
    const api = await bootstrapApi(config());
    closeLater.push(api);
    const url = `${(await api.getUrl()).replace('[::1]', '127.0.0.1')}/api`;
    await waitFor(
      async () => {
        const daily = (await (
          await fetch(`${url}/stations/${stationId}/compliance?from=${day}&to=2026-11-11`, {
            headers: adminHeaders(api),
          })
        ).json()) as {
          days: { verdict: string }[];
        };
        return daily.days[0]?.verdict === 'exceedance';
      },
      { timeoutMs: 20_000, description: 'the marked day judged' },
    );
    const daily = (await (
      await fetch(`${url}/stations/${stationId}/compliance?from=${day}&to=2026-11-11`, {
        headers: adminHeaders(api),
      })
    ).json()) as {
      days: {
        reasons: { code: string; params: Record<string, unknown> }[];
        parameters: { parameterCode: string; limitMax: number; validRecords: number }[];
      }[];
    };
    expect(daily.days[0].reasons[0]).toEqual({
      code: 'EXCEEDANCE_HOURLY_MEAN',
      params: {
        parameter: 'COD',
        mean: expect.closeTo(160.5, 0), // 160.x
        limit: 150,
        bound: 'max',
        unit: 'mg/L',
        hours: 24,
        confirmed: false,
      },
    });
    expect(daily.days[0].parameters).toMatchObject([
      { parameterCode: 'COD', limitMax: 150, validRecords: 288 },
    ]);

    const park = (await (
      await fetch(`${url}/compliance/parks/CPL1?from=${day}&to=2026-11-11`, { headers: adminHeaders(api) })
    ).json()) as {
      status: string;
    };
    expect(park.status).toBe('exceedance');
    const kpi = (await (
      await fetch(`${url}/compliance/kpi?period=day&date=${day}`, { headers: adminHeaders(api) })
    ).json()) as {
      operatingParks: number;
      parksMeetingStandard: number;
      notMeeting: { parkCode: string }[];
    };
    expect(kpi.notMeeting.map((p) => p.parkCode)).toContain('CPL1');
    const docs = (await (await fetch(`${url}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining([
        '/api/compliance/kpi',
        '/api/compliance/parks/{code}',
        '/api/stations/{id}/compliance',
      ]),
    );
    const badPeriod = await fetch(`${url}/compliance/kpi?period=week`, { headers: adminHeaders(api) });
    expect(badPeriod.status).toBe(400);
    expect(((await badPeriod.json()) as { message: string }).message).toContain(
      'period: must be one of day, month, quarter, year',
    );
    expect((await fetch(`${url}/compliance/parks/NOPE`, { headers: adminHeaders(api) })).status).toBe(404);
  });

  it('ingestion: every telemetry topic has exactly one handler, with Circular 10 files and Sparkplug B on', async () => {
    // Two handlers for one pattern (a second import of the ingestion module) made Nest answer with both
    // receipts chained, without the commit promise: messages were acknowledged before their commit.
    const cfg = config({
      MQTT_URL: 'mqtt://127.0.0.1:1',
      SPARKPLUG_ENABLED: 'true',
      CIRCULAR10_FTP_PORT: '0',
    });
    const app = await NestFactory.create(IngestionAppModule.forRoot(cfg), { logger: false });
    closeLater.push(app);
    const server = telemetryServer(cfg, cfg.mqtt.url!);
    app.connectMicroservice({ strategy: server });
    for (const topic of [
      stationTelemetryTopic('P', 'S'),
      gatewayTelemetryTopic('GW'),
      deviceStatusTopic('D'),
      'spBv1.0/G/NDATA/N',
    ]) {
      const handler = server.getHandlerByPattern(topic) as { next?: unknown } | undefined;
      expect(handler).toBeDefined();
      expect(handler?.next).toBeUndefined();
    }
  });

  it('ingestion: /metrics shows the compliance recompute backlog and the alert evaluation lag', async () => {
    const app = await NestFactory.create(
      IngestionAppModule.forRoot(config({ MQTT_URL: 'mqtt://127.0.0.1:1' })),
      {
        logger: false,
      },
    );
    closeLater.push(app);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const gauge of [
      'hp_compliance_marks_waiting',
      'hp_compliance_marks_failing',
      'hp_compliance_oldest_mark_age_seconds',
      'hp_alert_evaluation_queued_readings',
      'hp_alert_evaluation_lag_seconds',
    ])
      expect(text).toMatch(new RegExp(`^${gauge} \\d`, 'm'));
  });

  it('ingestion: refuses to start without MQTT_URL or NATS_SERVERS, naming them', async () => {
    await expect(bootstrapIngestion(config())).rejects.toThrow(/MQTT_URL or NATS_SERVERS is required/);
  });

  it('mqtt-edge: refuses to start without the broker cluster, naming NATS_SERVERS', async () => {
    await expect(bootstrapMqttEdge(config())).rejects.toThrow(/NATS_SERVERS is required/);
  });

  it('cli: migrate applies the schema once; an unknown command exits 2', async () => {
    const saved = process.env['DATABASE_URL'];
    process.env['DATABASE_URL'] = database.url;
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await runCli(['migrate'])).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toMatch(/schema is up to date|applied migrations/);
      expect(await runCli(['frobnicate'])).toBe(2);
      expect(err.mock.calls.flat().join('\n')).toContain('unknown command "frobnicate"');
    } finally {
      log.mockRestore();
      err.mockRestore();
      if (saved === undefined) delete process.env['DATABASE_URL'];
      else process.env['DATABASE_URL'] = saved;
    }
  });

  it('log levels: LOG_LEVEL=warn keeps error and warn', () => {
    expect(nestLogLevels('warn')).toEqual(['error', 'warn']);
    expect(nestLogLevels('verbose')).toHaveLength(5);
  });
});
