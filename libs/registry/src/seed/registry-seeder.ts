import { FactoryProvider } from '@nestjs/common';
import { ParameterDefinition, WATER_PARAMETERS } from '@hp/contracts';
import { Database } from '@hp/storage';
import { ParametersRepository } from '../storage/parameters.repository';
import { ParksRepository } from '../storage/parks.repository';
import { Parameter } from '../storage/registry.types';
import { registryRepositories, RegistryRepositories } from '../storage/registry-repositories';
import { StationsRepository } from '../storage/stations.repository';
import { TreatmentPlantsRepository } from '../storage/treatment-plants.repository';
import { defaultRegistrySeed, RegistrySeed } from './registry-seed';

/** The repositories the seeder writes through. */
type SeederRepositories = Pick<RegistryRepositories, 'parameters' | 'parks' | 'plants' | 'stations'>;

/** What one seed run did to one table: rows inserted, rows changed, rows already as the seed says. */
export interface UpsertTally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface RegistrySeedResult {
  parameters: UpsertTally;
  parks: UpsertTally;
  treatmentPlants: UpsertTally;
  stations: UpsertTally;
}

interface Coded {
  readonly code: string;
}

/** True when every field the input sets already has that value in the stored row. */
function matches(row: object, input: object): boolean {
  const stored = row as Record<string, unknown>;
  return Object.entries(input).every(([key, value]) => stored[key] === value);
}

/**
 * Compares the inputs with the stored rows by code and writes only the new and changed ones, so a
 * re-run writes nothing (updated_at stays put). Returns every input's row by code.
 */
async function reconcile<TRow extends Coded, TInput extends Coded>(
  stored: readonly TRow[],
  inputs: readonly TInput[],
  write: (changed: TInput[]) => Promise<TRow[]>,
): Promise<{ rows: Map<string, TRow>; tally: UpsertTally }> {
  const rows = new Map(stored.map((row) => [row.code, row]));
  const changed = inputs.filter((input) => {
    const row = rows.get(input.code);
    return row === undefined || !matches(row, input);
  });
  const created = changed.filter((input) => !rows.has(input.code)).length;
  for (const row of await write(changed)) rows.set(row.code, row);
  return {
    rows,
    tally: { created, updated: changed.length - created, unchanged: inputs.length - changed.length },
  };
}

/** Leaves out a null nameVi, so the upsert keeps a Vietnamese name recorded through the API. */
function withoutMissingNameVi<T extends { nameVi: string | null }>({ nameVi, ...rest }: T) {
  return nameVi === null ? rest : { ...rest, nameVi };
}

/** Upserts one at a time, in order (one connection in a transaction; parks before their plants). */
function oneByOne<TInput, TRow>(upsert: (input: TInput) => Promise<TRow>) {
  return async (changed: TInput[]): Promise<TRow[]> => {
    const rows: TRow[] = [];
    for (const input of changed) rows.push(await upsert(input));
    return rows;
  };
}

/**
 * Writes the parameter catalogue and a registry seed (parks, their treatment plants and stations)
 * through the storage repositories. Idempotent: entries are matched by code, only differences are
 * written, and nothing the seed does not mention is touched (a file of added parks just adds them).
 */
export class RegistrySeeder {
  constructor(private readonly repos: SeederRepositories) {}

  async seed(seed: RegistrySeed = defaultRegistrySeed()): Promise<RegistrySeedResult> {
    const { repos } = this;
    const parameters = await reconcile<Parameter, ParameterDefinition>(
      await repos.parameters.list(),
      WATER_PARAMETERS,
      async (changed) => {
        await repos.parameters.upsertMany(changed);
        return changed;
      },
    );

    const storedParks = await repos.parks.list();
    // Coordinates recorded through the API stay: the seed places only a park that has none.
    const located = new Set(storedParks.filter((p) => p.latitude !== null).map((p) => p.code));
    const parks = await reconcile(
      storedParks,
      // The source column holds the source and, after it, the note explaining the status or gaps, and
      // where the seeded location comes from.
      seed.parks.map(({ note, location, treatmentPlants: _plants, ...park }) => ({
        ...park,
        source: [
          park.source,
          ...(note === null ? [] : [`Note: ${note}`]),
          ...(location === null ? [] : [`Location: ${location.source}`]),
        ].join(' | '),
        ...(location === null || located.has(park.code)
          ? {}
          : { latitude: location.latitude, longitude: location.longitude }),
      })),
      oneByOne((input) => repos.parks.upsert(input)),
    );

    const plantSeeds = seed.parks.flatMap((park) =>
      park.treatmentPlants.map((plant) => ({ parkId: parks.rows.get(park.code)!.id, plant })),
    );
    const plants = await reconcile(
      await repos.plants.list(),
      plantSeeds.map(({ parkId, plant: { stations: _stations, ...plant } }) => ({
        ...withoutMissingNameVi(plant),
        parkId,
      })),
      oneByOne((input) => repos.plants.upsert(input)),
    );

    const storedStations = await repos.stations.list();
    // A station retired through the API stays retired: the seed does not bring it back.
    const retired = new Set(storedStations.filter((s) => s.retiredOn !== null).map((s) => s.code));
    const stations = await reconcile(
      storedStations,
      plantSeeds.flatMap(({ plant }) =>
        plant.stations.map((station) => ({
          ...withoutMissingNameVi(station),
          plantId: plants.rows.get(plant.code)!.id,
          ...(retired.has(station.code) ? { active: false } : {}),
        })),
      ),
      oneByOne((input) => repos.stations.upsert(input)),
    );

    return {
      parameters: parameters.tally,
      parks: parks.tally,
      treatmentPlants: plants.tally,
      stations: stations.tally,
    };
  }
}

/** Nest provider of RegistrySeeder, built from the repositories RegistryDataModule provides. */
export const registrySeederProvider: FactoryProvider<RegistrySeeder> = {
  provide: RegistrySeeder,
  useFactory: (
    parameters: ParametersRepository,
    parks: ParksRepository,
    plants: TreatmentPlantsRepository,
    stations: StationsRepository,
  ) => new RegistrySeeder({ parameters, parks, plants, stations }),
  inject: [ParametersRepository, ParksRepository, TreatmentPlantsRepository, StationsRepository],
};

/**
 * Seeds the registry in one transaction, without Nest (e.g. from a CLI): the default Hai Phong
 * parks, or the given seed (see loadRegistrySeedFile).
 */
export function seedRegistry(db: Database, seed?: RegistrySeed): Promise<RegistrySeedResult> {
  return db.transaction((tx) => new RegistrySeeder(registryRepositories(tx)).seed(seed));
}
