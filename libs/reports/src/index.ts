export { ReportsApiModule, ReportsWorkerModule } from './reports.module';
export { ReportsService, reportFilename, CONTENT_TYPES } from './reports.service';
export type { GeneratedReport, ReportRequest } from './reports.service';
export {
  REPORT_EMAIL_JOB,
  REPORT_EMAIL_RETRY_POLICY,
  REPORT_GENERATE_JOB,
  REPORT_GENERATE_RETRY_POLICY,
  REPORT_JOBS,
  ReportJobs,
  REPORT_SCHEDULES,
  REPORT_TIME_ZONE,
} from './worker/report-jobs';
export type { ReportMailSettings } from './worker/report-mail-settings';
export { ProgressReportBuilder } from './model/progress-report';
export type { ProgressReport } from './model/progress-report';
export { MESSAGES, REPORT_LANGUAGES, translator } from './model/messages';
export type { ReportLanguage } from './model/messages';
export { parseReportPeriod, previousReportPeriod, REPORT_KINDS, reportPeriodOf } from './model/report-period';
export type { ReportKind, ReportPeriod } from './model/report-period';
export { ReportSubmissionsService } from './chain/report-submissions.service';
export { CityReportsService } from './chain/city-reports.service';
export type { CityReportContent } from './chain/city-report-document';
export { SUBMISSION_STATES } from './storage/reporting-chain.types';
export type {
  CityReport,
  CityReportSettings,
  ReportSubmission,
  SubmissionState,
} from './storage/reporting-chain.types';
