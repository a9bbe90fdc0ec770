import { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { connectAsync, MqttClient } from 'mqtt';
import { deviceStatusTopic, gatewayTelemetryTopic, stationTelemetryTopic } from '@hp/contracts';
import { ReadingReads, ReadingsDataModule, ReadingsReader, RecomputeMarkReads } from '@hp/readings';
import { Database, StorageModule } from '@hp/storage';
import { RegistryAdmin, RegistryDataModule, RegistryReader } from '@hp/registry';
import { PrivateMosquitto, waitFor } from '@hp/testing';
import { openTestStore, TestStore } from '@hp/testing-store';
import { IngestionModule } from './ingestion.module';
import { IngestionDataModule } from './storage/ingestion-data.module';
import { Quarantine } from './storage/quarantine';
import { TelemetryIngestService } from './telemetry-ingest.service';
import { TelemetryMqttServer } from './telemetry-mqtt.server';

// Real components: the local PostgreSQL and the local Mosquitto (MQTT 5, shared subscriptions).
const BROKER = 'mqtt://127.0.0.1:1883';
const run = `${process.pid}-${Date.now().toString(36)}`;
const PARK = `IT-${run}`;
const STATION = 'OUT-1';
const topic = stationTelemetryTopic(PARK, STATION);
const DAY_MS = 86_400_000;

/** An ISO time with the +07:00 offset, `minutesAgo` before now, on a whole minute. */
function localIso(minutesAgo: number): string {
  const t = Math.floor((Date.now() - minutesAgo * 60_000) / 60_000) * 60_000;
  return new Date(t + 7 * 3_600_000).toISOString().replace('.000Z', '+07:00');
}

const reading = (parameter: string, value: number, time: string, extra: Record<string, unknown> = {}) => ({
  parameter,
  value,
  unit: parameter === 'pH' ? 'pH' : 'mg/L',
  time,
  status: '00',
  ...extra,
});
const message = (...readings: object[]) => JSON.stringify({ readings });

describe('MQTT telemetry ingestion on real Mosquitto and PostgreSQL', () => {
  let store: TestStore;
  let db: Database;
  const consumers: INestMicroservice[] = [];
  let publisher: MqttClient;
  let readings: ReadingReads;
  let quarantine: Quarantine;
  let marks: RecomputeMarkReads;
  let stationId: number;

  // Each scenario uses its own share group: a closed persistent session stays in its group at the
  // broker (and keeps being given its share, queued for its return), which is what production wants.
  async function startConsumer(
    clientId: string,
    group = `it-${run}`,
    url = BROKER,
  ): Promise<{ app: INestMicroservice; ingest: TelemetryIngestService; server: TelemetryMqttServer }> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        StorageModule.forRoot({
          databaseUrl: store.connection.databaseUrl!,
          dataDir: 'unused',
          migrateOnBoot: true,
          poolSize: 4,
        }),
        RegistryDataModule,
        ReadingsDataModule,
        IngestionDataModule,
        IngestionModule.forRoot({
          batchMaxReadings: 500,
          flushIntervalMs: 20,
          maxBufferedReadings: 5000,
          concurrentWrites: 2, // as shipped: batches overlap, acknowledgements keep arrival order
          backfillDays: 60,
          futureToleranceSeconds: 300,
        }),
      ],
    }).compile();
    const server = new TelemetryMqttServer({
      url,
      clientId,
      protocolVersion: 5,
      shareGroup: group,
      sessionExpirySeconds: 300,
    });
    const app = moduleRef.createNestMicroservice({ strategy: server });
    await app.listen();
    await new Promise((r) => setTimeout(r, 300)); // subscriptions are sent without waiting for the SUBACK
    consumers.push(app);
    return { app, ingest: app.get(TelemetryIngestService), server };
  }

  beforeAll(async () => {
    // The test's own connection, independent of the consumers that come and go.
    store = await openTestStore('pg', { poolSize: 2 });
    db = store.db;
    const park = await new RegistryAdmin(db).registerPark({
      code: PARK,
      name: 'Test park',
      operatingStatus: 'operating',
    });
    const plant = await new RegistryAdmin(db).registerTreatmentPlant({
      code: `${PARK}-CETP`,
      parkId: park.id,
      name: 'CETP',
      operatingStatus: 'operating',
    });
    stationId = (
      await new RegistryAdmin(db).registerStation({
        code: STATION,
        plantId: plant.id,
        name: 'Outlet',
        kind: 'outlet',
      })
    ).id;
    // A second outlet and a gateway of the park, for the gateway scenario (before any consumer caches the registry).
    await new RegistryAdmin(db).registerStation({
      code: 'OUT-2',
      plantId: plant.id,
      name: 'Outlet 2',
      kind: 'outlet',
    });
    await new RegistryAdmin(db).registerDevice({ code: `GW-${run}`, parkId: park.id, kind: 'gateway' });
    ({ readings, marks } = new ReadingsReader(db));
    quarantine = new Quarantine(db);
    await startConsumer(`it-a-${run}`);
    publisher = await connectAsync(BROKER, { protocolVersion: 5, clientId: `it-pub-${run}` });
  });

  afterAll(async () => {
    await publisher?.endAsync();
    for (const app of consumers) await app.close();
    await store?.cleanup();
  });

  const stored = () => readings.countForStation(stationId);

  it('stores a batch of readings published by a station', async () => {
    const t = localIso(30);
    await publisher.publishAsync(
      topic,
      message(reading('COD', 41.5, t), reading('pH', 7.2, t), reading('TSS', 12, t, { status: '01' })),
      { qos: 1 },
    );
    await waitFor(async () => (await stored()) === 3, { description: 'three readings stored' });
    const rows = await readings.findRaw(stationId, {
      from: new Date(Date.now() - DAY_MS),
      to: new Date(Date.now() + DAY_MS),
      limit: 10,
    });
    expect(rows.map((r) => [r.parameterCode, r.value, r.status]).sort()).toEqual([
      ['COD', 41.5, 0],
      ['TSS', 12, 1],
      ['pH', 7.2, 0],
    ]);
  });

  it('acknowledges only after commit: a consumer that dies before committing gets the message again', async () => {
    const clientId = `it-crash-${run}`;
    // Alone in the share group, so the message must come to this consumer.
    for (const app of consumers.splice(0)) await app.close();
    const crashing = await startConsumer(clientId, `crash-${run}`);
    const blocker = new Client({ connectionString: store.connection.databaseUrl! });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE readings IN ACCESS EXCLUSIVE MODE'); // no batch can commit now
    const before = crashing.ingest.received;
    await publisher.publishAsync(topic, message(reading('COD', 43, localIso(29))), { qos: 1 });
    await waitFor(() => crashing.ingest.received === before + 1, { description: 'message taken in' });
    // The process "dies": its connection drops with the batch uncommitted, so no PUBACK was sent.
    (crashing.server as unknown as { mqttClient: MqttClient }).mqttClient.end(true);
    const revived = await startConsumer(clientId, `crash-${run}`); // same session
    await waitFor(() => revived.ingest.received === 1, {
      timeoutMs: 10_000,
      description: 'broker redelivers the unacknowledged message',
    });
    await blocker.query('COMMIT');
    await blocker.end();
    await waitFor(async () => (await stored()) === 4, { description: 'stored once' });
    await revived.ingest.drain();
    await crashing.ingest.drain();
    expect(await stored()).toBe(4);
    await crashing.app.close();
    consumers.splice(consumers.indexOf(crashing.app), 1);
  });

  it('quarantines the bad readings of a message with the raw payload and keeps the good ones', async () => {
    const before = await stored();
    const raw = message(
      reading('COD', 40, localIso(28)),
      reading('COD', 'NaN' as unknown as number, localIso(27)),
      reading('pH', 15, localIso(28)),
      reading('NH4', 2, localIso(28), { unit: 'furlongs' }),
      reading('TSS', 9, localIso(-30)),
    );
    await publisher.publishAsync(topic, raw, {
      qos: 1,
      properties: { userProperties: { client_id: 'station-it-1' } },
    });
    await waitFor(async () => (await stored()) === before + 1, { description: 'readings stored' });
    const [q] = await quarantine.listRecent(1);
    expect(q).toMatchObject({ topic, clientId: 'station-it-1' });
    expect(q.payload.toString()).toBe(raw);
    expect(q.problems.map((p) => p.index)).toEqual([1, 2, 3, 4]);
    expect(q.problems.map((p) => p.reason.code)).toEqual([
      'PAYLOAD_SCHEMA_INVALID',
      'VALUE_OUT_OF_PHYSICAL_BOUNDS',
      'UNIT_NOT_ACCEPTED',
      'TIME_IN_FUTURE',
    ]);
    expect(q.problems[1].reason.params).toEqual({ parameter: 'pH', value: 15, min: 0, max: 14, unit: 'pH' });
    expect(q.problems[2].reason.params).toMatchObject({ parameter: 'NH4', unit: 'furlongs' });
  });

  it('survives malformed messages on the wire, quarantining each, and goes on storing', async () => {
    const before = await stored();
    const quarantinedBefore = await quarantine.count();
    await publisher.publishAsync(topic, '{not json', { qos: 1 });
    await publisher.publishAsync(topic, JSON.stringify({ id: 5, data: 'x', pattern: 'y' }), { qos: 1 });
    await publisher.publishAsync(
      stationTelemetryTopic(PARK, 'NOT-REGISTERED'),
      message(reading('COD', 1, localIso(20))),
      { qos: 1 },
    );
    await publisher.publishAsync(topic, message(reading('COD', 44, localIso(20))), { qos: 1 });
    await waitFor(async () => (await stored()) === before + 1, { description: 'readings stored' });
    const reasons = (await quarantine.listRecent(3)).map((q) => q.problems.map((p) => p.reason));
    expect(await quarantine.count()).toBe(quarantinedBefore + 3);
    expect(reasons).toEqual([
      [{ code: 'STATION_NOT_REGISTERED', params: { park: PARK, station: 'NOT-REGISTERED' } }],
      [
        {
          code: 'PAYLOAD_SCHEMA_INVALID',
          params: { problems: [{ path: 'readings', rule: 'required' }], more: 0 },
        },
      ],
      [{ code: 'PAYLOAD_NOT_JSON', params: {} }],
    ]);
  });

  it('takes a gateway batch for many stations of its park, quarantining entries outside it', async () => {
    const second = (await new RegistryReader(db).stations.findByCode('OUT-2'))!;
    const t = localIso(45);
    const batch = {
      stations: [
        { park: PARK, station: STATION, readings: [reading('COD', 61, t), reading('pH', 7.4, t)] },
        { park: PARK, station: 'OUT-2', readings: [reading('COD', 62, t)] },
        { park: 'SOMEONE-ELSE', station: 'OUT-9', readings: [reading('COD', 63, t)] },
      ],
    };
    const before = await stored();
    const beforeSecond = await readings.countForStation(second.id);
    await publisher.publishAsync(gatewayTelemetryTopic(`GW-${run}`), JSON.stringify(batch), { qos: 1 });
    await waitFor(
      async () =>
        (await stored()) === before + 2 && (await readings.countForStation(second.id)) === beforeSecond + 1,
      {
        description: 'gateway readings stored for both stations',
      },
    );
    const [q] = await quarantine.listRecent(1);
    expect(q.problems).toEqual([
      {
        index: null,
        source: 'stations[2] (SOMEONE-ELSE/OUT-9)',
        reason: {
          code: 'GATEWAY_STATION_OTHER_PARK',
          params: { gateway: `GW-${run}`, gatewayPark: PARK, park: 'SOMEONE-ELSE', station: 'OUT-9' },
        },
      },
    ]);
  });

  it('records device presence from the retained online message and the last will', async () => {
    const code = `GW-${run}`;
    const devices = new RegistryReader(db).devices;
    const gateway = await connectAsync(BROKER, {
      protocolVersion: 5,
      clientId: `it-gw-${run}`,
      will: {
        topic: deviceStatusTopic(code),
        payload: Buffer.from('{"online":false}'),
        qos: 1,
        retain: true,
      },
    });
    await gateway.publishAsync(
      deviceStatusTopic(code),
      JSON.stringify({ online: true, time: localIso(0), firmware: 'gw-2.4.1' }),
      { qos: 1, retain: true },
    );
    await waitFor(async () => (await devices.findPresence(code))?.online === true, {
      description: 'online recorded',
    });
    expect((await devices.findPresence(code))?.firmware).toBe('gw-2.4.1');
    // The connection dies without a DISCONNECT: the broker publishes the last will.
    (gateway as unknown as { stream: { destroy(): void } }).stream.destroy();
    gateway.end(true);
    await waitFor(async () => (await devices.findPresence(code))?.online === false, {
      timeoutMs: 10_000,
      description: 'last will recorded',
    });
    // Clear the retained message so later runs start clean.
    await publisher.publishAsync(deviceStatusTopic(code), '', { qos: 1, retain: true });
  });

  it('treats a re-delivered message as harmless and marks backfilled days for recomputation', async () => {
    const old = localIso(3 * 24 * 60); // three days ago: a backfill
    const again = message(reading('COD', 50, old), reading('pH', 7, old));
    const before = await stored();
    await publisher.publishAsync(topic, again, { qos: 1 });
    await publisher.publishAsync(topic, again, { qos: 1 });
    await waitFor(async () => (await stored()) === before + 2, { description: 'readings stored' });
    const day = new Date(Date.parse(old.replace('+07:00', 'Z'))).toISOString().slice(0, 10);
    expect((await marks.list()).filter((m) => m.stationId === stationId).map((m) => m.day)).toContain(day);
  });

  it('keeps messages published while the consumer is away (persistent session) and stores them on return', async () => {
    const clientId = `it-session-${run}`;
    for (const app of consumers.splice(0)) await app.close();
    const session = await startConsumer(clientId, `session-${run}`);
    await session.app.close(); // a clean stop: the session stays at the broker
    consumers.splice(0);
    const before = await stored();
    for (let i = 0; i < 5; i++)
      await publisher.publishAsync(topic, message(reading('TSS', 10 + i, localIso(100 + i))), { qos: 1 });
    await startConsumer(clientId, `session-${run}`);
    await waitFor(async () => (await stored()) === before + 5, {
      timeoutMs: 10_000,
      description: 'queued messages stored',
    });
  });

  it('splits the stream between two instances in a shared subscription, storing every reading exactly once', async () => {
    for (const app of consumers.splice(0)) await app.close();
    const first = (await startConsumer(`it-split-a-${run}`, `split-${run}`)).ingest;
    const second = await startConsumer(`it-split-b-${run}`, `split-${run}`);
    const [firstBefore, secondBefore] = [first.received, second.ingest.received];
    const before = await stored();
    const n = 200;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        publisher.publishAsync(topic, message(reading('Flow', i, localIso(600 + i), { unit: 'm3/h' })), {
          qos: 1,
        }),
      ),
    );
    await waitFor(async () => (await stored()) === before + n, { description: 'readings stored' });
    const [a, b] = [first.received - firstBefore, second.ingest.received - secondBefore];
    expect(a + b).toBe(n);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });

  it('keeps consuming through a shared subscription after the broker restarts from its persistence file', async () => {
    // Mosquitto 2.0 saves plain subscriptions only: the resumed session comes back without its shared
    // one, and only the consumer's own re-subscription brings the stream back.
    const broker = await PrivateMosquitto.start({ persistent: true });
    const device = await connectAsync(broker.url, {
      clientId: `it-restart-dev-${run}`,
      reconnectPeriod: 200,
    });
    try {
      for (const app of consumers.splice(0)) await app.close();
      await startConsumer(`it-restart-${run}`, `restart-${run}`, broker.url);
      await broker.stop('SIGTERM');
      await broker.start();
      const before = await stored();
      let minute = 2000;
      await waitFor(
        async () => {
          await device.publishAsync(topic, message(reading('TSS', 20, localIso(minute++))), { qos: 1 });
          return (await stored()) > before;
        },
        { timeoutMs: 15_000, intervalMs: 500, description: 'a reading published after the restart stored' },
      );
    } finally {
      await device.endAsync(true);
      for (const app of consumers.splice(0)) await app.close();
      await broker.dispose();
    }
  }, 40_000);
});
