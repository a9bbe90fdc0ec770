import { Global, Module } from '@nestjs/common';
import { repositoryProviders } from '@hp/storage';
import { ComplianceParameterDaysRepository } from './compliance-parameter-days.repository';
import { ComplianceReader } from './compliance-reader';
import { ComplianceStationDaysRepository } from './compliance-station-days.repository';
import { ComplianceWriter } from './compliance-writer';
import { ParkStandingsRepository } from './park-standings.repository';
import { SetAsideReviewsRepository } from './set-aside-reviews.repository';

const REPOSITORIES = [
  ComplianceStationDaysRepository,
  ComplianceParameterDaysRepository,
  SetAsideReviewsRepository,
  ParkStandingsRepository,
];

/**
 * Compliance's tables (compliance_station_days, compliance_parameter_days, set_aside_reviews,
 * compliance_rule_settings, flatline_defaults; docs/architecture.md): their repositories, and the reader and
 * writer other features use. Global, composed next to the global StorageModule.
 */
@Global()
@Module({
  providers: [...repositoryProviders(REPOSITORIES), ComplianceReader, ComplianceWriter],
  exports: [...REPOSITORIES, ComplianceReader, ComplianceWriter],
})
export class ComplianceDataModule {}
