import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { PlatformConfig } from '@hp/config';
import { JOB_QUEUE, JobQueue, STORAGE_MAINTENANCE_EVERY_MS } from '@hp/queue';
import { Database, DATABASE, ReadingsRepository } from '@hp/storage';
import { PLATFORM_CONFIG } from '../config.module';

/**
 * Keeps the readings store in shape. On a TimescaleDB server, its own background jobs do it and only the
 * retention setting is applied here; where no background jobs run (embedded, plain PostgreSQL), a
 * scheduled `storage.maintain` job refreshes aggregates, compresses and applies retention.
 */
@Injectable()
export class StorageMaintenance implements OnModuleInit {
  private readonly logger = new Logger(StorageMaintenance.name);

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly readings: ReadingsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    this.queue.process('storage.maintain', async () => {
      const result = await this.readings.maintain({
        retentionDays: this.config.storage.retentionDays,
        compressAfterDays: this.config.storage.compressAfterDays,
      });
      this.logger.debug(`maintenance: ${JSON.stringify(result)}`);
    });
    if (this.db.features.backgroundJobs) {
      await this.readings.applyRetentionPolicy(this.config.storage.retentionDays);
    } else {
      await this.queue.schedule(
        'storage.maintain',
        { requestedAt: new Date().toISOString() },
        STORAGE_MAINTENANCE_EVERY_MS,
      );
    }
  }
}
