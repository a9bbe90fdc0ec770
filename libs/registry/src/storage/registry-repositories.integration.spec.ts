import { WATER_PARAMETERS } from '@hp/contracts';
import { Database } from '@hp/storage';
import { openTestStore, TEST_STORE_DRIVERS, TestStore } from '@hp/testing-store';
import { DevicesRepository } from './devices.repository';
import { DischargePermitsRepository } from './discharge-permits.repository';
import { ParametersRepository } from './parameters.repository';
import { ParksRepository } from './parks.repository';
import { StationsRepository } from './stations.repository';
import { TreatmentPlantsRepository } from './treatment-plants.repository';

// The registry repositories on both drivers (moved here from the storage contract with the repositories).
describe.each(TEST_STORE_DRIVERS)('registry repositories: $name', ({ driver }) => {
  let store: TestStore;
  let db: Database;
  beforeEach(async () => {
    store = await openTestStore(driver);
    db = store.db;
  });
  afterEach(() => store.cleanup());

  it('upserts parks, plants, stations and devices by code and lists them', async () => {
    const parks = new ParksRepository(db);
    const plants = new TreatmentPlantsRepository(db);
    const stations = new StationsRepository(db);
    const devices = new DevicesRepository(db);

    const park = await parks.upsert({
      code: 'DINHVU',
      name: 'Dinh Vu IP',
      areaHa: null,
      district: 'Hai An',
    });
    expect(park).toMatchObject({
      code: 'DINHVU',
      areaHa: null,
      operatingStatus: 'operating',
      nameVi: null,
    });
    const again = await parks.upsert({
      code: 'DINHVU',
      name: 'Dinh Vu Industrial Park',
      areaHa: 1329.8,
      operatingStatus: 'operating',
    });
    expect(again).toMatchObject({ id: park.id, name: 'Dinh Vu Industrial Park', areaHa: 1329.8 });
    expect(again.updatedAt.getTime()).toBeGreaterThanOrEqual(park.updatedAt.getTime());
    await parks.upsert({ code: 'DEEPC2', name: 'DEEP C II', operatingStatus: 'under_construction' });
    expect((await parks.list()).map((p) => p.code)).toEqual(['DEEPC2', 'DINHVU']);
    expect(await parks.findByCode('DINHVU')).toEqual(again);
    expect(await parks.findById(park.id)).toEqual(again);
    expect(await parks.findByCode('NOPE')).toBeNull();
    await expect(parks.upsert({ code: 'X', name: 'x', operatingStatus: 'bogus' as never })).rejects.toThrow(
      /check/i,
    );

    const plant = await plants.upsert({
      code: 'DV-WWTP1',
      parkId: park.id,
      name: 'Dinh Vu WWTP',
      designCapacityM3PerDay: 5000,
    });
    expect(plant).toMatchObject({ parkId: park.id, designCapacityM3PerDay: 5000, receivingWater: null });
    const outlet = await stations.upsert({
      code: 'DV-OUT1',
      plantId: plant.id,
      name: 'Outlet 1',
      kind: 'outlet',
    });
    expect(outlet).toMatchObject({ expectedIntervalSeconds: 300, active: true });
    const paused = await stations.upsert({
      code: 'DV-OUT1',
      plantId: plant.id,
      name: 'Outlet 1',
      kind: 'outlet',
      active: false,
    });
    expect(paused).toMatchObject({ id: outlet.id, active: false, expectedIntervalSeconds: 300 });
    expect(await stations.listRefs()).toEqual([
      { id: outlet.id, code: 'DV-OUT1', parkCode: 'DINHVU', plantCode: 'DV-WWTP1', active: false },
    ]);

    const device = await devices.upsert({
      code: 'AN-1',
      parkId: park.id,
      stationId: outlet.id,
      kind: 'analyzer',
      credentialHash: 'h1',
    });
    // Re-seeding a device without a credential keeps the one it has.
    const reseeded = await devices.upsert({
      code: 'AN-1',
      parkId: park.id,
      stationId: outlet.id,
      kind: 'analyzer',
    });
    expect(reseeded).toMatchObject({ id: device.id, credentialHash: 'h1' });
    expect(await devices.list()).toHaveLength(1);
  });

  it('stores parameters and discharge permits', async () => {
    const parameters = new ParametersRepository(db);
    expect(await parameters.upsertMany(WATER_PARAMETERS)).toBe(WATER_PARAMETERS.length);
    expect(await parameters.upsertMany(WATER_PARAMETERS)).toBe(WATER_PARAMETERS.length);
    const list = await parameters.list();
    expect(list).toHaveLength(WATER_PARAMETERS.length);
    expect(await parameters.findByCode('pH')).toEqual({
      code: 'pH',
      name: 'pH',
      unit: 'pH',
      physicalMin: 0,
      physicalMax: 14,
    });

    const park = await new ParksRepository(db).upsert({ code: 'P', name: 'P' });
    const plant = await new TreatmentPlantsRepository(db).upsert({ code: 'W', parkId: park.id, name: 'W' });
    const station = await new StationsRepository(db).upsert({
      code: 'S',
      plantId: plant.id,
      name: 'S',
      kind: 'outlet',
    });
    const permits = new DischargePermitsRepository(db);
    const first = await permits.insert({
      stationId: station.id,
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      kq: 0.9,
      kf: 1.0,
      effectiveFrom: '2024-01-01',
      effectiveTo: '2026-07-01',
    });
    expect(first).toMatchObject({
      permitNumber: null,
      kq: 0.9,
      kf: 1,
      effectiveFrom: '2024-01-01',
      effectiveTo: '2026-07-01',
    });
    await permits.insert({
      stationId: station.id,
      standardVersion: 'QCVN40:2025',
      columnCode: 'A',
      effectiveFrom: '2026-07-01',
    });
    await expect(
      permits.insert({
        stationId: station.id,
        standardVersion: 'QCVN40:2011',
        columnCode: 'A',
        effectiveFrom: '2024-01-01',
      }),
    ).rejects.toThrow(/duplicate key/);
    expect((await permits.listByStation(station.id)).map((p) => p.standardVersion)).toEqual([
      'QCVN40:2011',
      'QCVN40:2025',
    ]);
    expect((await permits.findEffective(station.id, '2026-06-30'))?.columnCode).toBe('B');
    expect((await permits.findEffective(station.id, '2026-07-01'))?.columnCode).toBe('A');
    expect(await permits.findEffective(station.id, '2023-12-31')).toBeNull();

    // Kf with its origin: from the permitted flow, or explicit with a reason (the schema refuses one
    // without it).
    const fromFlow = await permits.insert({
      stationId: station.id,
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      kf: 1.0,
      kfSource: 'flow_table',
      permittedFlowM3PerDay: 4500.5,
      effectiveFrom: '2027-01-01',
    });
    expect(fromFlow).toMatchObject({
      kf: 1,
      kfSource: 'flow_table',
      kfReason: null,
      permittedFlowM3PerDay: 4500.5,
    });
    await expect(
      permits.insert({
        stationId: station.id,
        standardVersion: 'QCVN40:2011',
        columnCode: 'B',
        kf: 1.1,
        kfSource: 'explicit',
        effectiveFrom: '2027-02-01',
      }),
    ).rejects.toThrow(/discharge_permits_kf_explicit_reason/);
  });

  it('supersedes a permit with a corrected version: the old one stays in the history and applies to no day', async () => {
    const park = await new ParksRepository(db).upsert({ code: 'P2', name: 'P2' });
    const plant = await new TreatmentPlantsRepository(db).upsert({ code: 'W2', parkId: park.id, name: 'W2' });
    const station = await new StationsRepository(db).upsert({
      code: 'S2',
      plantId: plant.id,
      name: 'S2',
      kind: 'outlet',
    });
    const permits = new DischargePermitsRepository(db);
    const base = { stationId: station.id, standardVersion: 'QCVN40:2011', columnCode: 'B' as const };
    const old = await permits.insert({
      ...base,
      effectiveFrom: '2026-01-01',
      parameters: ['COD'],
      limits: [{ parameterCode: 'COD', min: null, max: 100 }],
      documentRef: 'GPMT 12/2026',
    });
    const corrected = await permits.supersede(old.id, {
      ...base,
      effectiveFrom: '2026-01-01',
      parameters: ['COD'],
      limits: [{ parameterCode: 'COD', min: null, max: 60 }],
      documentRef: 'GPMT 12/2026',
    });
    expect(corrected).toMatchObject({ supersedes: old.id, supersededAt: null, documentRef: 'GPMT 12/2026' });
    expect((await permits.findEffective(station.id, '2026-03-12'))?.limits).toEqual([
      expect.objectContaining({ parameterCode: 'COD', max: 60 }),
    ]);
    expect(
      (await permits.listOverlapping([station.id], '2026-01-01', '2026-12-31')).map((p) => p.id),
    ).toEqual([corrected.id]);
    expect((await permits.listByStation(station.id)).map((p) => p.id)).toEqual([corrected.id]);
    const history = await permits.history(station.id);
    expect(history.map((p) => [p.id, p.supersededAt instanceof Date])).toEqual([
      [old.id, true],
      [corrected.id, false],
    ]);
    expect((await permits.findById(old.id))?.limits).toEqual([expect.objectContaining({ max: 100 })]);
    // A later permit closes only the version in force.
    await permits.insert({ ...base, effectiveFrom: '2026-07-01' });
    expect((await permits.findById(corrected.id))?.effectiveTo).toBe('2026-07-01');
    expect((await permits.findById(old.id))?.effectiveTo).toBeNull();
  });
});
