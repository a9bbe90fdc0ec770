import { Injectable } from '@nestjs/common';
import { ParkResolver, ParkResolverProvider } from '@hp/contracts';
import { WasteLotsRepository } from '../storage/waste-lots.repository';

/** The park of a hazardous-waste lot, by its code. */
@Injectable()
@ParkResolverProvider()
export class LotParkResolver implements ParkResolver {
  readonly kind = 'lot';
  constructor(private readonly lots: WasteLotsRepository) {}

  async parksOf(code: unknown): Promise<readonly number[] | null> {
    const lot = await this.lots.find(String(code));
    if (!lot) return null;
    return lot.parkId === null ? [] : [lot.parkId];
  }
}

/** The parks of a manifest's lots (it may carry lots of several parks: each must be the operator's). */
@Injectable()
@ParkResolverProvider()
export class ManifestParkResolver implements ParkResolver {
  readonly kind = 'manifest';
  constructor(private readonly lots: WasteLotsRepository) {}

  async parksOf(number: unknown): Promise<readonly number[] | null> {
    const lots = await this.lots.listByManifest(String(number));
    if (lots.length === 0) return null;
    const parkIds = lots.map((l) => l.parkId);
    // A lot of no known park is no operator's: the manifest is then refused (empty).
    return parkIds.every((id): id is number => id !== null) ? parkIds : [];
  }
}
