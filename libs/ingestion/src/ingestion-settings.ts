/** The part of the platform config the ingestion path needs (the app module provides it). */
export interface IngestionSettings {
  readonly batchMaxReadings: number;
  readonly flushIntervalMs: number;
  readonly maxBufferedReadings: number;
  readonly backfillDays: number;
  readonly futureToleranceSeconds: number;
}

export const INGESTION_SETTINGS = Symbol('INGESTION_SETTINGS');

export const DEFAULT_INGESTION_SETTINGS: IngestionSettings = {
  batchMaxReadings: 5000,
  flushIntervalMs: 50,
  maxBufferedReadings: 50_000,
  backfillDays: 60,
  futureToleranceSeconds: 300,
};
