import type { SqlExecutor } from '@hp/storage';
import { NewWasteEvent, StoredWasteEvent } from './waste.types';

const SELECT = `SELECT event_id AS "eventId", lot_code AS "lotCode", type, occurred_at AS "occurredAt",
  gateway_code AS "gatewayCode", body, received_at AS "receivedAt" FROM waste_events`;

/** Hazardous-waste gateway events, each stored once by its id. */
export class WasteEventsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Stores the events whose id is new; returns the lot codes of those stored (a replay stores none). */
  async insertNew(events: readonly NewWasteEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const result = await this.db.query<{ lotCode: string }>(
      `INSERT INTO waste_events (event_id, lot_code, type, occurred_at, gateway_code, body)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::jsonb[])
       ON CONFLICT (event_id) DO NOTHING
       RETURNING lot_code AS "lotCode"`,
      [
        events.map((e) => e.eventId),
        events.map((e) => e.lotCode),
        events.map((e) => e.type),
        events.map((e) => e.occurredAt.toISOString()),
        events.map((e) => e.gatewayCode),
        events.map((e) => JSON.stringify(e.body)),
      ],
    );
    return result.rows.map((r) => r.lotCode);
  }

  /** Every event of a lot, in event time (ties by id). */
  async listForLot(lotCode: string): Promise<StoredWasteEvent[]> {
    return (
      await this.db.query<StoredWasteEvent>(`${SELECT} WHERE lot_code = $1 ORDER BY occurred_at, event_id`, [
        lotCode,
      ])
    ).rows;
  }

  /** The lot codes that have events (for a full re-fold). */
  async lotCodes(): Promise<string[]> {
    return (
      await this.db.query<{ lotCode: string }>(
        `SELECT DISTINCT lot_code AS "lotCode" FROM waste_events ORDER BY lot_code`,
      )
    ).rows.map((r) => r.lotCode);
  }

  async count(): Promise<number> {
    return (await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM waste_events`)).rows[0].n;
  }
}
