export { AuditDataModule } from './storage/audit-data.module';
export { AuditTrail } from './storage/audit-trail';
export type { AuditEntry, AuditEntryInput } from './storage/audit-log.repository';
