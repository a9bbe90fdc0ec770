import { Global, Module } from '@nestjs/common';
import { repositoryProviders } from '@hp/storage';
import { DevicesRepository } from './devices.repository';
import { DischargePermitsRepository } from './discharge-permits.repository';
import { ParameterCadencesRepository } from './parameter-cadences.repository';
import { ParametersRepository } from './parameters.repository';
import { ParksRepository } from './parks.repository';
import { RegistryAdmin } from './registry-admin';
import { RegistryReader } from './registry-reader';
import { StationsRepository } from './stations.repository';
import { TreatmentPlantsRepository } from './treatment-plants.repository';

const REGISTRY_REPOSITORIES = [
  ParksRepository,
  TreatmentPlantsRepository,
  StationsRepository,
  ParametersRepository,
  ParameterCadencesRepository,
  DischargePermitsRepository,
  DevicesRepository,
];

/**
 * The registry's tables: its repositories (for the registry's own services) and RegistryReader and
 * RegistryAdmin (for everyone else). Global; imported next to StorageModule.forRoot, whose DATABASE it uses.
 */
@Global()
@Module({
  providers: [...repositoryProviders(REGISTRY_REPOSITORIES), RegistryReader, RegistryAdmin],
  exports: [...REGISTRY_REPOSITORIES, RegistryReader, RegistryAdmin],
})
export class RegistryDataModule {}
