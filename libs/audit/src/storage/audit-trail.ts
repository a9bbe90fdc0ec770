import { SqlExecutor } from '@hp/storage';
import { AuditEntry, AuditEntryInput, AuditLogRepository } from './audit-log.repository';

/**
 * Who changed what, for every feature: append an entry beside the change it records (over the caller's
 * transaction, so both commit or neither), and list entries for /admin/audit. The trail is append-only.
 */
export class AuditTrail {
  private readonly log: AuditLogRepository;

  constructor(db: SqlExecutor) {
    this.log = new AuditLogRepository(db);
  }

  /** The same trail inside a transaction: the entry commits with the change it records. */
  inTransaction(tx: SqlExecutor): AuditTrail {
    return new AuditTrail(tx);
  }

  append(entry: AuditEntryInput): Promise<void> {
    return this.log.append(entry);
  }

  /** Newest first, of one subject (e.g. `station:VSIP-HP-CETP-OUT`) or of all. */
  list(filter: { subject?: string; limit: number }): Promise<AuditEntry[]> {
    return this.log.list(filter);
  }
}
