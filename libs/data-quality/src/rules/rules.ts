import { calibrationOffSchedule } from './calibration';
import { clockDrift } from './clock-drift';
import { dropBeforeExceedance } from './drop-before-exceedance';
import { inspectionGap } from './inspection-gap';
import { nearLimitCluster } from './near-limit-cluster';
import { repeatedDay } from './repeated-day';
import { DayContext, DqRuleCode, Finding } from './rule-types';
import { stuckValue } from './stuck-value';

/** Each rule's check of one station-day. */
export const RULE_CHECKS: Readonly<
  Record<DqRuleCode, (ctx: DayContext, settings: Readonly<Record<string, unknown>>) => Finding>
> = {
  STUCK_VALUE: stuckValue,
  NEAR_LIMIT_CLUSTER: nearLimitCluster,
  REPEATED_DAY: repeatedDay,
  CALIBRATION_OFF_SCHEDULE: calibrationOffSchedule,
  CLOCK_DRIFT: clockDrift,
  DROP_BEFORE_EXCEEDANCE: dropBeforeExceedance,
  INSPECTION_GAP: inspectionGap,
};
