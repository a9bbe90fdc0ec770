import { DynamicModule, Module } from '@nestjs/common';
import { SparkplugCommands } from './sparkplug-commands';
import { SparkplugController } from './sparkplug.controller';
import { SparkplugHostService } from './sparkplug-host.service';
import { SPARKPLUG_SETTINGS, SparkplugSettings } from './sparkplug-settings';

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
      ],
      exports: [SparkplugHostService],
    };
  }
}
