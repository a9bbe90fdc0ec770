import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, SqlExecutor } from '@hp/storage';
import { DevicesRepository } from './devices.repository';
import { DischargePermitsRepository } from './discharge-permits.repository';
import { ParameterCadencesRepository } from './parameter-cadences.repository';
import { ParametersRepository } from './parameters.repository';
import { ParksRepository } from './parks.repository';
import { StationsRepository } from './stations.repository';
import { TreatmentPlantsRepository } from './treatment-plants.repository';
import { registryRepositories } from './registry-repositories';

export type ParkReads = Pick<ParksRepository, 'list' | 'findByCode' | 'findById'>;
export type TreatmentPlantReads = Pick<TreatmentPlantsRepository, 'list' | 'findByCode' | 'findById'>;
export type StationReads = Pick<
  StationsRepository,
  'list' | 'findByCode' | 'findById' | 'listRefs' | 'listParkOutlets'
>;
export type ParameterReads = Pick<ParametersRepository, 'list' | 'findByCode'>;
export type CadenceReads = Pick<ParameterCadencesRepository, 'forStation' | 'forStations' | 'defaults'>;
export type PermitReads = Pick<
  DischargePermitsRepository,
  'listByStation' | 'listOverlapping' | 'findEffective' | 'findById' | 'history'
>;
export type DeviceReads = Pick<
  DevicesRepository,
  | 'list'
  | 'findByCode'
  | 'findById'
  | 'listRefs'
  | 'findRefByCode'
  | 'findPresence'
  | 'listPresence'
  | 'listOverview'
  | 'findOverviewByCode'
>;

/**
 * How other features read the registry (parks, plants, stations, parameters, cadences, permits, devices):
 * read-only views of its tables. Injected (RegistryDataModule), or built on a Database or a transaction where
 * there is no Nest (CLIs, medium specs): `new RegistryReader(tx).permits.findEffective(...)`.
 */
@Injectable()
export class RegistryReader {
  readonly parks: ParkReads;
  readonly plants: TreatmentPlantReads;
  readonly stations: StationReads;
  readonly parameters: ParameterReads;
  readonly cadences: CadenceReads;
  readonly permits: PermitReads;
  readonly devices: DeviceReads;

  constructor(@Inject(DATABASE) db: SqlExecutor) {
    const repositories = registryRepositories(db);
    this.parks = repositories.parks;
    this.plants = repositories.plants;
    this.stations = repositories.stations;
    this.parameters = repositories.parameters;
    this.cadences = repositories.cadences;
    this.permits = repositories.permits;
    this.devices = repositories.devices;
  }
}
