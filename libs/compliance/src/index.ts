export { ComplianceModule } from './compliance.module';
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
export { ComplianceViewsService, KPI_MIN_COMPLIANT_DAY_SHARE } from './kpi/compliance-views.service';
export type {
  DayDataVersion,
  KpiView,
  ParkPeriodView,
  ParkStatus,
  ParkUnit,
  StationDailyView,
} from './kpi/compliance-views.service';
