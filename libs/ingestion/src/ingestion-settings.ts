import { PlatformConfig } from '@hp/config';

/** The part of the platform config the ingestion path needs (the app module provides it). */
export type IngestionSettings = PlatformConfig['ingest'];

export const INGESTION_SETTINGS = Symbol('INGESTION_SETTINGS');

export const DEFAULT_INGESTION_SETTINGS: IngestionSettings = {
  batchMaxReadings: 5000,
  flushIntervalMs: 50,
  maxBufferedReadings: 50_000,
  concurrentWrites: 2,
  backfillDays: 60,
  futureToleranceSeconds: 300,
};
