import { Global, Module } from '@nestjs/common';
import { DATABASE, Database, repositoryProviders, TimeSeriesUpkeep } from '@hp/storage';
import { CorrectionProposalsRepository } from './correction-proposals.repository';
import { PublishedReadingsRepository } from './published-readings.repository';
import { ReadingCorrectionsRepository } from './reading-corrections.repository';
import { ReadingsRepository } from './readings.repository';
import { ReadingsReader } from './readings-reader';
import { ReadingsWriter } from './readings-writer';
import { RecomputeMarksRepository } from './recompute-marks.repository';

const REPOSITORIES = [
  ReadingsRepository,
  ReadingCorrectionsRepository,
  CorrectionProposalsRepository,
  PublishedReadingsRepository,
  RecomputeMarksRepository,
] as const;

/**
 * The readings store (readings, reading_corrections, recompute_marks) for every app with storage: readings'
 * repositories, the ReadingsReader and ReadingsWriter other features use, and the hypertable's upkeep.
 * Needs the global StorageModule.
 */
@Global()
@Module({
  providers: [
    ...repositoryProviders(REPOSITORIES),
    { provide: ReadingsReader, useFactory: (db: Database) => new ReadingsReader(db), inject: [DATABASE] },
    { provide: ReadingsWriter, useFactory: (db: Database) => new ReadingsWriter(db), inject: [DATABASE] },
    { provide: TimeSeriesUpkeep, useExisting: ReadingsRepository },
  ],
  exports: [...REPOSITORIES, ReadingsReader, ReadingsWriter, TimeSeriesUpkeep],
})
export class ReadingsDataModule {}
