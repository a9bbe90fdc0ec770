import { Module } from '@nestjs/common';
import { StationDirectory } from './station-directory';
import { TelemetryController } from './telemetry.controller';
import { TelemetryIngestService } from './telemetry-ingest.service';

/** The MQTT consumer. Needs the global StorageModule; the app attaches a TelemetryMqttServer. */
@Module({
  controllers: [TelemetryController],
  providers: [StationDirectory, TelemetryIngestService],
  exports: [TelemetryIngestService],
})
export class IngestionModule {}
