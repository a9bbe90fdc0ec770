import { SqlExecutor } from '@hp/storage';

export interface AuditEntryInput {
  actor: string;
  /** e.g. `user.save`, `alert.acknowledge`, `permit.add`. */
  action: string;
  /** What was changed, e.g. `user:officer`, `alert:42`, `station:VSIP-HP-CETP-OUT`. */
  subject: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry extends Required<AuditEntryInput> {
  id: number;
  at: Date;
}

/** The append-only audit trail (the table refuses updates and deletes). */
export class AuditLogRepository {
  constructor(private readonly db: SqlExecutor) {}

  async append(entry: AuditEntryInput): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (actor, action, subject, before, after) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`,
      [
        entry.actor,
        entry.action,
        entry.subject,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }

  async list(filter: { subject?: string; limit: number }): Promise<AuditEntry[]> {
    return (
      await this.db.query<AuditEntry>(
        `SELECT id::int AS id, at, actor, action, subject, before, after FROM audit_log
          WHERE ($1::text IS NULL OR subject = $1) ORDER BY id DESC LIMIT $2`,
        [filter.subject ?? null, filter.limit],
      )
    ).rows;
  }
}
