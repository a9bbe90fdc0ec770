import { ALERTING_JOBS } from '@hp/alerting';
import { COMPLIANCE_JOBS } from '@hp/compliance';
import { DATA_QUALITY_JOBS } from '@hp/data-quality';
import { composeJobs } from '@hp/queue';
import { REPORT_JOBS } from '@hp/reports';
import { STORAGE_JOBS } from '@hp/storage';

/**
 * Every job of the platform, composed from the lists each feature exports beside its `@OnJob`
 * processors. A worker refuses to start unless each has exactly one processor.
 */
export const PLATFORM_JOBS = composeJobs(
  STORAGE_JOBS,
  COMPLIANCE_JOBS,
  DATA_QUALITY_JOBS,
  ALERTING_JOBS,
  REPORT_JOBS,
);
