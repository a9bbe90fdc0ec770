import type { NewReading } from '@hp/readings';
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

/**
 * Told of every batch of readings right after its commit (the alert evaluator). It must return at once
 * and never throw: ingestion does not wait for it.
 */
export interface ReadingsCommittedListener {
  onCommitted(rows: readonly NewReading[]): void;
}

export const READINGS_COMMITTED_LISTENER = Symbol('READINGS_COMMITTED_LISTENER');
