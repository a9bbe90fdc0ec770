import { Module } from '@nestjs/common';
import { QuarantineController } from './quarantine.controller';
import { ReadingsController } from './readings.controller';
import { ReadingsService } from './readings.service';

/** The read side of telemetry over HTTP. Needs the global StorageModule. */
@Module({
  controllers: [ReadingsController, QuarantineController],
  providers: [ReadingsService],
  exports: [ReadingsService],
})
export class ReadingsModule {}
