import { ReadingStatusValue } from '@hp/contracts';

export interface NewReading {
  time: Date;
  stationId: number;
  parameterCode: string;
  value: number;
  /** Circular 10/2021 status: 0 measuring (00), 1 calibrating (01), 2 device error (02). */
  status: ReadingStatusValue;
}

export interface InsertBatchResult {
  inserted: number;
  /** Readings already stored (same station, parameter and time), including repeats within the batch. */
  duplicates: number;
}

export interface RawReading {
  time: Date;
  parameterCode: string;
  value: number;
  status: ReadingStatusValue;
  receivedAt: Date;
}

/** A station-parameter's latest reading (see ReadingsRepository.latestValues). */
export interface LatestReading {
  stationId: number;
  parameterCode: string;
  time: Date;
  value: number;
  status: ReadingStatusValue;
}

export interface TimeRange {
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface RawReadingQuery extends TimeRange {
  parameter?: string;
  limit: number;
}

/** 'hour' buckets are UTC hours; 'day' buckets are local days in Asia/Ho_Chi_Minh (UTC+7, no DST). */
export type BucketSize = 'hour' | 'day';

export interface BucketQuery extends TimeRange {
  parameter?: string;
}

export interface ReadingBucket {
  /** Start of the bucket (a local midnight for 'day', i.e. 17:00Z of the previous UTC day). */
  bucket: Date;
  parameterCode: string;
  /** Over status 0 (measuring) readings only; null when the bucket has none. */
  avgValue: number | null;
  minValue: number | null;
  maxValue: number | null;
  /** Readings with status 0. */
  validCount: number;
  /** All readings, including calibrating (01) and device-error (02) ones. */
  totalCount: number;
}

export interface MaintenanceOptions {
  /** Drop readings older than this many days; 0 keeps them forever. */
  retentionDays: number;
  /** Compress chunks older than this many days (TimescaleDB); 0 disables compression here. */
  compressAfterDays: number;
  now?: Date;
}

export interface MaintenanceResult {
  /** Continuous aggregates refreshed over the recent window. */
  refreshed: string[];
  compressedChunks: number;
  /** Hypertable chunks dropped by retention (TimescaleDB). */
  droppedChunks: number;
  /** Rows deleted by retention (plain PostgreSQL). */
  deletedRows: number;
}

/** Readings of one station, parameter and local hour, as the compliance engine judges them. */
export interface HourWindowStats {
  /** Local day (Asia/Ho_Chi_Minh), 'YYYY-MM-DD'. */
  day: string;
  parameterCode: string;
  /** Local hour 0-23. */
  hour: number;
  total: number;
  /** Status 00 and not set aside. */
  valid: number;
  /** Sum, max and min of the valid values (null without any). */
  sum: number | null;
  max: number | null;
  min: number | null;
  /** Status 00 but set aside by the flat-line screen, and their sum, max and min (null without any). */
  setAside: number;
  setAsideSum: number | null;
  setAsideMax: number | null;
  setAsideMin: number | null;
}

/**
 * A version of a station-day's data: the corrections of its readings. Corrections are append-only, so
 * their count and highest id identify which ones a result used.
 */
export interface DataVersion {
  corrections: number;
  lastCorrectionId: number | null;
}
