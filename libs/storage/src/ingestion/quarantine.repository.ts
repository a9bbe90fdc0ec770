import { SqlExecutor } from '../driver/database';

export interface QuarantineProblem {
  /** Index of the refused reading in the message; null when the whole message was refused. */
  index: number | null;
  reason: string;
}

export interface NewQuarantinedMessage {
  topic: string;
  clientId: string | null;
  problems: QuarantineProblem[];
  payload: Buffer;
  receivedAt: Date;
}

export interface QuarantinedMessage extends NewQuarantinedMessage {
  id: number;
  reason: string;
}

export class QuarantineRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** One statement for the whole list. */
  async insertMany(items: readonly NewQuarantinedMessage[]): Promise<number> {
    if (items.length === 0) return 0;
    const result = await this.db.query(
      `INSERT INTO quarantined_messages (received_at, topic, client_id, reason, problems, payload)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::bytea[])`,
      [
        items.map((i) => i.receivedAt.toISOString()),
        items.map((i) => i.topic),
        items.map((i) => i.clientId),
        items.map((i) => summarize(i.problems)),
        items.map((i) => JSON.stringify(i.problems)),
        items.map((i) => i.payload),
      ],
    );
    return result.rowCount;
  }

  async listRecent(limit: number): Promise<QuarantinedMessage[]> {
    const result = await this.db.query<QuarantinedMessage>(
      `SELECT id::int AS id, received_at AS "receivedAt", topic, client_id AS "clientId", reason, problems, payload
         FROM quarantined_messages ORDER BY received_at DESC, id DESC LIMIT $1`,
      [limit],
    );
    return result.rows.map((r) => ({ ...r, payload: Buffer.from(r.payload) }));
  }

  async count(): Promise<number> {
    return (await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM quarantined_messages`)).rows[0]
      .n;
  }
}

function summarize(problems: readonly QuarantineProblem[]): string {
  const first = problems[0]?.reason ?? 'refused';
  return problems.length > 1 ? `${first} (+${problems.length - 1} more)` : first;
}
