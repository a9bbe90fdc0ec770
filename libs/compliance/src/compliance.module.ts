import { Module } from '@nestjs/common';
import { ComplianceController } from './api/compliance.controller';
import { ComplianceEngine } from './compliance-engine.service';
import { ComplianceViewsService } from './kpi/compliance-views.service';
import { PermitLimitsService } from './kpi/permit-limits.service';
import { RecomputeBacklogMetrics } from './recompute-metrics';
import { SetAsideReviewService } from './review/set-aside-review.service';

/** Judging stations' days against their permits, and the park and city views of the results. Needs the global StorageModule. */
@Module({
  controllers: [ComplianceController],
  providers: [
    ComplianceEngine,
    ComplianceViewsService,
    PermitLimitsService,
    RecomputeBacklogMetrics,
    SetAsideReviewService,
  ],
  exports: [ComplianceEngine, ComplianceViewsService, PermitLimitsService, RecomputeBacklogMetrics],
})
export class ComplianceModule {}
