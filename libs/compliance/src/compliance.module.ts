import { Module } from '@nestjs/common';
import { ComplianceController } from './api/compliance.controller';
import { PermitsController } from './api/permits.controller';
import { BoardController } from './board/board.controller';
import { BoardService } from './board/board.service';
import { ComplianceEngine } from './compliance-engine.service';
import { ComplianceViewsService } from './kpi/compliance-views.service';
import { PermitLimitsService } from './kpi/permit-limits.service';
import { RecomputeBacklogMetrics } from './recompute-metrics';
import { PermitRegistrationService } from './permits/permit-registration.service';
import { SetAsideReviewService } from './review/set-aside-review.service';

/** Judging stations' days against their permits, and the park and city views of the results. Needs the global StorageModule. */
@Module({
  controllers: [ComplianceController, BoardController, PermitsController],
  providers: [
    BoardService,
    ComplianceEngine,
    ComplianceViewsService,
    PermitLimitsService,
    PermitRegistrationService,
    RecomputeBacklogMetrics,
    SetAsideReviewService,
  ],
  exports: [ComplianceEngine, ComplianceViewsService, PermitLimitsService, RecomputeBacklogMetrics],
})
export class ComplianceModule {}
