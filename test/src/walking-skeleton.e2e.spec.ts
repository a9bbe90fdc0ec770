import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { adminHeaders } from './support/admin-token';
import { connectAsync } from 'mqtt';
import { loadConfig } from '@hp/config';
import { stationTelemetryTopic } from '@hp/contracts';
import { hashDevicePassword } from '@hp/device-identity';
import { bootstrapPlatform, PlatformHandle } from '@hp/runtime';
import { createTestDatabase, tempDataDir, TestDatabase, TempDataDir, waitFor } from '@hp/testing';
import { ReadingsReader } from '@hp/readings';

/**
 * The walking skeleton, end to end: simulated stations -> MQTT -> ingestion -> readings table -> API.
 * Once on the real services (PostgreSQL 15, Mosquitto with MQTT 5 shared subscriptions, Redis/BullMQ),
 * once fully embedded as `npm start` runs it (embedded TimescaleDB, aedes, whatever queue is there).
 */

interface ParkBody {
  code: string;
  operatingStatus: string;
  treatmentPlants: {
    code: string;
    designCapacityM3PerDay: number | null;
    stations: { id: number; code: string }[];
  }[];
}

/** The bearer header of the platform under test (an admin token minted by its own token service). */
let auth: Record<string, string> = {};
function signIn(platform: PlatformHandle): void {
  auth = adminHeaders(platform.app);
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: auth });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function readingCount(httpUrl: string, stationId: number): Promise<number> {
  const from = new Date(Date.now() - 48 * 3600_000).toISOString();
  const body = await getJson<{ readings: unknown[] }>(
    `${httpUrl}/api/stations/${stationId}/readings?from=${from}&limit=10000`,
  );
  return body.readings.length;
}

async function expectReadingsFlow(platform: PlatformHandle): Promise<void> {
  const parks = await getJson<ParkBody[]>(`${platform.httpUrl}/api/parks`);
  const vsip = parks.find((p) => p.code === 'VSIP-HP');
  expect(vsip?.treatmentPlants[0]?.designCapacityM3PerDay).toBe(4500);
  const stationId = vsip!.treatmentPlants[0].stations[0].id;

  const first = await waitFor(
    async () => {
      const n = await readingCount(platform.httpUrl, stationId);
      return n > 0 ? n : null;
    },
    { timeoutMs: 20_000, description: 'first readings of the VSIP outlet' },
  );
  const later = await waitFor(
    async () => {
      const n = await readingCount(platform.httpUrl, stationId);
      return n > first ? n : null;
    },
    { timeoutMs: 20_000, description: 'more readings on the next request' },
  );
  expect(later).toBeGreaterThan(first);

  const hourly = await getJson<{ buckets: { parameter: string; avg: number | null }[] }>(
    `${platform.httpUrl}/api/stations/${stationId}/readings?resolution=hour&parameter=pH&from=${new Date(Date.now() - 48 * 3600_000).toISOString()}`,
  );
  expect(hourly.buckets.length).toBeGreaterThan(0);
  expect(hourly.buckets.every((b) => b.parameter === 'pH')).toBe(true);

  const docs = await getJson<{ paths: Record<string, unknown> }>(`${platform.httpUrl}/api/docs-json`);
  expect(Object.keys(docs.paths)).toEqual(
    expect.arrayContaining(['/api/parks', '/api/stations/{id}/readings']),
  );
  const missing = await fetch(`${platform.httpUrl}/api/stations/999999/readings`, { headers: auth });
  expect(missing.status).toBe(404);
  expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
}

const fastSimulator = {
  SIMULATOR_ENABLED: 'true',
  SIMULATOR_INTERVAL_MS: '100',
  SIMULATOR_SPEED: '600',
  SIMULATOR_BACKFILL_HOURS: '2',
  // The replay above; the demo's 90-day history is demo-start.e2e.spec.ts's.
  SIMULATOR_HISTORY_DAYS: '0',
};

describe('walking skeleton on real services (PostgreSQL, Mosquitto, Redis)', () => {
  let database: TestDatabase;
  let platform: PlatformHandle | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await platform?.close();
    await database?.drop();
  });

  it('streams simulated parks through MQTT into the database and out of the API', async () => {
    const run = `${process.pid}-${Date.now().toString(36)}`;
    platform = await bootstrapPlatform(
      loadConfig({
        DATABASE_URL: database.url,
        AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
        MQTT_URL: 'mqtt://127.0.0.1:1883',
        MQTT_SHARE_GROUP: `e2e-${run}`,
        MQTT_CLIENT_ID: `e2e-${run}`,
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: `e2e-${run}`,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        SEED_ON_BOOT: 'true',
        LOG_LEVEL: 'warn',
        ...fastSimulator,
      }),
    );
    signIn(platform);
    expect(platform.mqttUrl).toBe('mqtt://127.0.0.1:1883');
    await expectReadingsFlow(platform);
    const health = await getJson<{ storage: string; timescale: boolean; queue: string }>(
      `${platform.httpUrl}/api/health`,
    );
    expect(health).toMatchObject({ storage: 'pg', timescale: false, queue: 'bullmq' });
  });
});

describe('walking skeleton fully embedded, as `npm start` runs it', () => {
  let dataDir: TempDataDir;
  let platform: PlatformHandle | undefined;

  beforeAll(async () => {
    dataDir = await tempDataDir();
  });
  afterAll(async () => {
    await platform?.close();
    await dataDir?.remove();
  });

  it('boots on embedded TimescaleDB and the embedded broker with nothing configured but ports', async () => {
    platform = await bootstrapPlatform(
      loadConfig({
        DATA_DIR: dataDir.dir,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        MQTT_EMBEDDED_PORT: '0',
        LOG_LEVEL: 'warn',
        ...fastSimulator,
      }),
    );
    signIn(platform);
    expect(platform.mqttUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    await expectReadingsFlow(platform);
    const health = await getJson<{ storage: string; timescale: boolean }>(`${platform.httpUrl}/api/health`);
    expect(health).toMatchObject({ storage: 'embedded', timescale: true });
    // The built-in hazardous-waste demo: its lots reach the KPI through the embedded broker.
    const year = new Date().toISOString().slice(0, 4);
    const kpi = await waitFor(
      async () => {
        const body = await getJson<{ city: { lots: number; nonConformingLots: number } }>(
          `${platform!.httpUrl}/api/waste/kpi?period=year&date=${year}-06-01`,
        );
        return body.city.lots > 0 ? body.city : null;
      },
      { timeoutMs: 20_000, description: 'hazardous-waste demo lots in the KPI' },
    );
    expect(kpi.nonConformingLots).toBeGreaterThan(0);
  });

  it('lets only registered devices in, each publishing only for its own station', async () => {
    const app = platform!.app;
    const refs = await app.get(RegistryReader).stations.listRefs();
    const own = refs.find((r) => r.parkCode === 'VSIP-HP')!;
    const other = refs.find((r) => r.parkCode !== 'VSIP-HP')!;
    const park = (await app.get(RegistryReader).parks.findByCode('VSIP-HP'))!;
    await app.get(RegistryAdmin).registerDevice({
      code: 'VSIP-ANALYZER-1',
      parkId: park.id,
      stationId: own.id,
      kind: 'analyzer',
      credentialHash: await hashDevicePassword('correct horse'),
    });
    await expect(connectAsync(platform!.mqttUrl, { reconnectPeriod: 0 })).rejects.toThrow();
    await expect(
      connectAsync(platform!.mqttUrl, { username: 'VSIP-ANALYZER-1', password: 'wrong', reconnectPeriod: 0 }),
    ).rejects.toThrow();

    const device = await connectAsync(platform!.mqttUrl, {
      username: 'VSIP-ANALYZER-1',
      password: 'correct horse',
      clientId: 'VSIP-ANALYZER-1', // a device connects with its own code as client id
      reconnectPeriod: 0,
    });
    device.on('error', () => undefined);
    const time = new Date(Date.now() - 3 * 86_400_000 + 7 * 3_600_000)
      .toISOString()
      .replace(/\.\d+Z$/, '+07:00');
    const body = JSON.stringify({
      readings: [{ parameter: 'COD', value: 123.4, unit: 'mg/L', time, status: '00' }],
    });
    const readings = app.get(ReadingsReader).readings;
    const window = {
      from: new Date(Date.now() - 4 * 86_400_000),
      to: new Date(Date.now() - 2 * 86_400_000),
      parameter: 'COD',
      limit: 10,
    };
    // Another station's topic first: aedes refuses it (and drops the connection); nothing may be stored.
    device.publish(stationTelemetryTopic(other.parkCode, other.code), body, { qos: 0 });
    const mine = await connectAsync(platform!.mqttUrl, {
      username: 'VSIP-ANALYZER-1',
      password: 'correct horse',
      clientId: 'VSIP-ANALYZER-1', // a device connects with its own code as client id
      reconnectPeriod: 0,
    });
    await mine.publishAsync(stationTelemetryTopic(own.parkCode, own.code), body, { qos: 1 });
    await waitFor(async () => (await readings.findRaw(own.id, window)).some((r) => r.value === 123.4), {
      timeoutMs: 10_000,
      description: "the device's own reading stored",
    });
    expect((await readings.findRaw(other.id, window)).filter((r) => r.value === 123.4)).toEqual([]);
    await Promise.all([mine.endAsync(), device.endAsync(true)]);
  });
});
