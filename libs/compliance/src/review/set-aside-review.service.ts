import { Inject, Injectable } from '@nestjs/common';
import { addDays, DomainError } from '@hp/contracts';
import { Database, DATABASE } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { AuditTrail } from '@hp/audit';
import { ReadingsWriter } from '@hp/readings';
import { ComplianceParameterDaysRepository } from '../storage/compliance-parameter-days.repository';
import { ComplianceStationDay, SetAsideReview } from '../storage/compliance.types';
import { ComplianceStationDaysRepository } from '../storage/compliance-station-days.repository';
import { SetAsideReviewsRepository } from '../storage/set-aside-reviews.repository';
import { ComplianceEngine } from '../compliance-engine.service';
import { SetAsideReviewRequest } from './set-aside-review';

export interface SetAsideReviewResult {
  review: SetAsideReview;
  /** The station-day as judged again with the review. */
  day: ComplianceStationDay;
}

/**
 * Officers' reviews of what the flat-line screen set aside. A review holds for exactly the readings set aside
 * when it was made; it, its audit entry and the mark that gets the day judged again commit together, and the
 * day is judged again at once so the answer shows the verdict it leads to.
 */
@Injectable()
export class SetAsideReviewService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly registry: RegistryReader,
    private readonly engine: ComplianceEngine,
  ) {}

  async review(
    stationId: number,
    day: string,
    request: SetAsideReviewRequest,
    reviewer: string,
  ): Promise<SetAsideReviewResult> {
    const station = await this.registry.stations.findById(stationId);
    if (!station) throw DomainError.notFound('station', stationId);
    const judged = (
      await new ComplianceParameterDaysRepository(this.db).listForStation(stationId, day, addDays(day, 1))
    ).find((p) => p.parameterCode === request.parameterCode);
    if (!judged || judged.setAsideRecords === 0)
      throw new DomainError(
        'CONFLICT',
        `${request.parameterCode} of station ${station.code} on ${day} has no readings set aside to review`,
        { reason: 'NOTHING_SET_ASIDE', stationId, day, parameter: request.parameterCode },
      );
    const review = await this.db.transaction(async (tx) => {
      const appended = await new SetAsideReviewsRepository(tx).append({
        stationId,
        day,
        parameterCode: request.parameterCode,
        decision: request.decision,
        setAsideRecords: judged.setAsideRecords,
        note: request.note,
        reviewer,
      });
      await new ReadingsWriter(tx).markForRecompute([{ stationId, day }]);
      await new AuditTrail(tx).append({
        actor: reviewer,
        action: 'compliance.set_aside_review',
        subject: `station:${station.code}`,
        before: {
          day,
          parameter: request.parameterCode,
          verdict: judged.verdict,
          setAsideRecords: judged.setAsideRecords,
        },
        after: { day, parameter: request.parameterCode, decision: request.decision, note: request.note },
      });
      return appended;
    });
    await this.engine.recomputeStation(stationId, day, addDays(day, 1));
    const [after] = await new ComplianceStationDaysRepository(this.db).listForStation(
      stationId,
      day,
      addDays(day, 1),
    );
    return { review, day: after };
  }

  /** Every review of a station's days in [fromDay, toDay), newest first. */
  async history(stationId: number, fromDay: string, toDay: string): Promise<SetAsideReview[]> {
    if (!(await this.registry.stations.findById(stationId))) throw DomainError.notFound('station', stationId);
    return new SetAsideReviewsRepository(this.db).history(stationId, fromDay, toDay);
  }
}
