import { Database, SqlExecutor, SqlSession, StorageFeatures } from '@hp/storage';
import { InsertBatchResult, NewReading } from './readings.types';
import {
  AppendCorrectionResult,
  NewReadingCorrection,
  ReadingCorrectionsRepository,
} from './reading-corrections.repository';
import { ReadingsRepository } from './readings.repository';
import { RecomputeMarksRepository, TakenMark } from './recompute-marks.repository';

/** A station's local day ('YYYY-MM-DD') whose compliance is to be recomputed. */
export interface StationDay {
  stationId: number;
  day: string;
}

/**
 * The writes other features make to the readings store: ingestion's batches with their recompute marks,
 * compliance taking and settling those marks, and corrections recorded by seeds and tests. Over the
 * Database, or over a caller's transaction (`inTransaction`) so they commit with the caller's own writes.
 */
export class ReadingsWriter {
  private readonly readings: ReadingsRepository;
  private readonly marks: RecomputeMarksRepository;
  private readonly corrections: ReadingCorrectionsRepository;

  constructor(
    db: Database | SqlExecutor | SqlSession,
    private readonly features: StorageFeatures = (db as Database).features,
  ) {
    this.readings = new ReadingsRepository(db, features);
    this.marks = new RecomputeMarksRepository(db);
    this.corrections = new ReadingCorrectionsRepository(db);
  }

  /** The same writes inside a transaction (the pg driver's COPY streams on its connection). */
  inTransaction(tx: SqlExecutor): ReadingsWriter {
    return new ReadingsWriter(tx, this.features);
  }

  /** Stores readings; ones already stored are skipped and counted as duplicates. */
  insertReadings(rows: readonly NewReading[]): Promise<InsertBatchResult> {
    return this.readings.insertBatch(rows);
  }

  /**
   * COPYs readings in the caller's transaction, no savepoint: a reading already stored aborts the
   * transaction with a unique violation (then roll back and use insertReadingsSkippingDuplicates).
   * Null when the driver cannot COPY.
   */
  copyReadings(rows: readonly NewReading[]): Promise<InsertBatchResult | null> {
    return this.readings.copyBatch(rows);
  }

  /** Stores readings with INSERT ... ON CONFLICT DO NOTHING; ones already stored are counted as duplicates. */
  insertReadingsSkippingDuplicates(rows: readonly NewReading[]): Promise<InsertBatchResult> {
    return this.readings.insertSkippingDuplicates(rows);
  }

  /** Marks station-days for compliance recomputation (again, if already marked). */
  markForRecompute(days: readonly StationDay[]): Promise<void> {
    return this.marks.mark(days);
  }

  /** Up to `limit` due recompute marks, oldest day first. */
  takeRecomputeMarks(limit: number): Promise<TakenMark[]> {
    return this.marks.take(limit);
  }

  /** Settles recomputed marks; ones marked again since they were taken stay. */
  acknowledgeRecomputeMarks(marks: readonly TakenMark[]): Promise<void> {
    return this.marks.acknowledge(marks);
  }

  /** Keeps marks whose recompute failed, due again after an exponential back-off. */
  retryRecomputeLater(
    marks: readonly TakenMark[],
    error: string,
    backoff: { firstRetryMs: number; maxRetryMs: number },
  ): Promise<void> {
    return this.marks.retryLater(marks, error, backoff);
  }

  /** Records a correction of a stored reading (the reading itself is never changed). */
  appendCorrection(input: NewReadingCorrection): Promise<AppendCorrectionResult> {
    return this.corrections.append(input);
  }
}
