import { INestApplication } from '@nestjs/common';
import { SwaggerModule, DocumentBuilder } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { AddressInfo } from 'node:net';
import { bodyValidator, checkBody, DomainErrorCode, input } from '@hp/contracts';
import { StorageModule } from '@hp/storage';
import { createTestDatabase, TestDatabase } from '@hp/testing';
import { ParkDto, StationDetailDto, StationDto } from './api/registry.dto';
import { RegistryService } from './api/registry.service';
import { CADENCE_BODY_SCHEMA } from './api/stations.controller';
import { RegistryModule } from './registry.module';
import { RegistrySeeder } from './seed/registry-seeder';
import { RegistryDataModule } from './storage/registry-data.module';
import { RegistryAdmin } from './storage/registry-admin';
import { RegistryReader } from './storage/registry-reader';

describe('RegistryModule over HTTP', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const moduleRef = await Test.createTestingModule({
      imports: [
        StorageModule.forRoot({
          databaseUrl: database.url,
          dataDir: 'unused',
          poolSize: 2,
          migrateOnBoot: true,
        }),
        RegistryDataModule,
        RegistryModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.setGlobalPrefix('api');
    await app.listen(0);
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api`;
    await app.get(RegistrySeeder).seed();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  async function getJson<T>(path: string): Promise<T> {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  it('GET /api/parks lists every park with its plants and their stations', async () => {
    const parks = await getJson<ParkDto[]>('/parks');
    expect(parks).toHaveLength(22);
    const vsip = parks.find((p) => p.code === 'VSIP-HP');
    expect(vsip).toMatchObject({
      name: 'VSIP Hai Phong',
      operatingStatus: 'operating',
      areaHa: 1567,
      treatmentPlants: [
        {
          code: 'VSIP-HP-CETP',
          designCapacityM3PerDay: 4500,
          operatingStatus: 'operating',
          stations: [
            { code: 'VSIP-HP-CETP-OUT', kind: 'outlet', expectedIntervalSeconds: 300, active: true },
          ],
        },
      ],
    });
    expect(parks.find((p) => p.code === 'TRANGDUE')!.treatmentPlants[0].designCapacityM3PerDay).toBeNull();
    expect(parks.find((p) => p.code === 'HOANGDIEU')).toMatchObject({
      operatingStatus: 'planned',
      treatmentPlants: [],
    });
  });

  it('GET /api/parks/:code returns one park', async () => {
    const park = await getJson<ParkDto>('/parks/VSIP-HP');
    expect(park.treatmentPlants.map((t) => t.code)).toEqual(['VSIP-HP-CETP']);
  });

  it('GET /api/stations lists stations with their park and plant codes', async () => {
    const stations = await getJson<StationDto[]>('/stations');
    expect(stations).toHaveLength(8);
    const outlet = stations.find((s) => s.code === 'VSIP-HP-CETP-OUT')!;
    expect(outlet).toMatchObject({ parkCode: 'VSIP-HP', plantCode: 'VSIP-HP-CETP', kind: 'outlet' });

    expect(await getJson<StationDetailDto>(`/stations/${outlet.id}`)).toEqual({
      ...outlet,
      permits: [],
      devices: [],
      cadences: expect.arrayContaining([{ parameterCode: 'COD', cadenceSeconds: 900, source: 'default' }]),
    });

    // Permit coefficients come from the permit record; a device's credential is never shown.
    await app.get(RegistryAdmin).recordDischargePermit({
      stationId: outlet.id,
      permitNumber: 'GPMT-TEST-1',
      standardVersion: 'QCVN40:2011',
      columnCode: 'A',
      kq: 1.1,
      kf: 1.0,
      effectiveFrom: '2026-01-01',
    });
    const vsip = (await app.get(RegistryReader).parks.findByCode('VSIP-HP'))!;
    await app.get(RegistryAdmin).registerDevice({
      code: 'TEST-ANALYZER-1',
      parkId: vsip.id,
      stationId: outlet.id,
      kind: 'analyzer',
      credentialHash: 'secret-hash',
    });
    const detail = await getJson<StationDetailDto>(`/stations/${outlet.id}`);
    expect(detail.permits).toEqual([
      {
        id: expect.any(Number),
        permitNumber: 'GPMT-TEST-1',
        standardVersion: 'QCVN40:2011',
        columnCode: 'A',
        kq: 1.1,
        kf: 1,
        // Recorded before Kf's origin was kept: no permitted flow, source or reason.
        permittedFlowM3PerDay: null,
        kfSource: null,
        kfReason: null,
        effectiveFrom: '2026-01-01',
        effectiveTo: null,
        // The judging rules, at their defaults (design defaults, not law).
        parameters: ['Temp', 'pH', 'TSS', 'COD', 'NH4'],
        windows: ['hour', 'day'],
        minCapture: 0.75,
        flatlineRecords: 12,
        limits: [],
        // No document named, a first version in force.
        documentRef: null,
        supersedes: null,
        supersededAt: null,
      },
    ]);
    expect(detail.devices).toEqual([{ id: expect.any(Number), code: 'TEST-ANALYZER-1', kind: 'analyzer' }]);
  });

  it("shows each parameter's measurement cadence (defaults by analyser) and registers a station's own", async () => {
    const [station] = await getJson<StationDto[]>('/stations');
    const cadencesOf = async () =>
      Object.fromEntries(
        (await getJson<StationDetailDto>(`/stations/${station.id}`)).cadences.map((c) => [
          c.parameterCode,
          [c.cadenceSeconds, c.source],
        ]),
      );
    // The seeded defaults: continuous instruments every 5 min, COD every 15, NH4/TN/TP every 30.
    expect(await cadencesOf()).toMatchObject({
      Flow: [300, 'default'],
      pH: [300, 'default'],
      COD: [900, 'default'],
      NH4: [1800, 'default'],
      TP: [1800, 'default'],
    });
    const put = (parameter: string, body: unknown) =>
      fetch(`${base}/stations/${station.id}/cadences/${parameter}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // This station's COD analyser runs a 10-minute cycle.
    expect((await put('COD', { cadenceSeconds: 600 })).status).toBe(200);
    expect((await cadencesOf())['COD']).toEqual([600, 'station']);
    // null: back to the default.
    expect((await put('COD', { cadenceSeconds: null })).status).toBe(200);
    expect((await cadencesOf())['COD']).toEqual([900, 'default']);
    // A cadence must divide the day into whole records; the parameter must be a known one.
    // The body's schema (served as the route's requestBody) refuses what is no whole number of seconds up to
    // a day, naming the field; the rule refuses a cadence that does not divide the day. (This test app has no
    // DomainError filter: the API app's answers these with 400, the e2e suites check that.)
    const validate = bodyValidator(CADENCE_BODY_SCHEMA);
    for (const [bad, field] of [
      [{ cadenceSeconds: 0 }, 'cadenceSeconds'],
      [{ cadenceSeconds: '900' }, 'cadenceSeconds'],
      [{ cadenceSeconds: 1.5 }, 'cadenceSeconds'],
      [{ cadenceSeconds: 86_401 }, 'cadenceSeconds'],
      [{}, 'cadenceSeconds'],
      [{ cadenceSeconds: 900, every: 'day' }, 'every'],
      [[], 'body'],
    ] as const)
      expect(() => checkBody(validate, bad)).toThrow(expect.objectContaining({ details: { field } }));
    const registry = app.get(RegistryService);
    await expect(registry.setStationCadence(station.id, 'COD', 7 * 60)).rejects.toMatchObject({
      code: DomainErrorCode.InvalidArgument,
    });
    await expect(registry.setStationCadence(station.id, 'XYZ', 900)).rejects.toMatchObject({
      code: DomainErrorCode.InvalidArgument,
    });
    await expect(registry.setStationCadence(999999, 'COD', 900)).rejects.toMatchObject({
      code: DomainErrorCode.NotFound,
    });
  });

  it('reports unknown codes and ids as NOT_FOUND and malformed ids as INVALID_ARGUMENT', async () => {
    // The HTTP mapping of DomainError is the app's global filter; here the service's errors are checked.
    const registry = app.get(RegistryService);
    await expect(registry.getPark('NOPE')).rejects.toMatchObject({
      code: DomainErrorCode.NotFound,
      message: 'park "NOPE" does not exist',
    });
    await expect(registry.getStation(999999)).rejects.toMatchObject({ code: DomainErrorCode.NotFound });
    await expect(registry.getStation(99999999999)).rejects.toMatchObject({
      code: DomainErrorCode.NotFound,
    });
    // The route parses its :id before the service sees it: every other spelling is refused there.
    for (const id of ['abc', '1.5', '-1', '0', '', '01', '+1', ' 1', '99999999999']) {
      expect(() => input.id().parse('id', id)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.InvalidArgument }),
      );
    }
  });

  it('documents the routes and response shapes for Swagger', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/parks',
      '/api/parks/{code}',
      '/api/parks/{code}/treatment-plants',
      '/api/parks/{code}/treatment-plants/{plantCode}',
      '/api/stations',
      '/api/stations/{id}',
      '/api/stations/{id}/cadences/{parameter}',
      '/api/stations/{id}/retire',
    ]);
    const schemas = document.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['ParkDto', 'TreatmentPlantDto', 'StationDto', 'StationDetailDto']),
    );
    expect(schemas['TreatmentPlantDto']).toMatchObject({
      properties: { designCapacityM3PerDay: { type: 'number', nullable: true } },
    });
  });
});
