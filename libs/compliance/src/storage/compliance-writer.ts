import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, SqlExecutor } from '@hp/storage';
import { ComplianceParameterDaysRepository } from './compliance-parameter-days.repository';
import { ComplianceStationDaysRepository } from './compliance-station-days.repository';
import { ComplianceParameterDay, ComplianceStationDay, SetAsideReview } from './compliance.types';
import { ParkStandingsRepository } from './park-standings.repository';
import { SetAsideReviewsRepository } from './set-aside-reviews.repository';

/**
 * Compliance's writes for other projects: results judged outside the engine, stored as they are given
 * (fixtures of other features' tests and demonstrations), and the park-standing rule's setting. The engine judges the readings (ComplianceEngine); an officer's review with its audit
 * entry and recompute goes through SetAsideReviewService. Injected (ComplianceDataModule), or built on a
 * Database where there is no Nest: `new ComplianceWriter(db)`.
 */
@Injectable()
export class ComplianceWriter {
  private readonly stationDays: ComplianceStationDaysRepository;
  private readonly parameterDays: ComplianceParameterDaysRepository;
  private readonly setAsideReviews: SetAsideReviewsRepository;
  private readonly parkStandings: ParkStandingsRepository;

  constructor(@Inject(DATABASE) db: SqlExecutor) {
    this.stationDays = new ComplianceStationDaysRepository(db);
    this.parameterDays = new ComplianceParameterDaysRepository(db);
    this.setAsideReviews = new SetAsideReviewsRepository(db);
    this.parkStandings = new ParkStandingsRepository(db);
  }

  /** Stores these station-days' verdicts, replacing any stored for the same station and day. */
  storeStationDays(days: readonly ComplianceStationDay[]): Promise<void> {
    return this.stationDays.upsertMany(days);
  }

  /** Replaces every parameter result of these station-days with `rows`. */
  storeParameterDays(
    stationDays: readonly { stationId: number; day: string }[],
    rows: readonly ComplianceParameterDay[],
  ): Promise<void> {
    return this.parameterDays.replaceDays(stationDays, rows);
  }

  /** Appends a review of a parameter-day's set-aside readings (it supersedes earlier ones). */
  appendSetAsideReview(input: Omit<SetAsideReview, 'id' | 'reviewedAt'>): Promise<SetAsideReview> {
    return this.setAsideReviews.append(input);
  }

  /**
   * Sets the share of a period's days an outlet must be compliant on for its park to meet the standard
   * (design default 0.75, an operator's setting; every reader of the rule applies it at once).
   */
  setMinCompliantDayShare(share: number): Promise<void> {
    return this.parkStandings.setMinCompliantDayShare(share);
  }
}
