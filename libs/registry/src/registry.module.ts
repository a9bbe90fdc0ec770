import { Module } from '@nestjs/common';
import { REGISTRY_PARK_SERVICES } from './access/park-resolvers';
import { ParksController } from './api/parks.controller';
import { RegistryRegistrationService } from './api/registry-registration.service';
import { RegistryService } from './api/registry.service';
import { StationsController } from './api/stations.controller';
import { registrySeederProvider, RegistrySeeder } from './seed/registry-seeder';

/**
 * The registry feature: GET /parks, /parks/:code, /stations, /stations/:id, and the Authority's registration
 * of parks, plants and stations (POST/PATCH, retire; the app adds the `api` prefix), RegistryService,
 * RegistryRegistrationService and RegistrySeeder. Permits are recorded through libs/compliance. Needs the global StorageModule and
 * RegistryDataModule imported by the app.
 */
@Module({
  controllers: [ParksController, StationsController],
  // The parks of parks and stations, for the access guard (park operators see only their parks).
  providers: [
    RegistryService,
    RegistryRegistrationService,
    registrySeederProvider,
    ...REGISTRY_PARK_SERVICES,
  ],
  exports: [RegistryService, RegistrySeeder],
})
export class RegistryModule {}
