import { DynamicModule, Module } from '@nestjs/common';
import { ALERT_SETTINGS, AlertLifecycle, AlertSettings, DEFAULT_ALERT_SETTINGS } from '@hp/alerting';
import { ComplianceModule } from '@hp/compliance';
import { DataQualityController } from './api/data-quality.controller';
import { DataQualityViews } from './api/data-quality-views.service';
import { DataQualityEvaluator } from './evaluation/data-quality-evaluator.service';
import { DataQualityJob } from './evaluation/data-quality-job';

/** The data-quality API: station scores and signals, calibration schedules, inspections, rules. */
@Module({ controllers: [DataQualityController], providers: [DataQualityViews] })
export class DataQualityApiModule {}

/**
 * In the worker: the `data-quality.evaluate` job. Alerts go through alerting's own lifecycle (same
 * settings, so the same recipients, channels and escalation). Needs the JobQueue and StorageModule.
 */
@Module({})
export class DataQualityWorkerModule {
  static forRoot(settings: AlertSettings = DEFAULT_ALERT_SETTINGS): DynamicModule {
    return {
      module: DataQualityWorkerModule,
      imports: [ComplianceModule],
      providers: [
        { provide: ALERT_SETTINGS, useValue: settings },
        AlertLifecycle,
        DataQualityEvaluator,
        DataQualityJob,
      ],
      exports: [DataQualityEvaluator],
    };
  }
}
