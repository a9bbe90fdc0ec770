import { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { connectAsync } from 'mqtt';
import { get } from 'sparkplug-payload';
import { newClient } from 'sparkplug-client';
import type { UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';
import type { Reason } from '@hp/contracts';
import {
  DEFAULT_INGESTION_SETTINGS,
  IngestionDataModule,
  IngestionModule,
  TelemetryMqttServer,
} from '@hp/ingestion';
import { Database, StorageModule } from '@hp/storage';
import { RegistryAdmin, RegistryDataModule, RegistryReader } from '@hp/registry';
import { waitFor } from '@hp/testing';
import { openTestStore, TestStore } from '@hp/testing-store';
import { loadSparkplugMappings, parseSparkplugMappingsFile } from './sparkplug-cli';
import { SparkplugHostService } from './sparkplug-host.service';
import { SparkplugModule } from './sparkplug.module';
import { SPARKPLUG_FILTER } from './topic';
import { ReadingsDataModule } from '@hp/readings';

// Real components: the Eclipse Tahu Sparkplug B client library publishing through the local Mosquitto
// (shared with parallel tests: every id is unique to this run) into the ingestion path on PostgreSQL.
const BROKER = 'mqtt://127.0.0.1:1883';
const run = `${process.pid}-${Date.now().toString(36)}`;
const GROUP = `SPG-${run}`;
const NODE = `SPN-${run}`;
const DEVICE = 'AN-1';
const PARK = `SPP-${run}`;
const STATION = `SPS-${run}`;
const codec = get('spBv1.0')!;

/** A whole second, `secondsAgo` before now, in epoch ms. */
const at = (secondsAgo: number) => Math.floor(Date.now() / 1000 - secondsAgo) * 1000;

describe('Sparkplug B host on real Mosquitto and PostgreSQL, fed by the sparkplug-client library', () => {
  let store: TestStore;
  let db: Database;
  let app: INestMicroservice;
  let host: SparkplugHostService;
  let stationId: number;
  let edge: ReturnType<typeof newClient>;
  const rebirthRequests: UPayload[] = [];
  let births = 0;
  const birthTime = at(120);

  const publishBirths = () => {
    births++;
    edge.publishNodeBirth({
      timestamp: birthTime,
      metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: false }],
    });
    edge.publishDeviceBirth(DEVICE, {
      timestamp: birthTime,
      metrics: [
        { name: 'Outlet/COD', alias: 1, type: 'Double', value: 40.5 },
        // L/s, converted to the platform's m3/h like JSON telemetry.
        {
          name: 'Outlet/Flow',
          alias: 2,
          type: 'Float',
          value: 10,
          properties: { Quality: { type: 'Int32', value: 192 } },
        },
        { name: 'Outlet/Temp', alias: 3, type: 'Double', value: 27.5 },
        { name: 'Pump/Running', alias: 4, type: 'Boolean', value: true },
      ],
    });
  };

  const readingsAt = async (time: number) =>
    (
      await db.query<{ parameter: string; value: number; status: number }>(
        `SELECT parameter_code AS parameter, value, status FROM readings
          WHERE station_id = $1 AND time = $2 ORDER BY parameter_code`,
        [stationId, new Date(time)],
      )
    ).rows;
  const quarantined = async () =>
    (
      await db.query<{ topic: string; reason: Reason }>(
        `SELECT topic, problems -> 0 -> 'reason' AS reason FROM quarantined_messages WHERE topic LIKE $1 ORDER BY id`,
        [`spBv1.0/${GROUP}/%`],
      )
    ).rows;

  beforeAll(async () => {
    store = await openTestStore('pg', { poolSize: 2 });
    db = store.db;
    const park = await new RegistryAdmin(db).registerPark({
      code: PARK,
      name: 'Sparkplug park',
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
    // The edge node is a registered gateway of the park: its presence follows NBIRTH / NDEATH.
    await new RegistryAdmin(db).registerDevice({ code: NODE, parkId: park.id, kind: 'gateway' });
    const mapping = (metric: string, parameter: string, unit: string) => ({
      group: GROUP,
      edgeNode: NODE,
      device: DEVICE,
      metric,
      park: PARK,
      station: STATION,
      parameter,
      unit,
    });
    await loadSparkplugMappings(
      db,
      parseSparkplugMappingsFile(
        JSON.stringify({
          mappings: [mapping('Outlet/COD', 'COD', 'mg/L'), mapping('Outlet/Flow', 'Flow', 'L/s')],
        }),
      ),
    );

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
        IngestionModule.forRoot({ ...DEFAULT_INGESTION_SETTINGS, flushIntervalMs: 20 }),
        SparkplugModule.forRoot({
          groups: [GROUP],
          mqtt: { url: BROKER, clientId: `sp-it-${run}` },
          rebirthIntervalMs: 1000,
        }),
      ],
    }).compile();
    app = moduleRef.createNestMicroservice({
      strategy: new TelemetryMqttServer({
        url: BROKER,
        clientId: `sp-it-${run}`,
        protocolVersion: 5,
        shareGroup: `sp-it-${run}`,
        sessionExpirySeconds: 60,
        unsharedPatterns: [SPARKPLUG_FILTER],
      }),
    });
    await app.listen();
    host = app.get(SparkplugHostService);
    await new Promise((r) => setTimeout(r, 300)); // subscriptions are sent without waiting for the SUBACK

    edge = newClient({
      serverUrl: BROKER,
      username: 'sparkplug-edge',
      password: 'unused',
      groupId: GROUP,
      edgeNode: NODE,
      clientId: `sp-edge-${run}`,
      version: 'spBv1.0',
      publishDeath: true,
    });
    edge.on('birth', publishBirths);
    edge.on('ncmd', (payload) => {
      rebirthRequests.push(payload);
      if (payload.metrics?.some((m) => m.name === 'Node Control/Rebirth' && m.value === true))
        publishBirths();
    });
  });

  afterAll(async () => {
    await app?.close();
    await store?.cleanup();
  });

  it('stores the mapped metrics of the births and of DDATA by alias, with their units converted', async () => {
    await waitFor(async () => (await readingsAt(birthTime)).length === 2, {
      description: 'the birth values stored',
    });
    expect(await readingsAt(birthTime)).toEqual([
      { parameter: 'COD', value: 40.5, status: 0 },
      { parameter: 'Flow', value: 36, status: 0 }, // 10 L/s
    ]);
    const t = at(60);
    edge.publishDeviceData(DEVICE, {
      timestamp: at(30),
      metrics: [{ alias: 1, type: 'Double', value: 41.25, timestamp: t }],
    });
    await waitFor(async () => (await readingsAt(t)).length === 1, { description: 'the DDATA value stored' });
    expect(await readingsAt(t)).toEqual([{ parameter: 'COD', value: 41.25, status: 0 }]);
    expect(host.session(GROUP, NODE)).toMatchObject({ online: true, devicesOnline: [DEVICE] });
    expect((await new RegistryReader(db).devices.findPresence(NODE))?.online).toBe(true);
  });

  it('quarantines an unmapped metric once per birth with its reason', async () => {
    const found = await waitFor(
      async () => {
        const rows = await quarantined();
        return rows.length > 0 ? rows : null;
      },
      { description: 'the unmapped metric quarantined' },
    );
    expect(found).toEqual([
      {
        topic: `spBv1.0/${GROUP}/DBIRTH/${NODE}/${DEVICE}`,
        reason: {
          code: 'SPARKPLUG_METRIC_UNMAPPED',
          params: { source: `spBv1.0 ${GROUP}/${NODE}/${DEVICE}`, metric: 'Outlet/Temp', type: 'Double' },
        },
      },
    ]);
  });

  it('asks for a rebirth on a sequence gap, which the client library answers, and data flows again', async () => {
    const before = births;
    const raw = await connectAsync(BROKER, { clientId: `sp-raw-${run}` });
    try {
      // Out of sequence: the client is at a low seq; 200 is far ahead.
      const payload = codec.encodePayload({
        timestamp: at(50),
        seq: 200,
        metrics: [{ alias: 1, type: 'Double', value: 99 }],
      });
      await raw.publishAsync(`spBv1.0/${GROUP}/DDATA/${NODE}/${DEVICE}`, Buffer.from(payload), { qos: 0 });
    } finally {
      await raw.endAsync();
    }
    await waitFor(() => rebirthRequests.length > 0 && births > before, {
      description: 'NCMD rebirth answered',
    });
    expect(rebirthRequests[0].metrics).toEqual([
      expect.objectContaining({ name: 'Node Control/Rebirth', value: true }),
    ]);
    await waitFor(() => host.session(GROUP, NODE)?.online === true, { description: 'the node born again' });
    const t = at(40);
    edge.publishDeviceData(DEVICE, { timestamp: t, metrics: [{ alias: 1, type: 'Double', value: 43 }] });
    await waitFor(async () => (await readingsAt(t)).length === 1, { description: 'data after the rebirth' });
    expect(await readingsAt(at(50))).toEqual([]); // the message out of sequence was not stored...
    expect((await quarantined()).map((q) => q.reason)).toContainEqual({
      code: 'SPARKPLUG_OUT_OF_STEP',
      params: {
        source: `spBv1.0 ${GROUP}/${NODE}/${DEVICE}`,
        type: 'DDATA',
        cause: 'sequence_gap',
        expected: expect.any(Number),
        received: 200,
      },
    }); // ...but kept in quarantine
  });

  it('takes the device offline on DDEATH and the edge node on NDEATH', async () => {
    edge.publishDeviceDeath(DEVICE, { timestamp: Date.now() });
    await waitFor(() => host.session(GROUP, NODE)?.devicesOnline.length === 0, {
      description: 'DDEATH applied',
    });
    edge.stop(); // publishDeath: NDEATH with the birth's bdSeq
    await waitFor(async () => (await new RegistryReader(db).devices.findPresence(NODE))?.online === false, {
      description: 'the edge node offline',
    });
    expect(host.session(GROUP, NODE)).toMatchObject({ online: false });
  });
});
