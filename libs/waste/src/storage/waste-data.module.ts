import { Global, Module } from '@nestjs/common';
import { repositoryProviders } from '@hp/storage';
import { WasteCodesRepository } from './waste-codes.repository';
import { WasteEventsRepository } from './waste-events.repository';
import { WasteLotsRepository } from './waste-lots.repository';
import { WastePartiesRepository } from './waste-parties.repository';
import { WasteReader } from './waste-reader';
import { WasteWriter } from './waste-writer';

const REPOSITORIES = [
  WasteCodesRepository,
  WastePartiesRepository,
  WasteEventsRepository,
  WasteLotsRepository,
];

/** The hazardous-waste tables' repositories, reader and writer, for every app with storage (global). */
@Global()
@Module({
  providers: [...repositoryProviders(REPOSITORIES), WasteReader, WasteWriter],
  exports: [...REPOSITORIES, WasteReader, WasteWriter],
})
export class WasteDataModule {}
