export { RegistryModule } from './registry.module';
export { RegistryDataModule } from './storage/registry-data.module';
export { RegistryReader } from './storage/registry-reader';
export type {
  CadenceReads,
  DeviceReads,
  ParameterReads,
  ParkReads,
  PermitReads,
  StationReads,
  TreatmentPlantReads,
} from './storage/registry-reader';
export { RegistryAdmin } from './storage/registry-admin';
export * from './storage/registry.types';
export type { ParameterCadence } from './storage/parameter-cadences.repository';
export { RegistryService } from './api/registry.service';
export { ParksController } from './api/parks.controller';
export { StationsController } from './api/stations.controller';
export {
  DeviceDto,
  DischargePermitDto,
  ParkDto,
  StationDetailDto,
  StationDto,
  StationPermitDto,
  StationSummaryDto,
  TreatmentPlantDto,
} from './api/registry.dto';

export {
  DEFAULT_EXPECTED_INTERVAL_SECONDS,
  defaultRegistrySeed,
  loadRegistrySeedFile,
  REGISTRY_CODE_PATTERN,
  RegistrySeedError,
  validateRegistrySeed,
} from './seed/registry-seed';
export type { ParkSeed, RegistrySeed, StationSeed, TreatmentPlantSeed } from './seed/registry-seed';
export { RegistrySeeder, registrySeederProvider, seedRegistry } from './seed/registry-seeder';
export type { RegistrySeedResult, UpsertTally } from './seed/registry-seeder';
