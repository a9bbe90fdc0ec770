export { ComplianceModule } from './compliance.module';
export {
  COMPLIANCE_JOBS,
  COMPLIANCE_RECOMPUTE_EVERY_MS,
  COMPLIANCE_RECOMPUTE_JOB,
  COMPLIANCE_RETRY_POLICY,
  ComplianceRecompute,
  ComplianceWorkerModule,
} from './recompute/compliance-recompute.job';
export { COMPLIANCE_USAGE, isComplianceCommand, runComplianceCli } from './compliance-cli';
export {
  COMPLIANCE_JUDGING,
  ComplianceEngine,
  DEFAULT_COMPLIANCE_JUDGING,
  PROVISIONAL_REFRESH_MS,
  DEFAULT_RECOMPUTE_RETRY,
  RECOMPUTE_CHUNK_DAYS,
  RECOMPUTE_MARKS_PER_PASS,
  RECOMPUTE_RETRY_POLICY,
  STANDARDS_CATALOGUE,
  segmentsByPermit,
} from './compliance-engine.service';
export type {
  ComplianceJudgingOptions,
  RecomputePassResult,
  RecomputeRetryPolicy,
} from './compliance-engine.service';
export { RecomputeBacklogMetrics } from './recompute-metrics';
export { judgeStationDay } from './judgement/judge-day';
export type { StationDayInput, StationDayJudgement } from './judgement/judge-day';
export { permitLimit } from './standards/permit-limits';
export type { PermitLimit } from './standards/permit-limits';
export { shippedCatalogue, SHIPPED_STANDARDS, StandardsCatalogue } from './standards/standards-catalogue';
export type { Limit, Standard, StandardParameter } from './standards/standards-catalogue';
export { ComplianceViewsService, PROVISIONAL_FLAG_SCHEMA } from './kpi/compliance-views.service';
export { PermitLimitsService } from './kpi/permit-limits.service';
export { BoardService } from './board/board.service';
export type { BoardStation, StationTransmission, TransmissionParameter } from './board/board.service';
export { demoPermits, seedDemoPermits } from './seed/seed-demo-permits';
export type { DemoPermit } from './seed/seed-demo-permits';
export type { NotJudgedReason, StationLimitsView } from './kpi/permit-limits.service';
export type {
  DayDataVersion,
  KpiView,
  ParkPeriodView,
  ParkStatus,
  ParkUnit,
  StationDailyView,
} from './kpi/compliance-views.service';
export { ComplianceDataModule } from './storage/compliance-data.module';
export { ComplianceReader } from './storage/compliance-reader';
export type {
  ComplianceParameterDayReads,
  ComplianceStationDayReads,
  ParkStandingReads,
  SetAsideReviewReads,
} from './storage/compliance-reader';
export { ComplianceWriter } from './storage/compliance-writer';
export type * from './storage/compliance.types';
export { PARAMETER_VERDICTS, SET_ASIDE_DECISIONS } from './storage/compliance.types';
export type { ParkStanding, ParksMeetingStandard } from './storage/park-standings.repository';
