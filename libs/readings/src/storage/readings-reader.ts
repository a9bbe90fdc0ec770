import { Database } from '@hp/storage';
import { PublishedReadingsRepository } from './published-readings.repository';
import { ReadingCorrectionsRepository } from './reading-corrections.repository';
import { ReadingsRepository } from './readings.repository';
import { RecomputeMarksRepository } from './recompute-marks.repository';

export type ReadingReads = Pick<
  ReadingsRepository,
  | 'findRaw'
  | 'findBucketed'
  | 'findBucketedFilled'
  | 'hourWindowStats'
  | 'countForStation'
  | 'latestTime'
  | 'lastReadingTimes'
  | 'receivedSince'
  | 'lastMessageTimes'
  | 'latestValues'
  | 'receivedCounts'
  | 'exportPage'
>;
export type ReadingCorrectionReads = Pick<ReadingCorrectionsRepository, 'listForStation' | 'versionsByDay'>;
export type PublishedReadingReads = Pick<
  PublishedReadingsRepository,
  'listStations' | 'findStation' | 'list'
>;
export type RecomputeMarkReads = Pick<RecomputeMarksRepository, 'backlog' | 'list'>;

/**
 * What other features read of the readings store: readings and their aggregates, corrections, the
 * published (open data) view and the recompute backlog. Read-only views of readings' own repositories.
 */
export class ReadingsReader {
  readonly readings: ReadingReads;
  readonly corrections: ReadingCorrectionReads;
  readonly published: PublishedReadingReads;
  readonly marks: RecomputeMarkReads;

  constructor(db: Database) {
    this.readings = new ReadingsRepository(db);
    this.corrections = new ReadingCorrectionsRepository(db);
    this.published = new PublishedReadingsRepository(db);
    this.marks = new RecomputeMarksRepository(db);
  }
}
