import { DynamicModule, Module } from '@nestjs/common';
import { repositoryProviders } from '@hp/storage';
import { SparkplugCommands } from './sparkplug-commands';
import { SparkplugController } from './sparkplug.controller';
import { SparkplugHostService } from './sparkplug-host.service';
import { SPARKPLUG_SETTINGS, SparkplugSettings } from './sparkplug-settings';
import { SparkplugMappingsRepository } from './storage/sparkplug-mappings.repository';

/**
 * The Sparkplug B host application on the telemetry consumer. Needs the global StorageModule and
 * IngestionModule in the same app, and the TelemetryMqttServer subscribing SPARKPLUG_FILTER unshared.
 */
@Module({})
export class SparkplugModule {
  static forRoot(settings: SparkplugSettings): DynamicModule {
    return {
      module: SparkplugModule,
      controllers: [SparkplugController],
      providers: [
        { provide: SPARKPLUG_SETTINGS, useValue: settings },
        SparkplugCommands,
        SparkplugHostService,
        // sparkplug_metric_mappings belongs to sparkplug (docs/architecture.md).
        ...repositoryProviders([SparkplugMappingsRepository]),
      ],
      exports: [SparkplugHostService],
    };
  }
}
