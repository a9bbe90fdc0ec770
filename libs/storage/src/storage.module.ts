import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
  Provider,
} from '@nestjs/common';
import { redact } from '@hp/config';
import { Database, OpenDatabaseOptions, usesTimescaleSchema } from './driver/database';
import { openDatabase } from './driver/open-database';
import { MigrationRunner } from './migrations/migration-runner';
import { SchemaMigrationsRepository } from './migrations/schema-migrations.repository';
import { QuarantineRepository } from './ingestion/quarantine.repository';
import { RecomputeMarksRepository } from './ingestion/recompute-marks.repository';
import { ReadingsRepository } from './readings/readings.repository';
import { ReadingCorrectionsRepository } from './readings/reading-corrections.repository';
import { PublishedReadingsRepository } from './readings/published-readings.repository';
import { DevicesRepository } from './registry/devices.repository';
import { DischargePermitsRepository } from './registry/discharge-permits.repository';
import { ParametersRepository } from './registry/parameters.repository';
import { ParameterCadencesRepository } from './registry/parameter-cadences.repository';
import { ParksRepository } from './registry/parks.repository';
import { StationsRepository } from './registry/stations.repository';
import { TreatmentPlantsRepository } from './registry/treatment-plants.repository';
import { ComplianceParameterDaysRepository } from './compliance/compliance-parameter-days.repository';
import { ComplianceStationDaysRepository } from './compliance/compliance-station-days.repository';
import { SetAsideReviewsRepository } from './compliance/set-aside-reviews.repository';
import { ParkStandingsRepository } from './compliance/park-standings.repository';
import { WasteCodesRepository } from './waste/waste-codes.repository';
import { WastePartiesRepository } from './waste/waste-parties.repository';
import { WasteEventsRepository } from './waste/waste-events.repository';
import { WasteLotsRepository } from './waste/waste-lots.repository';
import { AlertRulesRepository } from './alerting/alert-rules.repository';
import { AlertsRepository } from './alerting/alerts.repository';
import { AlertOutboxRepository } from './alerting/alert-outbox.repository';
import { AlertRecipientsRepository } from './alerting/alert-recipients.repository';
import { RefreshTokensRepository, UsersRepository } from './accounts/users.repository';
import { AuditLogRepository } from './audit/audit-log.repository';

/** Injection token of the opened Database. */
export const DATABASE = Symbol('DATABASE');
const STORAGE_OPTIONS = Symbol('STORAGE_OPTIONS');

export interface StorageModuleOptions extends OpenDatabaseOptions {
  /** Apply pending migrations when the module initializes. */
  migrateOnBoot: boolean;
}

/** The repositories kept here (a feature that owns its tables provides its own); each gets the Database. */
export const STORAGE_REPOSITORIES = [
  ParksRepository,
  TreatmentPlantsRepository,
  StationsRepository,
  ParametersRepository,
  ParameterCadencesRepository,
  DischargePermitsRepository,
  DevicesRepository,
  ReadingsRepository,
  ReadingCorrectionsRepository,
  PublishedReadingsRepository,
  QuarantineRepository,
  RecomputeMarksRepository,
  SchemaMigrationsRepository,
  ComplianceParameterDaysRepository,
  ComplianceStationDaysRepository,
  SetAsideReviewsRepository,
  ParkStandingsRepository,
  WasteCodesRepository,
  WastePartiesRepository,
  WasteEventsRepository,
  WasteLotsRepository,
  AlertRulesRepository,
  AlertsRepository,
  AlertOutboxRepository,
  AlertRecipientsRepository,
  UsersRepository,
  RefreshTokensRepository,
  AuditLogRepository,
] as const;

// ReadingsRepository needs the Database (features); the others only run SQL, so a Database fits all.
export type RepositoryClass = new (db: Database) => object;

/**
 * Nest providers constructing each repository with the Database. Features that own their tables provide
 * their repositories with this in their own module (StorageModule is global, so DATABASE resolves).
 */
export function repositoryProviders(repositories: readonly RepositoryClass[]): Provider[] {
  return repositories.map((repository) => ({
    provide: repository,
    useFactory: (db: Database) => new repository(db),
    inject: [DATABASE],
  }));
}

const logger = new Logger('Storage');

async function openAndDescribe(options: StorageModuleOptions): Promise<Database> {
  const db = await openDatabase(options);
  const f = db.features;
  if (f.driver === 'embedded') {
    logger.log(
      `Embedded TimescaleDB ${f.timescaleVersion} (PostgreSQL ${f.serverVersion}) in ${options.dataDir}`,
    );
    logger.log(
      'TimescaleDB background jobs do not run embedded: aggregates, compression and retention need maintain()',
    );
  } else {
    logger.log(
      `PostgreSQL ${f.serverVersion} at ${redact(options.databaseUrl ?? '')}, pool of ${options.poolSize ?? 10}`,
    );
    if (!f.timescale) {
      logger.warn(
        'TimescaleDB is not available on this server: hypertables, compression and continuous aggregates are off (readings use a plain table and views)',
      );
    } else if (!usesTimescaleSchema(f)) {
      logger.warn(
        `TimescaleDB ${f.timescaleVersion} is the Apache-only build: compression and continuous aggregates are off`,
      );
    } else {
      logger.log(`TimescaleDB ${f.timescaleVersion}, background jobs ${f.backgroundJobs ? 'on' : 'off'}`);
    }
  }
  return db;
}

@Injectable()
class StorageLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(STORAGE_OPTIONS) private readonly options: StorageModuleOptions,
    @Inject(MigrationRunner) private readonly migrations: MigrationRunner,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.options.migrateOnBoot) return;
    const { applied } = await this.migrations.run();
    logger.log(applied.length > 0 ? `Applied ${applied.length} migration(s)` : 'Schema is up to date');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

@Global()
@Module({})
export class StorageModule {
  static forRoot(options: StorageModuleOptions): DynamicModule {
    const repositories = repositoryProviders(STORAGE_REPOSITORIES);
    return {
      module: StorageModule,
      global: true,
      providers: [
        { provide: STORAGE_OPTIONS, useValue: options },
        { provide: DATABASE, useFactory: () => openAndDescribe(options) },
        {
          provide: MigrationRunner,
          useFactory: (db: Database) => new MigrationRunner(db, { logger }),
          inject: [DATABASE],
        },
        ...repositories,
        StorageLifecycle,
      ],
      exports: [DATABASE, MigrationRunner, ...STORAGE_REPOSITORIES],
    };
  }
}
