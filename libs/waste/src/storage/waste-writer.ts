import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, Database } from '@hp/storage';
import { refoldLot } from '../tracking/waste-tracking.service';
import { WasteCodesRepository } from './waste-codes.repository';
import { WasteEventsRepository } from './waste-events.repository';
import { WasteLotsRepository } from './waste-lots.repository';
import { WastePartiesRepository } from './waste-parties.repository';
import {
  NewWasteEvent,
  PartyLicence,
  PartyLicenceInput,
  WasteCode,
  WasteLotRecord,
  WasteParty,
  WastePartyInput,
} from './waste.types';

/**
 * The changes other projects make to hazardous-waste data (loaders, simulators, test seeding). Gateway
 * messages go through WasteTrackingService; reference files through loadWasteParties / seedWasteCodes.
 */
@Injectable()
export class WasteWriter {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async registerParty(input: WastePartyInput): Promise<WasteParty> {
    return new WastePartiesRepository(this.db).upsert(input);
  }

  async licenseParty(input: PartyLicenceInput): Promise<PartyLicence> {
    return new WastePartiesRepository(this.db).addLicence(input);
  }

  async declareGeneration(input: { partyId: number; year: number; declaredKg: number }): Promise<void> {
    await new WastePartiesRepository(this.db).declare(input);
  }

  async loadCodes(codes: readonly WasteCode[]): Promise<number> {
    return new WasteCodesRepository(this.db).upsertMany(codes);
  }

  /** Stores the new events and refolds their lots, as a gateway message would; returns the lots refolded. */
  async recordEvents(events: readonly NewWasteEvent[]): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const lots = [...new Set(await new WasteEventsRepository(tx).insertNew(events))].sort();
      for (const lot of lots) await refoldLot(tx, lot);
      return lots;
    });
  }

  /** Stores a folded lot as given, without events (seeding views and reports with a chain's outcome). */
  async saveFoldedLot(lot: WasteLotRecord): Promise<void> {
    await new WasteLotsRepository(this.db).upsert(lot);
  }
}
