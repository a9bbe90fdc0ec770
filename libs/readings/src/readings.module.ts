import { Module } from '@nestjs/common';
import { ReadingCorrectionsController } from './corrections/reading-corrections.controller';
import { ReadingCorrectionsService } from './corrections/reading-corrections.service';
import { ReadingsController } from './readings.controller';
import { ReadingsExportService } from './readings-export';
import { ReadingsService } from './readings.service';

/**
 * Telemetry over HTTP: readings to read, corrections of readings. Needs the global StorageModule and
 * ReadingsDataModule (the refused telemetry is ingestion's: QuarantineApiModule).
 */
@Module({
  controllers: [ReadingsController, ReadingCorrectionsController],
  providers: [ReadingsService, ReadingsExportService, ReadingCorrectionsService],
  exports: [ReadingsService, ReadingCorrectionsService],
})
export class ReadingsModule {}
