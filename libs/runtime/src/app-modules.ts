import { DynamicModule, Module } from '@nestjs/common';
import { PlatformConfig } from '@hp/config';
import {
  ComplianceDataModule,
  ComplianceModule,
  ComplianceWorkerModule,
  RecomputeBacklogMetrics,
} from '@hp/compliance';
import { DataQualityApiModule, DataQualityWorkerModule } from '@hp/data-quality';
import { IngestionDataModule, IngestionModule, QuarantineApiModule } from '@hp/ingestion';
import { QueueModule, QueueSettings } from '@hp/queue';
import { ReadingsDataModule, ReadingsModule } from '@hp/readings';
import { AccountsDataModule, AccountsModule } from '@hp/accounts';
import { AuditDataModule } from '@hp/audit';
import { ReportsApiModule, ReportsWorkerModule } from '@hp/reports';
import { Circular10IntakeModule, Circular10RelayModule } from '@hp/circular10';
import { OpenDataModule } from '@hp/open-data';
import {
  AlertingApiModule,
  AlertingDataModule,
  AlertingIngestionModule,
  AlertingMailboxModule,
  AlertingWorkerModule,
  MailCatcher,
} from '@hp/alerting';
import { StorageMaintenanceModule, StorageModule } from '@hp/storage';
import { RegistryDataModule, RegistryModule } from '@hp/registry';
import { WasteApiModule, WasteDataModule, WasteIngestionModule } from '@hp/waste';
import { SparkplugModule } from '@hp/sparkplug';
import { PlatformConfigModule } from './config.module';
import { HealthController } from './http/health.controller';
import { MetricsController } from './http/metrics.controller';
import { PLATFORM_JOBS } from './jobs';

/** Alerting's settings, with the Grafana its openings and resolutions are annotated on. */
const alertSettings = (config: PlatformConfig) => ({ ...config.alerts, grafana: config.grafana });

/** The Sparkplug B host on the consumer when SPARKPLUG_ENABLED (its broker is given at boot: useBroker). */
const sparkplug = (config: PlatformConfig): DynamicModule[] =>
  config.sparkplug.enabled ? [SparkplugModule.forRoot({ groups: config.sparkplug.groups })] : [];

/**
 * Shared by every app: the config object, storage (migrated at boot under a lock) and, where needed, the
 * job queue: `add` to queue jobs only, `consume` to run them too (every job of the catalogue must then
 * have exactly one `@OnJob` processor among the app's providers).
 */
function foundation(config: PlatformConfig, queue: 'none' | 'add' | 'consume'): DynamicModule[] {
  const modules = [
    PlatformConfigModule.forRoot(config),
    StorageModule.forRoot({
      databaseUrl: config.storage.databaseUrl,
      dataDir: config.storage.dataDir,
      poolSize: config.storage.poolSize,
      migrateOnBoot: config.storage.migrateOnBoot,
    }),
    { module: AuditDataModule },
    { module: RegistryDataModule },
    { module: ReadingsDataModule },
    { module: IngestionDataModule },
    { module: AccountsDataModule },
    { module: WasteDataModule },
    { module: ComplianceDataModule },
    { module: AlertingDataModule },
  ];
  if (queue !== 'none') {
    const consume = queue === 'consume' ? PLATFORM_JOBS : undefined;
    modules.push(QueueModule.forRoot({ ...queueSettings(config), consume }));
  }
  return modules;
}

/** The configured queue driver (loadConfig has checked that BullMQ comes with REDIS_URL or REDIS_SENTINELS). */
function queueSettings(config: PlatformConfig): QueueSettings {
  if (config.queue.driver === 'in-process') return { driver: 'in-process' };
  if (!config.redis.endpoint)
    throw new Error('QUEUE_DRIVER=bullmq: REDIS_URL (or REDIS_SENTINELS) is required');
  return { driver: 'bullmq', redis: config.redis.endpoint, prefix: config.redis.prefix };
}

/** The jobs of the readings store and of compliance (the features' own jobs come with their worker modules). */
function upkeep(config: PlatformConfig): (DynamicModule | typeof ComplianceWorkerModule)[] {
  return [
    StorageMaintenanceModule.forRoot({
      retentionDays: config.storage.retentionDays,
      compressAfterDays: config.storage.compressAfterDays,
    }),
    ComplianceWorkerModule,
  ];
}

/** HTTP API: registry, readings and compliance, health, OpenAPI. */
@Module({})
export class ApiAppModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [
        ...foundation(config, 'add'),
        RegistryModule,
        ReadingsModule,
        QuarantineApiModule,
        ComplianceModule,
        DataQualityApiModule,
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
        ...foundation(config, 'none'),
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

/**
 * An MQTT edge of the broker cluster: devices' logins and ACLs from the registry, their messages stored
 * in the replicated telemetry stream before each PUBACK (the database is read for credentials only).
 */
@Module({})
export class MqttEdgeAppModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return { module: MqttEdgeAppModule, imports: [...foundation(config, 'none')] };
  }
}

/** Job processors. */
@Module({})
export class WorkerAppModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [
        ...foundation(config, 'consume'),
        ...upkeep(config),
        AlertingWorkerModule.forRoot(alertSettings(config), config.waste),
        DataQualityWorkerModule.forRoot(alertSettings(config)),
        ReportsWorkerModule.forRoot(config.alerts, config.waste),
        Circular10RelayModule.forRoot(config.circular10),
      ],
    };
  }
}

/** All three in one process, for the embedded mode. */
@Module({})
export class PlatformAppModule {
  /** `demo.mailCatcher`: the demo's mail catcher bootstrap started (ALERT_MAIL_CATCHER), listed at /api/dev/mailbox. */
  static forRoot(config: PlatformConfig, demo: { mailCatcher?: MailCatcher | null } = {}): DynamicModule {
    return {
      module: PlatformAppModule,
      imports: [
        ...foundation(config, 'consume'),
        ...upkeep(config),
        RegistryModule,
        ReadingsModule,
        QuarantineApiModule,
        ComplianceModule,
        DataQualityApiModule,
        WasteApiModule.forRoot(config.waste),
        AlertingApiModule.forRoot(alertSettings(config)),
        AccountsModule.forRoot(config.auth),
        ReportsApiModule.forRoot(config.waste),
        OpenDataModule.forRoot(config.openData, config.waste),
        AlertingIngestionModule.forRoot(alertSettings(config)),
        AlertingWorkerModule.forRoot(alertSettings(config), config.waste),
        DataQualityWorkerModule.forRoot(alertSettings(config)),
        ReportsWorkerModule.forRoot(config.alerts, config.waste),
        IngestionModule.forRoot(config.ingest),
        Circular10IntakeModule.forRoot(config.circular10),
        Circular10RelayModule.forRoot(config.circular10),
        WasteIngestionModule,
        ...sparkplug(config),
        ...(demo.mailCatcher ? [AlertingMailboxModule.forCatcher(demo.mailCatcher)] : []),
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
