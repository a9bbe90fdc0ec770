import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { ComplianceViewsService } from '@hp/compliance';
import { DEFAULT_WASTE_POLICY, WASTE_POLICY, WastePolicy, WasteViewsService } from '@hp/waste';
import { ReportsController } from './api/reports.controller';
import { ProgressReportBuilder } from './model/progress-report';
import { assertReportFonts } from './render/fonts';
import { ReportsService } from './reports.service';
import { ReportJobs } from './worker/report-jobs';
import { REPORT_MAIL_SETTINGS, ReportMailSettings } from './worker/report-mail-settings';

class FontCheck implements OnModuleInit {
  onModuleInit(): void {
    assertReportFonts();
  }
}

/**
 * The views the figures come from are provided here (not by importing their modules), so the worker gets
 * no compliance or waste HTTP controllers.
 */
function reportProviders(policy: WastePolicy) {
  return [
    { provide: WASTE_POLICY, useValue: policy },
    WasteViewsService,
    ComplianceViewsService,
    ProgressReportBuilder,
    ReportsService,
    FontCheck,
  ];
}

/** Progress reports over HTTP: download on demand, runs, subscriptions. Needs the global StorageModule. */
@Module({})
export class ReportsApiModule {
  static forRoot(policy: WastePolicy = DEFAULT_WASTE_POLICY): DynamicModule {
    return {
      module: ReportsApiModule,
      controllers: [ReportsController],
      providers: reportProviders(policy),
      exports: [ReportsService],
    };
  }
}

/** The scheduled reports and their e-mail (processors of `report.generate` and `report.email`). Needs the job queue. */
@Module({})
export class ReportsWorkerModule {
  static forRoot(mail: ReportMailSettings, policy: WastePolicy = DEFAULT_WASTE_POLICY): DynamicModule {
    return {
      module: ReportsWorkerModule,
      providers: [...reportProviders(policy), { provide: REPORT_MAIL_SETTINGS, useValue: mail }, ReportJobs],
      exports: [ReportJobs, ReportsService],
    };
  }
}
