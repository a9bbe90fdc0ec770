import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, SqlExecutor } from '@hp/storage';
import { WasteCodesRepository } from './waste-codes.repository';
import { WasteEventsRepository } from './waste-events.repository';
import { WasteLotsRepository } from './waste-lots.repository';
import { WastePartiesRepository } from './waste-parties.repository';

export type WasteLotReads = Pick<
  WasteLotsRepository,
  'find' | 'listByManifest' | 'judge' | 'changedOrDueIn' | 'count'
>;
export type WasteEventReads = Pick<WasteEventsRepository, 'listForLot' | 'lotCodes' | 'count'>;
export type WastePartyReads = Pick<
  WastePartiesRepository,
  'findByCode' | 'licences' | 'findWithLicences' | 'list' | 'declarations'
>;
export type WasteCodeReads = Pick<WasteCodesRepository, 'find' | 'list'>;

/**
 * How other features read hazardous-waste data (lots judged by the one rule, events, parties, codes):
 * read-only views of its tables. Injected (WasteDataModule), or built on a Database or a transaction where
 * there is no Nest (CLIs, medium specs): `new WasteReader(db).lots.judge(...)`.
 */
@Injectable()
export class WasteReader {
  readonly lots: WasteLotReads;
  readonly events: WasteEventReads;
  readonly parties: WastePartyReads;
  readonly codes: WasteCodeReads;

  constructor(@Inject(DATABASE) db: SqlExecutor) {
    this.lots = new WasteLotsRepository(db);
    this.events = new WasteEventsRepository(db);
    this.parties = new WastePartiesRepository(db);
    this.codes = new WasteCodesRepository(db);
  }
}
