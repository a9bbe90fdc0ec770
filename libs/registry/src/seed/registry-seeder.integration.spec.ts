import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WATER_PARAMETERS } from '@hp/contracts';
import { Database, runMigrations } from '@hp/storage';
import { tempDataDir } from '@hp/testing';
import { openTestStore, TestStore } from '@hp/testing-store';
import { defaultRegistrySeed, loadRegistrySeedFile } from './registry-seed';
import { registryRepositories } from '../storage/registry-repositories';
import { RegistrySeeder, RegistrySeedResult, seedRegistry } from './registry-seeder';

const PARKS = 22;
const OPERATING = 8; // each with one CETP and one outlet station

const created = (n: number) => ({ created: n, updated: 0, unchanged: 0 });
const unchanged = (n: number) => ({ created: 0, updated: 0, unchanged: n });

/** Every registry row the seeder writes, timestamps included. */
async function snapshot(db: Database) {
  const repos = registryRepositories(db);
  return {
    parameters: await repos.parameters.list(),
    parks: await repos.parks.list(),
    plants: await repos.plants.list(),
    stations: await repos.stations.list(),
  };
}

/** Seeds the default file twice: the first run creates everything, the second changes nothing. */
async function expectIdempotentSeed(db: Database): Promise<void> {
  await runMigrations(db);
  expect(await seedRegistry(db)).toEqual<RegistrySeedResult>({
    parameters: created(WATER_PARAMETERS.length),
    parks: created(PARKS),
    treatmentPlants: created(OPERATING),
    stations: created(OPERATING),
  });
  const before = await snapshot(db);
  expect(await seedRegistry(db)).toEqual<RegistrySeedResult>({
    parameters: unchanged(WATER_PARAMETERS.length),
    parks: unchanged(PARKS),
    treatmentPlants: unchanged(OPERATING),
    stations: unchanged(OPERATING),
  });
  expect(await snapshot(db)).toEqual(before); // same rows, same ids, same updated_at

  const plants = new Map(before.plants.map((p) => [p.code, p]));
  expect(plants.get('VSIP-HP-CETP')).toMatchObject({ designCapacityM3PerDay: 4500, receivingWater: null });
  for (const plant of before.plants.filter((p) => p.code !== 'VSIP-HP-CETP')) {
    expect(plant.designCapacityM3PerDay).toBeNull();
  }
}

describe('RegistrySeeder on PostgreSQL', () => {
  let store: TestStore;
  let db: Database;
  beforeEach(async () => {
    // Not migrated: migrating is part of what is tested (expectIdempotentSeed).
    store = await openTestStore('pg', { migrate: false, poolSize: 2 });
    db = store.db;
  });
  afterEach(() => store.cleanup());

  it('seeds the Hai Phong parks idempotently, with parameters, plants and outlet stations', async () => {
    await expectIdempotentSeed(db);
    const { parks, parameters } = await snapshot(db);
    expect(parameters.map((p) => p.code).sort()).toEqual(WATER_PARAMETERS.map((p) => p.code).sort());
    const vsip = parks.find((p) => p.code === 'VSIP-HP')!;
    expect(vsip).toMatchObject({
      areaHa: 1567,
      operatingStatus: 'operating',
      district: 'thành phố Thủy Nguyên (cũ)',
    });
    expect(vsip.source).toMatch(/^\[V\] https:\/\/ecobaent\.vn\/.* \| Note: Area is the total/);
    expect(parks.find((p) => p.code === 'NAMDINHVU')).toMatchObject({ areaHa: null });
    expect(parks.find((p) => p.code === 'BINHGIANG')).toMatchObject({ operatingStatus: 'planned' });
    // Plants and stations carry a Vietnamese name for the Vietnamese UI and reports.
    const repos = registryRepositories(db);
    expect((await repos.plants.list()).find((p) => p.code === 'VSIP-HP-CETP')).toMatchObject({
      nameVi: 'Nhà máy xử lý nước thải tập trung KCN VSIP Hải Phòng',
      name: 'VSIP Hai Phong centralized wastewater treatment plant',
    });
    expect((await repos.stations.list()).find((s) => s.code === 'VSIP-HP-CETP-OUT')).toMatchObject({
      nameVi: 'Trạm quan trắc nước thải sau xử lý - Nhà máy XLNT tập trung KCN VSIP Hải Phòng',
    });
    const refs = await repos.stations.listRefs();
    expect(refs).toContainEqual(
      expect.objectContaining({ code: 'VSIP-HP-CETP-OUT', parkCode: 'VSIP-HP', plantCode: 'VSIP-HP-CETP' }),
    );
  });

  it('accepts parks added later from another file, and updates only what changed', async () => {
    await runMigrations(db);
    await seedRegistry(db);
    const tmp = await tempDataDir({ prefix: 'hp-registry-extra-' });
    try {
      // A post-merger park (the city has 40 since 2025): just another entry, with its own codes.
      const file = join(tmp.dir, 'added-parks.json');
      await writeFile(
        file,
        JSON.stringify({
          parks: [
            {
              code: 'TEST-POSTMERGER',
              name: 'Post-merger test park',
              operatingStatus: 'operating',
              source: '[U] test fixture',
              treatmentPlants: [
                {
                  code: 'TEST-POSTMERGER-CETP',
                  name: 'Test CETP',
                  designCapacityM3PerDay: 1200,
                  stations: [{ code: 'TEST-POSTMERGER-CETP-OUT', name: 'Test outlet', kind: 'outlet' }],
                },
              ],
            },
          ],
        }),
      );
      const seeder = new RegistrySeeder(registryRepositories(db));
      const extra = await loadRegistrySeedFile(file);
      expect(await seeder.seed(extra)).toEqual<RegistrySeedResult>({
        parameters: unchanged(WATER_PARAMETERS.length),
        parks: created(1),
        treatmentPlants: created(1),
        stations: created(1),
      });
      expect(await seeder.seed(extra)).toMatchObject({ parks: unchanged(1), stations: unchanged(1) });
    } finally {
      await tmp.remove();
    }
    const { parks, stations } = await snapshot(db);
    expect(parks).toHaveLength(PARKS + 1);
    expect(stations).toHaveLength(OPERATING + 1);
    const refs = await registryRepositories(db).stations.listRefs();
    expect(refs).toContainEqual(
      expect.objectContaining({
        code: 'TEST-POSTMERGER-CETP-OUT',
        parkCode: 'TEST-POSTMERGER',
        active: true,
      }),
    );

    // Re-seeding the default file leaves the added park alone; an edited entry is updated in place.
    const edited = defaultRegistrySeed();
    edited.parks.find((p) => p.code === 'DOSON')!.areaHa = 150.5;
    const result = await seedRegistry(db, edited);
    expect(result.parks).toEqual({ created: 0, updated: 1, unchanged: PARKS - 1 });
    const after = await snapshot(db);
    expect(after.parks).toHaveLength(PARKS + 1);
    expect(after.parks.find((p) => p.code === 'DOSON')).toMatchObject({
      id: parks.find((p) => p.code === 'DOSON')!.id,
      areaHa: 150.5,
    });
  });

  it('leaves a station retired through the API retired, and its coordinates as recorded', async () => {
    await runMigrations(db);
    await seedRegistry(db);
    const stations = registryRepositories(db).stations;
    const outlet = (await stations.findByCode('VSIP-HP-CETP-OUT'))!;
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = outlet;
    await stations.upsert({
      ...fields,
      latitude: 20.9,
      longitude: 106.6,
      active: false,
      retiredOn: '2026-04-01',
    });
    expect((await seedRegistry(db)).stations).toEqual(unchanged(OPERATING));
    expect(await stations.findByCode('VSIP-HP-CETP-OUT')).toMatchObject({
      active: false,
      retiredOn: '2026-04-01',
      latitude: 20.9,
    });
  });

  it('places each park at its seeded [U] location, and keeps a location an officer recorded', async () => {
    await runMigrations(db);
    await seedRegistry(db);
    const parks = registryRepositories(db).parks;
    const seeded = defaultRegistrySeed().parks.find((p) => p.code === 'VSIP-HP')!.location!;
    const vsip = (await parks.findByCode('VSIP-HP'))!;
    expect(vsip).toMatchObject({ latitude: seeded.latitude, longitude: seeded.longitude });
    expect(vsip.source).toContain(`| Location: ${seeded.source}`);
    for (const park of await parks.list()) expect(park.latitude).not.toBeNull();

    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = vsip;
    await parks.upsert({ ...fields, latitude: 20.9123, longitude: 106.7012 });
    expect((await seedRegistry(db)).parks).toEqual(unchanged(PARKS));
    expect(await parks.findByCode('VSIP-HP')).toMatchObject({ latitude: 20.9123, longitude: 106.7012 });
  });
});

describe('RegistrySeeder on the embedded TimescaleDB', () => {
  it('seeds idempotently too', async () => {
    const store = await openTestStore('embedded', { migrate: false });
    try {
      await expectIdempotentSeed(store.db);
    } finally {
      await store.cleanup();
    }
  }, 120_000);
});
