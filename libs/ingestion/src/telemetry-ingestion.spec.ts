import { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { connectAsync, MqttClient } from 'mqtt';
import { stationTelemetryTopic } from '@hp/contracts';
import {
  ParksRepository,
  ReadingsRepository,
  StationsRepository,
  StorageModule,
  TreatmentPlantsRepository,
} from '@hp/storage';
import { createTestDatabase, TestDatabase, waitFor } from '@hp/testing';
import { IngestionModule } from './ingestion.module';
import { TelemetryIngestService } from './telemetry-ingest.service';
import { TelemetryMqttServer } from './telemetry-mqtt.server';

// Real components: the local PostgreSQL and the local Mosquitto (MQTT 5, shared subscription).
const BROKER = 'mqtt://127.0.0.1:1883';
const run = `${process.pid}-${Date.now().toString(36)}`;
const PARK = `IT-${run}`;
const STATION = 'OUT-1';
const topic = stationTelemetryTopic(PARK, STATION);

const reading = (parameter: string, value: number, time: string, extra: Record<string, unknown> = {}) => ({
  parameter,
  value,
  unit: parameter === 'pH' ? 'pH' : 'mg/L',
  time,
  status: '00',
  ...extra,
});

describe('MQTT telemetry ingestion on real Mosquitto and PostgreSQL', () => {
  let database: TestDatabase;
  let app: INestMicroservice;
  let publisher: MqttClient;
  let readings: ReadingsRepository;
  let ingest: TelemetryIngestService;
  let stationId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const moduleRef = await Test.createTestingModule({
      imports: [
        StorageModule.forRoot({ databaseUrl: database.url, dataDir: 'unused', migrateOnBoot: true }),
        IngestionModule,
      ],
    }).compile();
    app = moduleRef.createNestMicroservice({
      strategy: new TelemetryMqttServer({
        url: BROKER,
        clientId: `it-ingestion-${run}`,
        protocolVersion: 5,
        shareGroup: `it-${run}`,
      }),
    });
    await app.init();
    const park = await moduleRef
      .get(ParksRepository)
      .upsert({ code: PARK, name: 'Test park', operatingStatus: 'operating' });
    const plant = await moduleRef
      .get(TreatmentPlantsRepository)
      .upsert({ code: `${PARK}-CETP`, parkId: park.id, name: 'CETP', operatingStatus: 'operating' });
    stationId = (
      await moduleRef
        .get(StationsRepository)
        .upsert({ code: STATION, plantId: plant.id, name: 'Outlet', kind: 'outlet' })
    ).id;
    readings = moduleRef.get(ReadingsRepository);
    ingest = moduleRef.get(TelemetryIngestService);
    await app.listen();
    await new Promise((r) => setTimeout(r, 300)); // Nest subscribes without waiting for the SUBACK
    publisher = await connectAsync(BROKER, { protocolVersion: 5, clientId: `it-pub-${run}` });
  });

  afterAll(async () => {
    await publisher?.endAsync();
    await app?.close();
    await database?.drop();
  });

  const stored = () => readings.countForStation(stationId);

  it('stores a batch of readings published by a station', async () => {
    await publisher.publishAsync(
      topic,
      JSON.stringify({
        readings: [
          reading('COD', 41.5, '2026-11-27T10:00:00+07:00'),
          reading('pH', 7.2, '2026-11-27T10:00:00+07:00'),
          reading('TSS', 12, '2026-11-27T10:00:00+07:00', { status: '01' }),
        ],
      }),
      { qos: 1 },
    );
    await waitFor(async () => (await stored()) === 3, { timeoutMs: 5000 });
    const rows = await readings.findRaw(stationId, {
      from: new Date('2026-11-27T00:00:00Z'),
      to: new Date('2026-11-28T00:00:00Z'),
      limit: 10,
    });
    expect(rows.map((r) => [r.parameterCode, r.value, r.status]).sort()).toEqual([
      ['COD', 41.5, 0],
      ['TSS', 12, 1],
      ['pH', 7.2, 0],
    ]);
    expect(rows[0].time.toISOString()).toBe('2026-11-27T03:00:00.000Z');
  });

  it('keeps the valid readings of a message and refuses the bad ones with a reason', async () => {
    const before = await stored();
    const outcome = await ingest.ingest(
      topic,
      JSON.stringify({
        readings: [
          reading('COD', 40, '2026-11-27T10:05:00+07:00'),
          reading('COD', Number.NaN, '2026-11-27T10:10:00+07:00'),
          reading('XYZ', 1, '2026-11-27T10:05:00+07:00'),
          reading('NH4', 2, '2026-11-27T10:05:00+07:00', { unit: 'g/L' }),
        ],
      }),
    );
    expect(outcome.inserted).toBe(1);
    expect(outcome.rejected.map((r) => r.reason)).toEqual([
      'value of COD must be a finite number',
      'unknown parameter "XYZ"',
      'unit of NH4 must be mg/L, got "g/L"',
    ]);
    expect(await stored()).toBe(before + 1);
  });

  it('survives malformed messages on the wire and goes on storing the next valid one', async () => {
    const before = await stored();
    await publisher.publishAsync(topic, '{not json', { qos: 1 });
    await publisher.publishAsync(topic, JSON.stringify({ id: 5, data: 'x', pattern: 'y' }), { qos: 1 });
    await publisher.publishAsync(
      stationTelemetryTopic(PARK, 'NOT-REGISTERED'),
      JSON.stringify({ readings: [reading('COD', 1, '2026-11-27T10:00:00+07:00')] }),
      { qos: 1 },
    );
    await publisher.publishAsync(
      topic,
      JSON.stringify({ readings: [reading('COD', 44, '2026-11-27T10:20:00+07:00')] }),
      { qos: 1 },
    );
    await waitFor(async () => (await stored()) === before + 1, { timeoutMs: 5000 });
    expect(ingest.counters.rejected).toBeGreaterThanOrEqual(3);
  });

  it('treats a re-delivered message as harmless: nothing is stored twice', async () => {
    const message = JSON.stringify({
      readings: [
        reading('COD', 50, '2026-11-27T11:00:00+07:00'),
        reading('pH', 7, '2026-11-27T11:00:00+07:00'),
      ],
    });
    const first = await ingest.ingest(topic, message);
    const again = await ingest.ingest(topic, message);
    expect(first).toMatchObject({ inserted: 2, duplicates: 0 });
    expect(again).toMatchObject({ inserted: 0, duplicates: 2 });
  });
});
