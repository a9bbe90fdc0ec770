import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, SqlExecutor } from '@hp/storage';
import { ComplianceParameterDaysRepository } from './compliance-parameter-days.repository';
import { ComplianceStationDaysRepository } from './compliance-station-days.repository';
import { ParkStandingsRepository } from './park-standings.repository';
import { SetAsideReviewsRepository } from './set-aside-reviews.repository';

export type ComplianceStationDayReads = Pick<
  ComplianceStationDaysRepository,
  'listForStation' | 'summarize' | 'changedSince' | 'verdicts'
>;
export type ComplianceParameterDayReads = Pick<
  ComplianceParameterDaysRepository,
  'listForStation' | 'exceedanceCounts'
>;
export type SetAsideReviewReads = Pick<SetAsideReviewsRepository, 'history' | 'historyForStations'>;
export type ParkStandingReads = Pick<ParkStandingsRepository, 'between' | 'meetingStandard'>;

/**
 * What other features read of compliance's tables: judged station- and parameter-days, officers' set-aside
 * reviews, and park standings by the one rule (SQL functions park_standings_between, parks_meeting_standard).
 * Injected (ComplianceDataModule), or built on a Database where there is no Nest (CLIs, tests):
 * `new ComplianceReader(db).parkStandings.between(...)`.
 */
@Injectable()
export class ComplianceReader {
  readonly stationDays: ComplianceStationDayReads;
  readonly parameterDays: ComplianceParameterDayReads;
  readonly setAsideReviews: SetAsideReviewReads;
  readonly parkStandings: ParkStandingReads;

  constructor(@Inject(DATABASE) db: SqlExecutor) {
    this.stationDays = new ComplianceStationDaysRepository(db);
    this.parameterDays = new ComplianceParameterDaysRepository(db);
    this.setAsideReviews = new SetAsideReviewsRepository(db);
    this.parkStandings = new ParkStandingsRepository(db);
  }
}
