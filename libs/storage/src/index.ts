export type {
  Database,
  LockedSession,
  OpenDatabaseOptions,
  QueryResult,
  SqlExecutor,
  SqlSession,
  StorageFeatures,
} from './driver/database';
export { MIN_SERVER_VERSION_NUM, usesTimescaleSchema } from './driver/database';
export { openDatabase } from './driver/open-database';

export type { MigrationVariant } from './migrations/migration-files';
export { MIGRATION_LOCK_KEY, MigrationRunner, runMigrations } from './migrations/migration-runner';
export type {
  MigrationLogger,
  MigrationRunnerOptions,
  MigrationRunResult,
} from './migrations/migration-runner';
export { SchemaMigrationsRepository } from './migrations/schema-migrations.repository';
export type { AppliedMigration } from './migrations/schema-migrations.repository';

export * from './registry/registry.types';
export { ParksRepository } from './registry/parks.repository';
export { TreatmentPlantsRepository } from './registry/treatment-plants.repository';
export { StationsRepository } from './registry/stations.repository';
export { ParametersRepository } from './registry/parameters.repository';
export type { ParameterCadence } from './registry/parameter-cadences.repository';
export { ParameterCadencesRepository } from './registry/parameter-cadences.repository';
export { DischargePermitsRepository } from './registry/discharge-permits.repository';
export { DevicesRepository } from './registry/devices.repository';

export type * from './readings/readings.types';
export {
  MAX_FILLED_BUCKETS,
  MAX_READINGS_PER_STATEMENT,
  ReadingsRepository,
} from './readings/readings.repository';
export { ReadingCorrectionsRepository } from './readings/reading-corrections.repository';
export { PublishedReadingsRepository } from './readings/published-readings.repository';
export type { PublishedReading, PublishedStation } from './readings/published-readings.repository';
export type {
  AppendCorrectionResult,
  NewReadingCorrection,
  ReadingCorrection,
  ReadingCorrectionChange,
  ReadingState,
} from './readings/reading-corrections.repository';

export { DATABASE, repositoryProviders, STORAGE_REPOSITORIES, StorageModule } from './storage.module';
export type { RepositoryClass, StorageModuleOptions } from './storage.module';

export { QuarantineRepository } from './ingestion/quarantine.repository';
export type {
  NewQuarantinedMessage,
  QuarantinedMessage,
  QuarantineProblem,
} from './ingestion/quarantine.repository';
export { RecomputeMarksRepository } from './ingestion/recompute-marks.repository';
export type { RecomputeBacklog, RecomputeMark, TakenMark } from './ingestion/recompute-marks.repository';
export type * from './compliance/compliance.types';
export { PARAMETER_VERDICTS, SET_ASIDE_DECISIONS } from './compliance/compliance.types';
export { ComplianceParameterDaysRepository } from './compliance/compliance-parameter-days.repository';
export { ComplianceStationDaysRepository } from './compliance/compliance-station-days.repository';
export { SetAsideReviewsRepository } from './compliance/set-aside-reviews.repository';
export { ParkStandingsRepository } from './compliance/park-standings.repository';
export type { ParkStanding, ParksMeetingStandard } from './compliance/park-standings.repository';
export type * from './waste/waste.types';
export { WASTE_LOT_STATES, WASTE_PARTY_KINDS, WASTE_THRESHOLD_CLASSES } from './waste/waste.types';
export { WasteEventsRepository } from './waste/waste-events.repository';
export { WasteLotsRepository } from './waste/waste-lots.repository';
export { WasteCodesRepository } from './waste/waste-codes.repository';
export { WastePartiesRepository } from './waste/waste-parties.repository';
export { withConfiguredDatabase } from './driver/with-configured-database';
export type { CliIo } from './driver/with-configured-database';
export type * from './alerting/alerting.types';
export { ALERT_RULE_KINDS, ALERT_SEVERITIES, ALERT_STATUSES } from './alerting/alerting.types';
export { AlertRulesRepository } from './alerting/alert-rules.repository';
export { AlertsRepository } from './alerting/alerts.repository';
export type { AlertChangeCursor, AlertSchedule } from './alerting/alerts.repository';
export { AlertOutboxRepository } from './alerting/alert-outbox.repository';
export { AlertRecipientsRepository } from './alerting/alert-recipients.repository';
export { RefreshTokensRepository, USER_ROLES, UsersRepository } from './accounts/users.repository';
export type { User, UserInput, UserRole } from './accounts/users.repository';
export { AuditLogRepository } from './audit/audit-log.repository';
export type { AuditEntry, AuditEntryInput } from './audit/audit-log.repository';
export {
  MAINTENANCE_RETRY_POLICY,
  STORAGE_JOBS,
  STORAGE_MAINTAIN_JOB,
  STORAGE_MAINTENANCE_EVERY_MS,
  StorageMaintenance,
  StorageMaintenanceModule,
} from './maintenance/storage-maintenance';
export type { StorageMaintenanceOptions } from './maintenance/storage-maintenance';
