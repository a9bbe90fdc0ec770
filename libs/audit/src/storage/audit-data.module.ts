import { Global, Module } from '@nestjs/common';
import { DATABASE, Database, repositoryProviders } from '@hp/storage';
import { AuditLogRepository } from './audit-log.repository';
import { AuditTrail } from './audit-trail';

/** The audit trail (audit_log) for every app with storage. Needs the global StorageModule. */
@Global()
@Module({
  providers: [
    ...repositoryProviders([AuditLogRepository]),
    { provide: AuditTrail, useFactory: (db: Database) => new AuditTrail(db), inject: [DATABASE] },
  ],
  exports: [AuditLogRepository, AuditTrail],
})
export class AuditDataModule {}
