import { SqlExecutor } from '@hp/storage';
import { NewOutboxMessage, OutboxMessage } from './alerting.types';

const SELECT = `SELECT id::int AS id, alert_id::int AS "alertId", event, channel, recipient_id AS "recipientId", target,
  payload, created_at AS "createdAt", relayed_at AS "relayedAt", delivered_at AS "deliveredAt", attempts, relays
  FROM alert_outbox`;

/**
 * Notifications to send, written in the same transaction as the alert change that causes them, then
 * relayed to the queue (at least once) and delivered (recorded, so a second relay sends nothing).
 */
export class AlertOutboxRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insertMany(messages: readonly NewOutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.db.query(
      `INSERT INTO alert_outbox (alert_id, event, channel, recipient_id, target, payload)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::jsonb[])`,
      [
        messages.map((m) => m.alertId),
        messages.map((m) => m.event),
        messages.map((m) => m.channel),
        messages.map((m) => m.recipientId),
        messages.map((m) => m.target),
        messages.map((m) => JSON.stringify(m.payload)),
      ],
    );
  }

  /** The oldest messages not yet handed to the queue. */
  async unrelayed(limit: number): Promise<OutboxMessage[]> {
    return (
      await this.db.query<OutboxMessage>(`${SELECT} WHERE relayed_at IS NULL ORDER BY id LIMIT $1`, [limit])
    ).rows;
  }

  async markRelayed(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE alert_outbox SET relayed_at = clock_timestamp() WHERE id = ANY ($1::bigint[])`,
      [ids],
    );
  }

  /**
   * Messages handed to the queue more than `olderThanMs` ago and still neither delivered nor dead-lettered
   * go back to the relay: the queue may have lost them (a Redis without persistence restarted, the
   * in-process queue with its process, a Redis failover losing what the replica had not yet received), or
   * holds them under an id that adding again would not revive (a job failed for good whose dead letter
   * could not be written). Each relay again counts in `relays`, which makes a new job id; a message still
   * queued under the former id is then queued twice, and the delivery's claim sends it once. Returns how many.
   */
  async requeueStale(olderThanMs: number): Promise<number> {
    const result = await this.db.query(
      `UPDATE alert_outbox SET relayed_at = NULL, relays = relays + 1
        WHERE relayed_at IS NOT NULL AND delivered_at IS NULL
          AND relayed_at < clock_timestamp() - make_interval(secs => $1::double precision / 1000)
          AND NOT EXISTS (SELECT 1 FROM alert_dead_letters d WHERE d.outbox_id = alert_outbox.id)`,
      [olderThanMs],
    );
    return result.rowCount;
  }

  async find(id: number): Promise<OutboxMessage | null> {
    return (await this.db.query<OutboxMessage>(`${SELECT} WHERE id = $1`, [id])).rows[0] ?? null;
  }

  /**
   * Claims an undelivered message for one send: null when it is delivered, or claimed by another delivery
   * within the last `leaseMs` (longer than any send takes, so only a crashed sender's claim runs out).
   * The row lock makes two concurrent claims of one message succeed once.
   */
  async claim(id: number, leaseMs: number): Promise<OutboxMessage | null> {
    const claimed = await this.db.query<{ id: number }>(
      `UPDATE alert_outbox SET claimed_at = clock_timestamp()
        WHERE id = $1 AND delivered_at IS NULL
          AND (claimed_at IS NULL OR claimed_at < clock_timestamp() - make_interval(secs => $2::double precision / 1000))
        RETURNING id`,
      [id, leaseMs],
    );
    return claimed.rowCount === 1 ? this.find(id) : null;
  }

  /** Gives a claim up after a failed send, so the retry may claim it at once. */
  async releaseClaim(id: number): Promise<void> {
    await this.db.query(`UPDATE alert_outbox SET claimed_at = NULL WHERE id = $1 AND delivered_at IS NULL`, [
      id,
    ]);
  }

  /** Records a delivery; false when it was already recorded (a duplicate job must not send again). */
  async markDelivered(id: number, attempts: number): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE alert_outbox SET delivered_at = clock_timestamp(), claimed_at = NULL, attempts = $2
        WHERE id = $1 AND delivered_at IS NULL`,
      [id, attempts],
    );
    return result.rowCount === 1;
  }

  async deadLetter(id: number, error: string, attempts: number): Promise<void> {
    await this.db.query(
      `INSERT INTO alert_dead_letters (outbox_id, channel, target, error, attempts)
       SELECT id, channel, target, $2, $3 FROM alert_outbox WHERE id = $1
       ON CONFLICT (outbox_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now()`,
      [id, error, attempts],
    );
    await this.db.query(`UPDATE alert_outbox SET attempts = $2 WHERE id = $1`, [id, attempts]);
  }

  async deadLetters(
    limit: number,
  ): Promise<
    { outboxId: number; channel: string; target: string; error: string; attempts: number; failedAt: Date }[]
  > {
    return (
      await this.db.query<{
        outboxId: number;
        channel: string;
        target: string;
        error: string;
        attempts: number;
        failedAt: Date;
      }>(
        `SELECT outbox_id::int AS "outboxId", channel, target, error, attempts, failed_at AS "failedAt"
           FROM alert_dead_letters ORDER BY failed_at DESC LIMIT $1`,
        [limit],
      )
    ).rows;
  }

  async listForAlert(alertId: number): Promise<OutboxMessage[]> {
    return (await this.db.query<OutboxMessage>(`${SELECT} WHERE alert_id = $1 ORDER BY id`, [alertId])).rows;
  }
}
