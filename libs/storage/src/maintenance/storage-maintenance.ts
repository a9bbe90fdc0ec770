import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { defineJob, JOB_QUEUE, JobQueue, OnJob, RetryPolicy } from '@hp/queue';
import { Database } from '../driver/database';
import { DATABASE } from '../storage.module';

/** A maintenance pass is idempotent: a few retries with backoff ride out a busy database. */
export const MAINTENANCE_RETRY_POLICY: RetryPolicy = {
  attempts: 3,
  backoff: { type: 'exponential', delayMs: 5_000 },
};

/** Refresh aggregates, compress and drop old chunks where the database runs no background jobs. */
export const STORAGE_MAINTAIN_JOB = defineJob<{ readonly requestedAt: string }>({
  name: 'storage.maintain',
  queue: { name: 'maintenance' },
  retry: MAINTENANCE_RETRY_POLICY,
});

/** Storage's jobs, for the platform's job catalogue. */
export const STORAGE_JOBS = [STORAGE_MAINTAIN_JOB] as const;

/** How often the maintenance job runs when scheduled. */
export const STORAGE_MAINTENANCE_EVERY_MS = 5 * 60_000;

export interface StorageMaintenanceOptions {
  /** Raw rows of the time series older than this are dropped; 0 keeps them for ever. */
  readonly retentionDays: number;
  readonly compressAfterDays: number;
}

/**
 * The upkeep of the time-series hypertable, provided by the feature that owns it (ReadingsDataModule): its
 * SQL stays with its owner, and storage only decides when it runs.
 */
export abstract class TimeSeriesUpkeep {
  /** Replaces the retention policy where background jobs run; false (nothing done) elsewhere. */
  abstract applyRetentionPolicy(days: number): Promise<boolean>;
  /** What the background jobs do, for where none run: refresh aggregates, compress, apply retention. */
  abstract maintain(options: StorageMaintenanceOptions): Promise<object>;
}

const MAINTENANCE_OPTIONS = Symbol('STORAGE_MAINTENANCE_OPTIONS');

/**
 * Keeps the time-series store in shape. On a TimescaleDB server, its own background jobs do it and only the
 * retention setting is applied here; where no background jobs run (embedded, plain PostgreSQL), a
 * scheduled `storage.maintain` job refreshes aggregates, compresses and applies retention.
 */
@Injectable()
export class StorageMaintenance implements OnModuleInit {
  private readonly logger = new Logger(StorageMaintenance.name);

  constructor(
    @Inject(MAINTENANCE_OPTIONS) private readonly options: StorageMaintenanceOptions,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly upkeep: TimeSeriesUpkeep,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.db.features.backgroundJobs) {
      await this.upkeep.applyRetentionPolicy(this.options.retentionDays);
    } else {
      await this.queue.schedule(
        STORAGE_MAINTAIN_JOB,
        { requestedAt: new Date().toISOString() },
        STORAGE_MAINTENANCE_EVERY_MS,
      );
    }
  }

  @OnJob(STORAGE_MAINTAIN_JOB)
  async maintain(): Promise<void> {
    const result = await this.upkeep.maintain(this.options);
    this.logger.debug(`maintenance: ${JSON.stringify(result)}`);
  }
}

/** In the worker: the time-series store's upkeep. Needs the global StorageModule, a TimeSeriesUpkeep, the JobQueue. */
@Module({})
export class StorageMaintenanceModule {
  static forRoot(options: StorageMaintenanceOptions): DynamicModule {
    return {
      module: StorageMaintenanceModule,
      providers: [{ provide: MAINTENANCE_OPTIONS, useValue: options }, StorageMaintenance],
    };
  }
}
