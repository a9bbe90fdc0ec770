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
export { isUniqueViolation } from './driver/sql-errors';

export type { MigrationVariant } from './migrations/migration-files';
export { MIGRATION_LOCK_KEY, MigrationRunner, runMigrations } from './migrations/migration-runner';
export type {
  MigrationLogger,
  MigrationRunnerOptions,
  MigrationRunResult,
} from './migrations/migration-runner';
export { SchemaMigrationsRepository } from './migrations/schema-migrations.repository';
export type { AppliedMigration } from './migrations/schema-migrations.repository';

export { DATABASE, repositoryProviders, STORAGE_REPOSITORIES, StorageModule } from './storage.module';
export type { RepositoryClass, StorageModuleOptions } from './storage.module';

export { withConfiguredDatabase } from './driver/with-configured-database';
export type { CliIo } from './driver/with-configured-database';
export {
  MAINTENANCE_RETRY_POLICY,
  STORAGE_JOBS,
  STORAGE_MAINTAIN_JOB,
  STORAGE_MAINTENANCE_EVERY_MS,
  StorageMaintenance,
  StorageMaintenanceModule,
  TimeSeriesUpkeep,
} from './maintenance/storage-maintenance';
export type { StorageMaintenanceOptions } from './maintenance/storage-maintenance';
