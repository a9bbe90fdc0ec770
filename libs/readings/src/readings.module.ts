import { Module } from '@nestjs/common';
import { ReadingCorrectionsController } from './corrections/reading-corrections.controller';
import { ReadingCorrectionsService } from './corrections/reading-corrections.service';
import { QuarantineController } from './quarantine.controller';
import { ReadingsController } from './readings.controller';
import { ReadingsService } from './readings.service';

/** Telemetry over HTTP: readings and quarantine to read, corrections of readings. Needs the global StorageModule. */
@Module({
  controllers: [ReadingsController, ReadingCorrectionsController, QuarantineController],
  providers: [ReadingsService, ReadingCorrectionsService],
  exports: [ReadingsService, ReadingCorrectionsService],
})
export class ReadingsModule {}
