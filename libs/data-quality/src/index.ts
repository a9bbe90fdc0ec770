export { DataQualityApiModule, DataQualityWorkerModule } from './data-quality.module';
export {
  DATA_QUALITY_EVALUATE_JOB,
  DATA_QUALITY_EVERY_MS,
  DATA_QUALITY_JOBS,
} from './evaluation/data-quality-job';
export {
  DATA_QUALITY_OPTIONS,
  DataQualityEvaluator,
  dataQualitySubject,
  DEFAULT_DATA_QUALITY_OPTIONS,
} from './evaluation/data-quality-evaluator.service';
export type { DataQualityOptions } from './evaluation/data-quality-evaluator.service';
export { DataQualityViews } from './api/data-quality-views.service';
export type { StationDataQualityView } from './api/data-quality-views.service';
export { DQ_RULE_CODES } from './rules/rule-types';
export type { DqRule, DqRuleCode } from './rules/rule-types';
