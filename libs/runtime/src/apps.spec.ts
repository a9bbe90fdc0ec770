import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '@hp/config';
import { JOB_QUEUE, JobQueue } from '@hp/queue';
import { createTestDatabase, TestDatabase } from '@hp/testing';
import { bootstrapApi, bootstrapIngestion, bootstrapWorker } from './boot/bootstrap';
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
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      REDIS_URL: 'redis://127.0.0.1:6379',
      ...extra,
    });

  it('api: serves health and the OpenAPI document, and maps domain errors to HTTP in one place', async () => {
    const app = await bootstrapApi(config());
    closeLater.push(app);
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
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

    const invalid = await fetch(`${url}/api/stations/abc/readings`);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'id' } });
    const unknownRoute = await fetch(`${url}/api/nothing-here`);
    expect(unknownRoute.status).toBe(404);
    expect(await unknownRoute.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('worker: registers the maintenance processor and runs it on real Redis', async () => {
    const app = await bootstrapWorker(config());
    closeLater.push(app);
    const queue = app.get<JobQueue>(JOB_QUEUE);
    expect(queue.kind).toBe('bullmq');
    // A second processor for the same job is refused: the worker already owns it.
    expect(() => queue.process('storage.maintain', async () => undefined)).toThrow(/already has a processor/);
  });

  it('ingestion: refuses to start without MQTT_URL, naming it', async () => {
    await expect(bootstrapIngestion(config())).rejects.toThrow(/MQTT_URL is required/);
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
