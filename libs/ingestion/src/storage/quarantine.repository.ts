import type { Reason } from '@hp/contracts';
import { SqlExecutor } from '@hp/storage';

export interface QuarantineProblem {
  /** Index of the refused reading in the message; null when the whole message was refused. */
  index: number | null;
  /** Which part of a many-station message it concerns (`stations[1] (DINHVU/WWTP1/OUT1)`); null: the message. */
  source: string | null;
  /** A code with its parameters, worded by the reason catalogue where it is shown. */
  reason: Reason;
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
}

/** What the quarantine browser narrows to: each given filter must hold; newest first, a page at a time. */
export interface QuarantineFilter {
  /** Part of the topic (or file/gateway source), e.g. a station or device code; case-insensitive. */
  topic?: string;
  /** Part of the client id; case-insensitive. */
  clientId?: string;
  /** A reason code one of its problems carries. */
  reason?: string;
  /** Received at or after. */
  from?: Date;
  /** Received before. */
  to?: Date;
  limit: number;
  offset: number;
}

/** A LIKE pattern matching `text` anywhere, its own `%`, `_` and backslash taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class QuarantineRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** One statement for the whole list. */
  async insertMany(items: readonly NewQuarantinedMessage[]): Promise<number> {
    if (items.length === 0) return 0;
    const result = await this.db.query(
      `INSERT INTO quarantined_messages (received_at, topic, client_id, problems, payload)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::jsonb[], $5::bytea[])`,
      [
        items.map((i) => i.receivedAt.toISOString()),
        items.map((i) => i.topic),
        items.map((i) => i.clientId),
        items.map((i) => JSON.stringify(i.problems)),
        items.map((i) => i.payload),
      ],
    );
    return result.rowCount;
  }

  async listRecent(limit: number): Promise<QuarantinedMessage[]> {
    const result = await this.db.query<QuarantinedMessage>(
      `SELECT id::int AS id, received_at AS "receivedAt", topic, client_id AS "clientId", problems, payload
         FROM quarantined_messages ORDER BY received_at DESC, id DESC LIMIT $1`,
      [limit],
    );
    return result.rows.map((r) => ({ ...r, payload: Buffer.from(r.payload) }));
  }

  /** One page of the messages matching a filter, newest first. */
  async list(filter: QuarantineFilter): Promise<QuarantinedMessage[]> {
    const result = await this.db.query<QuarantinedMessage>(
      `SELECT id::int AS id, received_at AS "receivedAt", topic, client_id AS "clientId", problems, payload
         FROM quarantined_messages
        WHERE ($1::text IS NULL OR topic ILIKE $1) AND ($2::text IS NULL OR client_id ILIKE $2)
          AND ($3::jsonb IS NULL OR problems @> $3::jsonb)
          AND ($4::timestamptz IS NULL OR received_at >= $4) AND ($5::timestamptz IS NULL OR received_at < $5)
        ORDER BY received_at DESC, id DESC LIMIT $6 OFFSET $7`,
      [
        filter.topic === undefined ? null : containing(filter.topic),
        filter.clientId === undefined ? null : containing(filter.clientId),
        filter.reason === undefined ? null : JSON.stringify([{ reason: { code: filter.reason } }]),
        filter.from ?? null,
        filter.to ?? null,
        filter.limit,
        filter.offset,
      ],
    );
    return result.rows.map((r) => ({ ...r, payload: Buffer.from(r.payload) }));
  }

  async count(): Promise<number> {
    return (await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM quarantined_messages`)).rows[0]
      .n;
  }
}
