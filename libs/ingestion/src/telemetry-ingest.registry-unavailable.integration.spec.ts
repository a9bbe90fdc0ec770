import { Test, TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { stationTelemetryTopic } from '@hp/contracts';
import { ReadingsDataModule, ReadingsReader } from '@hp/readings';
import { RegistryAdmin, RegistryDataModule } from '@hp/registry';
import { Database, DATABASE, StorageModule } from '@hp/storage';
import { createTestDatabase, TestDatabase, testServerUrl } from '@hp/testing';
import { IngestionModule } from './ingestion.module';
import { IngestionDataModule } from './storage/ingestion-data.module';
import { Quarantine } from './storage/quarantine';
import { TelemetryIngestService } from './telemetry-ingest.service';

// Found by the cluster drill's review: an ingestion replica started while the database fails over could
// not read the registry, quarantined valid messages as MESSAGE_CHECK_FAILED and acknowledged them, so
// their readings were never stored. A registry it cannot read says nothing about a message.
const PARK = 'RU-PARK';
const STATION = 'OUT-1';

let database: TestDatabase;
let moduleRef: TestingModule;
let admin: Client;
let name: string;
let stationId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  name = new URL(database.url).pathname.slice(1);
  moduleRef = await Test.createTestingModule({
    imports: [
      StorageModule.forRoot({
        databaseUrl: database.url,
        dataDir: 'unused',
        migrateOnBoot: true,
        poolSize: 2,
      }),
      RegistryDataModule,
      ReadingsDataModule,
      IngestionDataModule,
      IngestionModule.forRoot(),
    ],
  }).compile();
  await moduleRef.init();
  const registry = new RegistryAdmin(moduleRef.get<Database>(DATABASE));
  const park = await registry.registerPark({ code: PARK, name: 'Park', operatingStatus: 'operating' });
  const plant = await registry.registerTreatmentPlant({
    code: `${PARK}-CETP`,
    parkId: park.id,
    name: 'CETP',
    operatingStatus: 'operating',
  });
  stationId = (
    await registry.registerStation({ code: STATION, plantId: plant.id, name: 'Outlet', kind: 'outlet' })
  ).id;
  admin = new Client({ connectionString: testServerUrl() });
  await admin.connect();
});

afterAll(async () => {
  await admin?.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
  await admin?.end();
  await moduleRef?.close();
  await database?.drop();
});

/** Unavailable: the database refuses every session and ends the open ones (as a primary gone). */
async function databaseAvailable(available: boolean): Promise<void> {
  await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${available}`);
  if (!available)
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
}

it('does not judge a message while the registry cannot be read: it is refused for a resend, then stored', async () => {
  const ingest = moduleRef.get(TelemetryIngestService);
  const time = new Date(Date.now() - 60_000).toISOString();
  const payload = Buffer.from(
    JSON.stringify({ readings: [{ parameter: 'COD', unit: 'mg/L', value: 42, time, status: '00' }] }),
  );
  const topic = stationTelemetryTopic(PARK, STATION);
  const meta = () => ({ clientId: 'AN-1', receivedAt: new Date() });

  await databaseAvailable(false);
  // Not admitted, so not acknowledged: the transport has it delivered again.
  await expect(ingest.ingest(topic, payload, meta())).rejects.toThrow(/registry/);

  await databaseAvailable(true);
  const receipt = await ingest.ingest(topic, payload, meta());
  expect(receipt.problems).toEqual([]);
  await receipt.committed;
  const db = moduleRef.get<Database>(DATABASE);
  expect(await new Quarantine(db).count()).toBe(0);
  expect(await new ReadingsReader(db).readings.countForStation(stationId)).toBe(1);
});
