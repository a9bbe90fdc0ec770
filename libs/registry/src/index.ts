export { RegistryModule } from './registry.module';
export { RegistryService } from './api/registry.service';
export { ParksController } from './api/parks.controller';
export { StationsController } from './api/stations.controller';
export {
  DeviceDto,
  DischargePermitDto,
  ParkDto,
  StationDetailDto,
  StationDto,
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
export {
  registryRepositories,
  RegistrySeeder,
  registrySeederProvider,
  seedRegistry,
} from './seed/registry-seeder';
export type { RegistryRepositories, RegistrySeedResult, UpsertTally } from './seed/registry-seeder';
