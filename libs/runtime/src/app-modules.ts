import { DynamicModule, Module } from '@nestjs/common';
import { PlatformConfig } from '@hp/config';
import { ComplianceModule, RecomputeBacklogMetrics } from '@hp/compliance';
import { IngestionModule } from '@hp/ingestion';
import { QueueModule } from '@hp/queue';
import { ReadingsModule } from '@hp/readings';
import { RegistryModule } from '@hp/registry';
import { AccountsModule } from '@hp/accounts';
import { ReportsApiModule, ReportsWorkerModule } from '@hp/reports';
import { Circular10IntakeModule, Circular10RelayModule } from '@hp/circular10';
import { OpenDataModule } from '@hp/open-data';
import { AlertingApiModule, AlertingIngestionModule, AlertingWorkerModule } from '@hp/alerting';
import { StorageModule } from '@hp/storage';
import { WasteApiModule, WasteIngestionModule } from '@hp/waste';
import { SparkplugModule } from '@hp/sparkplug';
import { PlatformConfigModule } from './config.module';
import { HealthController } from './http/health.controller';
import { MetricsController } from './http/metrics.controller';
import { ComplianceRecompute } from './maintenance/compliance-recompute';
import { JobWorkers } from './maintenance/job-workers';
import { StorageMaintenance } from './maintenance/storage-maintenance';

/** The worker's jobs: storage upkeep and compliance recomputation, then the consumers. */
/** Alerting's settings, with the Grafana its openings and resolutions are annotated on. */
const alertSettings = (config: PlatformConfig) => ({ ...config.alerts, grafana: config.grafana });

const JOB_PROVIDERS = [StorageMaintenance, ComplianceRecompute, JobWorkers];

/** The Sparkplug B host on the consumer when SPARKPLUG_ENABLED (its broker is given at boot: useBroker). */
const sparkplug = (config: PlatformConfig): DynamicModule[] =>
  config.sparkplug.enabled ? [SparkplugModule.forRoot({ groups: config.sparkplug.groups })] : [];

/** Shared by every app: the config object, storage (migrated at boot under a lock) and, where needed, the job queue. */
function foundation(config: PlatformConfig, withQueue: boolean): DynamicModule[] {
  const modules = [
    PlatformConfigModule.forRoot(config),
    StorageModule.forRoot({
      databaseUrl: config.storage.databaseUrl,
      dataDir: config.storage.dataDir,
      poolSize: config.storage.poolSize,
      migrateOnBoot: config.storage.migrateOnBoot,
    }),
  ];
  if (withQueue)
    modules.push(
      QueueModule.forRoot({
        url: config.redis.url,
        probeUrl: config.redis.probeUrl,
        prefix: config.redis.prefix,
      }),
    );
  return modules;
}

/** HTTP API: registry, readings and compliance, health, OpenAPI. */
@Module({})
export class ApiAppModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [
        ...foundation(config, true),
        RegistryModule,
        ReadingsModule,
        ComplianceModule,
        WasteApiModule.forRoot(config.waste),
        AlertingApiModule.forRoot(alertSettings(config)),
        AccountsModule.forRoot(config.auth),
        ReportsApiModule.forRoot(config.waste),
        OpenDataModule.forRoot(config.openData, config.waste),
      ],
      controllers: [HealthController],
    };
  }
}

/** MQTT consumer: validates and stores telemetry. */
@Module({})
export class IngestionAppModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: IngestionAppModule,
      imports: [
        ...foundation(config, false),
        AlertingIngestionModule.forRoot(alertSettings(config)),
        IngestionModule.forRoot(config.ingest),
        Circular10IntakeModule.forRoot(config.circular10),
        WasteIngestionModule,
        ...sparkplug(config),
      ],
      controllers: [MetricsController],
      // The compliance recompute backlog, read from the database: the worker serves no /metrics.
      providers: [RecomputeBacklogMetrics],
    };
  }
}

/** Job processors. */
@Module({})
export class WorkerAppModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [
        ...foundation(config, true),
        ComplianceModule,
        AlertingWorkerModule.forRoot(alertSettings(config), config.waste),
        ReportsWorkerModule.forRoot(config.alerts, config.waste),
        Circular10RelayModule.forRoot(config.circular10),
      ],
      providers: JOB_PROVIDERS,
    };
  }
}

/** All three in one process, for the embedded mode. */
@Module({})
export class PlatformAppModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: PlatformAppModule,
      imports: [
        ...foundation(config, true),
        RegistryModule,
        ReadingsModule,
        ComplianceModule,
        WasteApiModule.forRoot(config.waste),
        AlertingApiModule.forRoot(alertSettings(config)),
        AccountsModule.forRoot(config.auth),
        ReportsApiModule.forRoot(config.waste),
        OpenDataModule.forRoot(config.openData, config.waste),
        AlertingIngestionModule.forRoot(alertSettings(config)),
        AlertingWorkerModule.forRoot(alertSettings(config), config.waste),
        ReportsWorkerModule.forRoot(config.alerts, config.waste),
        IngestionModule.forRoot(config.ingest),
        Circular10IntakeModule.forRoot(config.circular10),
        Circular10RelayModule.forRoot(config.circular10),
        WasteIngestionModule,
        ...sparkplug(config),
      ],
      controllers: [HealthController, MetricsController],
      providers: JOB_PROVIDERS,
    };
  }
}
