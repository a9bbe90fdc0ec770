import { Inject, Injectable } from '@nestjs/common';
import { ParameterDefinition } from '@hp/contracts';
import { DATABASE, SqlExecutor } from '@hp/storage';
import {
  Device,
  DeviceActivity,
  DeviceInput,
  DevicePresence,
  DischargePermit,
  DischargePermitInput,
  Park,
  ParkInput,
  Station,
  StationInput,
  TreatmentPlant,
  TreatmentPlantInput,
} from './registry.types';
import { registryRepositories, RegistryRepositories } from './registry-repositories';

/**
 * How other features, CLIs and tests change the registry. Injected (RegistryDataModule), or built on a
 * Database or a transaction: `db.transaction((tx) => new RegistryAdmin(tx).recordDischargePermit(...))`.
 * Entries keyed by code are registered idempotently: registering a code again updates that entry.
 */
@Injectable()
export class RegistryAdmin {
  private readonly repositories: RegistryRepositories;

  constructor(@Inject(DATABASE) db: SqlExecutor) {
    this.repositories = registryRepositories(db);
  }

  registerPark(park: ParkInput): Promise<Park> {
    return this.repositories.parks.upsert(park);
  }

  /** A park with a new code; null (nothing written) when the code is taken. */
  registerNewPark(park: ParkInput): Promise<Park | null> {
    return this.repositories.parks.insertNew(park);
  }

  /** A treatment plant with a new code; null (nothing written) when the code is taken. */
  registerNewTreatmentPlant(plant: TreatmentPlantInput): Promise<TreatmentPlant | null> {
    return this.repositories.plants.insertNew(plant);
  }

  /** A station with a new code; null (nothing written) when the code is taken. */
  registerNewStation(station: StationInput): Promise<Station | null> {
    return this.repositories.stations.insertNew(station);
  }

  registerTreatmentPlant(plant: TreatmentPlantInput): Promise<TreatmentPlant> {
    return this.repositories.plants.upsert(plant);
  }

  registerStation(station: StationInput): Promise<Station> {
    return this.repositories.stations.upsert(station);
  }

  /** Without credentialHash the device keeps the credential it has. */
  registerDevice(device: DeviceInput): Promise<Device> {
    return this.repositories.devices.upsert(device);
  }

  /** Writes the parameter catalogue entries; returns how many rows were written. */
  registerParameters(definitions: readonly ParameterDefinition[]): Promise<number> {
    return this.repositories.parameters.upsertMany(definitions);
  }

  /**
   * Records a station's permit from its first day on; an open-ended earlier permit ends that day.
   * Fails (unique violation) when the station already has a permit starting that day.
   */
  recordDischargePermit(permit: DischargePermitInput): Promise<DischargePermit> {
    return this.repositories.permits.insert(permit);
  }

  /**
   * Records a corrected version of a permit in force: the old one stays in the history, marked superseded,
   * and applies to no day any more; the new version applies over its own days.
   */
  supersedeDischargePermit(permitId: number, permit: DischargePermitInput): Promise<DischargePermit> {
    return this.repositories.permits.supersede(permitId, permit);
  }

  /** A station's own cadence for a parameter (replacing its earlier one); see RegistryService for the checked route. */
  setStationCadence(stationId: number, parameterCode: string, cadenceSeconds: number): Promise<void> {
    return this.repositories.cadences.setForStation(stationId, parameterCode, cadenceSeconds);
  }

  /** The parameter's default cadence applies at the station again; returns whether it had its own. */
  clearStationCadence(stationId: number, parameterCode: string): Promise<boolean> {
    return this.repositories.cadences.clearForStation(stationId, parameterCode);
  }

  /** A device's presence as it reported it (or its last will); false when no device has this code. */
  recordDevicePresence(code: string, presence: DevicePresence): Promise<boolean> {
    return this.repositories.devices.setPresence(code, presence);
  }

  /** A new credential hash for a device, or null to revoke it; false when no device has this code. */
  setDeviceCredential(code: string, credentialHash: string | null): Promise<boolean> {
    return this.repositories.devices.setCredential(code, credentialHash);
  }

  /** The last messages ingestion saw, a batch at a time (never one write per message). */
  recordDeviceActivity(activity: readonly DeviceActivity[]): Promise<void> {
    return this.repositories.devices.recordActivity(activity);
  }
}
