import { Global, Module } from '@nestjs/common';
import { DATABASE, Database, repositoryProviders } from '@hp/storage';
import { Quarantine } from './quarantine';
import { QuarantineRepository } from './quarantine.repository';

/** Ingestion's store (quarantined_messages) for every app with storage. Needs the global StorageModule. */
@Global()
@Module({
  providers: [
    ...repositoryProviders([QuarantineRepository]),
    { provide: Quarantine, useFactory: (db: Database) => new Quarantine(db), inject: [DATABASE] },
  ],
  exports: [QuarantineRepository, Quarantine],
})
export class IngestionDataModule {}
