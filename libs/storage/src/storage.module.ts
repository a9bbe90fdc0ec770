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

/** Injection token of the opened Database. */
export const DATABASE = Symbol('DATABASE');
const STORAGE_OPTIONS = Symbol('STORAGE_OPTIONS');

export interface StorageModuleOptions extends OpenDatabaseOptions {
  /** Apply pending migrations when the module initializes. */
  migrateOnBoot: boolean;
}

/** The repositories kept here (a feature that owns its tables provides its own); each gets the Database. */
export const STORAGE_REPOSITORIES = [SchemaMigrationsRepository] as const;

// A repository may need the Database itself (its features); most only run SQL: a Database fits all.
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
        'TimescaleDB is not available on this server: hypertables, compression and continuous aggregates are off (the time series use a plain table and views)',
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
