/** The part of the platform config the ingestion path needs (the app module provides it). */
export interface IngestionSettings {
  readonly batchMaxReadings: number;
  readonly flushIntervalMs: number;
  readonly maxBufferedReadings: number;
  /** Batches written at once; their commits are acknowledged in arrival order all the same. */
  readonly concurrentWrites: number;
  readonly backfillDays: number;
  readonly futureToleranceSeconds: number;
}

export const INGESTION_SETTINGS = Symbol('INGESTION_SETTINGS');

export const DEFAULT_INGESTION_SETTINGS: IngestionSettings = {
  batchMaxReadings: 5000,
  flushIntervalMs: 50,
  maxBufferedReadings: 50_000,
  concurrentWrites: 2,
  backfillDays: 60,
  futureToleranceSeconds: 300,
};
