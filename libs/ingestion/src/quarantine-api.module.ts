import { Module } from '@nestjs/common';
import { QuarantineController } from './quarantine.controller';

/** /api/quarantine: refused telemetry for the City. Needs the global IngestionDataModule. */
@Module({ controllers: [QuarantineController] })
export class QuarantineApiModule {}
