export * from './readings.module';
export * from './readings.service';
export * from './readings.dto';
export * from './readings-query';
export { EXPORT_PAGE_ROWS, READINGS_CSV_HEADER, ReadingsExportService } from './readings-export';
export * from './corrections/reading-corrections.service';
export * from './corrections/reading-corrections.dto';
export * from './corrections/correction-request';
export * from './corrections/correction-proposal';
export { ReadingsDataModule } from './storage/readings-data.module';
export { ReadingsReader } from './storage/readings-reader';
export type {
  PublishedReadingReads,
  ReadingCorrectionReads,
  ReadingReads,
  RecomputeMarkReads,
} from './storage/readings-reader';
export { ReadingsWriter } from './storage/readings-writer';
export type { StationDay } from './storage/readings-writer';
export type * from './storage/readings.types';
export { MAX_FILLED_BUCKETS, MAX_READINGS_PER_STATEMENT } from './storage/readings.repository';
export type { PublishedReading, PublishedStation } from './storage/published-readings.repository';
export type {
  AppendCorrectionResult,
  NewReadingCorrection,
  ReadingCorrection,
  ReadingCorrectionChange,
  ReadingState,
} from './storage/reading-corrections.repository';
export type { RecomputeBacklog, RecomputeMark, TakenMark } from './storage/recompute-marks.repository';
export { CORRECTION_REASON_CODES, PROPOSAL_STATES } from './corrections/correction-reasons';
export type { CorrectionReasonCode, ProposalState } from './corrections/correction-reasons';
