import { Module } from '@nestjs/common';
import { ComplianceController } from './api/compliance.controller';
import { ComplianceEngine } from './compliance-engine.service';
import { ComplianceViewsService } from './kpi/compliance-views.service';
import { PermitLimitsService } from './kpi/permit-limits.service';
import { RecomputeBacklogMetrics } from './recompute-metrics';

/** Judging stations' days against their permits, and the park and city views of the results. Needs the global StorageModule. */
@Module({
  controllers: [ComplianceController],
  providers: [ComplianceEngine, ComplianceViewsService, PermitLimitsService, RecomputeBacklogMetrics],
  exports: [ComplianceEngine, ComplianceViewsService, RecomputeBacklogMetrics],
})
export class ComplianceModule {}
