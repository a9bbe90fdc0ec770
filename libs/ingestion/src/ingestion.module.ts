import { DynamicModule, Module } from '@nestjs/common';
import { DEFAULT_INGESTION_SETTINGS, INGESTION_SETTINGS, IngestionSettings } from './ingestion-settings';
import { DeviceActivityRecorder } from './device-activity';
import { StationDirectory } from './station-directory';
import { TelemetryBatchWriter } from './telemetry-batch-writer';
import { TelemetryController } from './telemetry.controller';
import { TelemetryIngestService } from './telemetry-ingest.service';

/**
 * The MQTT consumer. Needs the global StorageModule; the app attaches a TelemetryMqttServer. Global, and
 * imported once by the app: the other transports (Circular 10 files, Sparkplug B) use its one
 * TelemetryIngestService without importing it again — a second import registered the telemetry
 * controller twice, and a message with two handlers was acknowledged before its commit (found by the
 * kill -9 fault drill).
 */
@Module({})
export class IngestionModule {
  static forRoot(settings: IngestionSettings = DEFAULT_INGESTION_SETTINGS): DynamicModule {
    return {
      module: IngestionModule,
      global: true,
      controllers: [TelemetryController],
      providers: [
        { provide: INGESTION_SETTINGS, useValue: settings },
        StationDirectory,
        TelemetryBatchWriter,
        DeviceActivityRecorder,
        TelemetryIngestService,
      ],
      exports: [TelemetryIngestService, DeviceActivityRecorder],
    };
  }
}
