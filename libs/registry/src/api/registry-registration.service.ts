import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@hp/audit';
import { DomainError, localDayOf, refuseFields } from '@hp/contracts';
import { Database, DATABASE, SqlExecutor } from '@hp/storage';
import { RegistryAdmin } from '../storage/registry-admin';
import { RegistryReader } from '../storage/registry-reader';
import {
  Park,
  ParkInput,
  Station,
  StationInput,
  TreatmentPlant,
  TreatmentPlantInput,
} from '../storage/registry.types';
import { ParkDto, StationDetailDto, TreatmentPlantDto } from './registry.dto';
import {
  CoordinatesBody,
  NewParkBody,
  NewPlantBody,
  NewStationBody,
  ParkBody,
  PlantBody,
  RetireStationBody,
  StationBody,
} from './registry.schemas';
import { RegistryService } from './registry.service';

/** A code already registered: 409, naming what and which. */
function codeTaken(what: 'park' | 'treatment plant' | 'station', code: string): DomainError {
  return new DomainError('CONFLICT', `${what} "${code}" is already registered`, {
    reason: 'CODE_TAKEN',
    what,
    code,
  });
}

/** A place is both coordinates or neither (the schema bounds each to Viet Nam). */
function checkCoordinates(stored: CoordinatesBody, body: CoordinatesBody): void {
  const latitude = body.latitude !== undefined ? body.latitude : (stored.latitude ?? null);
  const longitude = body.longitude !== undefined ? body.longitude : (stored.longitude ?? null);
  if ((latitude === null) !== (longitude === null))
    refuseFields([
      latitude === null
        ? { field: 'latitude', problem: 'is required with longitude' }
        : { field: 'longitude', problem: 'is required with latitude' },
    ]);
}

/** What an upsert takes back from a stored row. */
function inputOf<T extends { id: number; createdAt: Date; updatedAt: Date }>({
  id: _id,
  createdAt: _c,
  updatedAt: _u,
  ...fields
}: T): Omit<T, 'id' | 'createdAt' | 'updatedAt'> {
  return fields;
}

/** The body's fields that are present (a PATCH leaves the others as they are). */
function present<T extends object>(body: T): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Registering and editing parks, treatment plants and stations through the API (issue 18.2). Each change
 * and its audit entry (before and after) commit in one transaction. Codes are fixed once registered: they
 * name the MQTT topics devices publish to.
 */
@Injectable()
export class RegistryRegistrationService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(RegistryService) private readonly views: RegistryService,
  ) {}

  async createPark(body: NewParkBody, actor: string): Promise<ParkDto> {
    checkCoordinates({}, body);
    await this.db.transaction(async (tx) => {
      const park = await new RegistryAdmin(tx).registerNewPark({ ...body, name: body.name ?? body.nameVi });
      if (!park) throw codeTaken('park', body.code);
      await this.audit(tx, actor, 'park.register', `park:${park.code}`, null, park);
    });
    return this.views.getPark(body.code);
  }

  async updatePark(code: string, body: ParkBody, actor: string): Promise<ParkDto> {
    await this.db.transaction(async (tx) => {
      const before = await new RegistryReader(tx).parks.findByCode(code);
      if (!before) throw DomainError.notFound('park', code);
      checkCoordinates(before, body);
      const input: ParkInput = { ...inputOf<Park>(before), ...present(body) };
      const after = await new RegistryAdmin(tx).registerPark(input);
      await this.audit(tx, actor, 'park.update', `park:${code}`, before, after);
    });
    return this.views.getPark(code);
  }

  async createPlant(parkCode: string, body: NewPlantBody, actor: string): Promise<TreatmentPlantDto> {
    await this.db.transaction(async (tx) => {
      const park = await new RegistryReader(tx).parks.findByCode(parkCode);
      if (!park) throw DomainError.notFound('park', parkCode);
      const plant = await new RegistryAdmin(tx).registerNewTreatmentPlant({
        ...body,
        parkId: park.id,
        name: body.name ?? body.nameVi,
      });
      if (!plant) throw codeTaken('treatment plant', body.code);
      await this.audit(tx, actor, 'plant.register', `plant:${plant.code}`, null, plant);
    });
    return this.plantView(parkCode, body.code);
  }

  async updatePlant(
    parkCode: string,
    plantCode: string,
    body: PlantBody,
    actor: string,
  ): Promise<TreatmentPlantDto> {
    await this.db.transaction(async (tx) => {
      const reader = new RegistryReader(tx);
      const park = await reader.parks.findByCode(parkCode);
      const before = await reader.plants.findByCode(plantCode);
      if (!park || !before || before.parkId !== park.id)
        throw DomainError.notFound('treatment plant', `${parkCode}/${plantCode}`);
      const input: TreatmentPlantInput = { ...inputOf<TreatmentPlant>(before), ...present(body) };
      const after = await new RegistryAdmin(tx).registerTreatmentPlant(input);
      await this.audit(tx, actor, 'plant.update', `plant:${plantCode}`, before, after);
    });
    return this.plantView(parkCode, plantCode);
  }

  /** @throws DomainError NOT_FOUND (field plantCode) for an unknown plant, CONFLICT for a code taken. */
  async createStation(body: NewStationBody, actor: string): Promise<StationDetailDto> {
    checkCoordinates({}, body);
    const id = await this.db.transaction(async (tx) => {
      const plant = await new RegistryReader(tx).plants.findByCode(body.plantCode);
      if (!plant)
        throw new DomainError('NOT_FOUND', `treatment plant "${body.plantCode}" does not exist`, {
          what: 'treatment plant',
          id: body.plantCode,
          field: 'plantCode',
        });
      const { plantCode: _plant, ...fields } = body;
      const station = await new RegistryAdmin(tx).registerNewStation({
        ...fields,
        plantId: plant.id,
        name: body.name ?? body.nameVi,
      });
      if (!station) throw codeTaken('station', body.code);
      await this.audit(tx, actor, 'station.register', `station:${station.code}`, null, station);
      return station.id;
    });
    return this.views.getStation(id);
  }

  async updateStation(id: number, body: StationBody, actor: string): Promise<StationDetailDto> {
    await this.db.transaction(async (tx) => {
      const before = await this.station(tx, id);
      checkCoordinates(before, body);
      const input: StationInput = { ...inputOf<Station>(before), ...present(body) };
      const after = await new RegistryAdmin(tx).registerStation(input);
      await this.audit(tx, actor, 'station.update', `station:${before.code}`, before, after);
    });
    return this.views.getStation(id);
  }

  /**
   * Retires a station: from its retirement day it is no longer expected to report (inactive: no daily
   * verdict is awaited, it leaves its park's outlets); its readings, verdicts and permits stay.
   * @throws DomainError CONFLICT when it is retired already.
   */
  async retireStation(id: number, body: RetireStationBody, actor: string): Promise<StationDetailDto> {
    await this.db.transaction(async (tx) => {
      const before = await this.station(tx, id);
      if (before.retiredOn !== null)
        throw new DomainError('CONFLICT', `station "${before.code}" was retired on ${before.retiredOn}`, {
          reason: 'STATION_RETIRED',
          stationId: id,
          retiredOn: before.retiredOn,
        });
      const after = await new RegistryAdmin(tx).registerStation({
        ...inputOf<Station>(before),
        active: false,
        retiredOn: body.retiredOn ?? localDayOf(new Date()),
      });
      await this.audit(tx, actor, 'station.retire', `station:${before.code}`, before, {
        ...after,
        reason: body.reason,
      });
    });
    return this.views.getStation(id);
  }

  private async station(tx: SqlExecutor, id: number): Promise<Station> {
    const station = await new RegistryReader(tx).stations.findById(id);
    if (!station) throw DomainError.notFound('station', id);
    return station;
  }

  private async plantView(parkCode: string, plantCode: string): Promise<TreatmentPlantDto> {
    return (await this.views.getPark(parkCode)).treatmentPlants.find((p) => p.code === plantCode)!;
  }

  private audit(
    tx: SqlExecutor,
    actor: string,
    action: string,
    subject: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    return new AuditTrail(tx).append({ actor, action, subject, before, after });
  }
}
