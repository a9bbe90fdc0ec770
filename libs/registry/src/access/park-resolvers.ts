import { Injectable } from '@nestjs/common';
import { ParkDirectory, ParkDirectoryProvider, ParkResolver, ParkResolverProvider } from '@hp/contracts';
import { DischargePermitsRepository } from '../storage/discharge-permits.repository';
import { ParksRepository } from '../storage/parks.repository';
import { StationsRepository } from '../storage/stations.repository';

/** The park a park code names (routes `:code` of a park, and `?park=`). */
@Injectable()
@ParkResolverProvider()
export class ParkCodeResolver implements ParkResolver {
  readonly kind = 'park';
  constructor(private readonly parks: ParksRepository) {}

  async parksOf(code: unknown): Promise<readonly number[] | null> {
    const park = await this.parks.findByCode(String(code));
    return park ? [park.id] : null;
  }
}

/** The park of a monitoring station, by its id. */
@Injectable()
@ParkResolverProvider()
export class StationParkResolver implements ParkResolver {
  readonly kind = 'station';
  constructor(
    private readonly parks: ParksRepository,
    private readonly stations: StationsRepository,
  ) {}

  async parksOf(id: unknown): Promise<readonly number[] | null> {
    const ref = (await this.stations.listRefs()).find((s) => s.id === id);
    if (!ref) return null;
    const park = await this.parks.findByCode(ref.parkCode);
    return park ? [park.id] : [];
  }
}

/** The park of a discharge permit's station, by the permit's id. */
@Injectable()
@ParkResolverProvider()
export class PermitParkResolver implements ParkResolver {
  readonly kind = 'permit';
  constructor(
    private readonly permits: DischargePermitsRepository,
    private readonly stations: StationParkResolver,
  ) {}

  async parksOf(id: unknown): Promise<readonly number[] | null> {
    const permit = await this.permits.findById(Number(id));
    return permit ? ((await this.stations.parksOf(permit.stationId)) ?? []) : null;
  }
}

/** A park operator's park codes, for filtering lists that name parks by code. */
@Injectable()
@ParkDirectoryProvider()
export class RegistryParkDirectory implements ParkDirectory {
  constructor(private readonly parks: ParksRepository) {}

  async codesOf(parkIds: readonly number[]): Promise<string[]> {
    return (await this.parks.list()).filter((p) => parkIds.includes(p.id)).map((p) => p.code);
  }
}

/** Registered by RegistryModule wherever it serves its routes. */
export const REGISTRY_PARK_SERVICES = [
  ParkCodeResolver,
  StationParkResolver,
  PermitParkResolver,
  RegistryParkDirectory,
];
