import { SqlExecutor } from '@hp/storage';
import { DevicesRepository } from './devices.repository';
import { DischargePermitsRepository } from './discharge-permits.repository';
import { ParameterCadencesRepository } from './parameter-cadences.repository';
import { ParametersRepository } from './parameters.repository';
import { ParksRepository } from './parks.repository';
import { StationsRepository } from './stations.repository';
import { TreatmentPlantsRepository } from './treatment-plants.repository';

/** Every repository of the registry on one executor: the Database, or a transaction's session. */
export function registryRepositories(db: SqlExecutor) {
  return {
    parks: new ParksRepository(db),
    plants: new TreatmentPlantsRepository(db),
    stations: new StationsRepository(db),
    parameters: new ParametersRepository(db),
    cadences: new ParameterCadencesRepository(db),
    permits: new DischargePermitsRepository(db),
    devices: new DevicesRepository(db),
  };
}

export type RegistryRepositories = ReturnType<typeof registryRepositories>;
