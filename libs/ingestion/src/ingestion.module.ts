import { DynamicModule, Module } from '@nestjs/common';
import { DEFAULT_INGESTION_SETTINGS, INGESTION_SETTINGS, IngestionSettings } from './ingestion-settings';
import { StationDirectory } from './station-directory';
import { TelemetryBatchWriter } from './telemetry-batch-writer';
import { TelemetryController } from './telemetry.controller';
import { TelemetryIngestService } from './telemetry-ingest.service';

/** The MQTT consumer. Needs the global StorageModule; the app attaches a TelemetryMqttServer. */
@Module({})
export class IngestionModule {
  static forRoot(settings: IngestionSettings = DEFAULT_INGESTION_SETTINGS): DynamicModule {
    return {
      module: IngestionModule,
      controllers: [TelemetryController],
      providers: [
        { provide: INGESTION_SETTINGS, useValue: settings },
        StationDirectory,
        TelemetryBatchWriter,
        TelemetryIngestService,
      ],
      exports: [TelemetryIngestService],
    };
  }
}
