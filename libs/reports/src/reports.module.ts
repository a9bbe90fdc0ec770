import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { ComplianceViewsService } from '@hp/compliance';
import { repositoryProviders } from '@hp/storage';
import { DEFAULT_WASTE_POLICY, WastePolicy, WasteViewsModule } from '@hp/waste';
import { ReportSubmissionParkResolver } from './access/park-resolvers';
import { CityReportsController, ReportSubmissionsController } from './api/reporting-chain.controller';
import { ReportsController } from './api/reports.controller';
import { CityReportsService } from './chain/city-reports.service';
import { ReportSubmissionsService } from './chain/report-submissions.service';
import { ProgressReportBuilder } from './model/progress-report';
import { assertReportFonts } from './render/fonts';
import { ReportsService } from './reports.service';
import { ReportDeliveriesRepository } from './storage/report-deliveries.repository';
import { ReportRunsRepository } from './storage/report-runs.repository';
import { ReportSubscriptionsRepository } from './storage/report-subscriptions.repository';
import { ReportJobs } from './worker/report-jobs';
import { REPORT_MAIL_SETTINGS, ReportMailSettings } from './worker/report-mail-settings';

class FontCheck implements OnModuleInit {
  onModuleInit(): void {
    assertReportFonts();
  }
}

/**
 * The compliance views are provided here (not by importing ComplianceModule), so the worker gets no
 * compliance HTTP controller; the waste views come without theirs (WasteViewsModule).
 */
const REPORT_PROVIDERS = [
  ComplianceViewsService,
  ProgressReportBuilder,
  ReportsService,
  FontCheck,
  // report_runs, report_subscriptions and report_deliveries belong to reports (docs/architecture.md).
  ...repositoryProviders([ReportRunsRepository, ReportSubscriptionsRepository, ReportDeliveriesRepository]),
];

/**
 * Progress reports over HTTP (download on demand, runs, subscriptions) and the reporting chain (the parks'
 * submissions, the Authority's report to the City). Needs the global StorageModule and AuditDataModule.
 */
@Module({})
export class ReportsApiModule {
  static forRoot(policy: WastePolicy = DEFAULT_WASTE_POLICY): DynamicModule {
    return {
      module: ReportsApiModule,
      imports: [WasteViewsModule.forRoot(policy)],
      controllers: [ReportsController, ReportSubmissionsController, CityReportsController],
      providers: [
        ...REPORT_PROVIDERS,
        ReportSubmissionsService,
        CityReportsService,
        ReportSubmissionParkResolver,
      ],
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
      imports: [WasteViewsModule.forRoot(policy)],
      providers: [...REPORT_PROVIDERS, { provide: REPORT_MAIL_SETTINGS, useValue: mail }, ReportJobs],
      exports: [ReportJobs, ReportsService],
    };
  }
}
