import { SqlExecutor } from '@hp/storage';
import { OutboxEvent } from './alerting.types';

/** A user's in-app notification of an alert's event; the alert itself is read with it. */
export interface UserNotification {
  id: number;
  alertId: number;
  event: OutboxEvent;
  createdAt: Date;
  readAt: Date | null;
}

const SELECT = `SELECT id::int AS id, alert_id::int AS "alertId", event, created_at AS "createdAt",
  read_at AS "readAt" FROM notifications`;

/** The notification centre's table (notifications, migration 0030): written by the in-app delivery. */
export class NotificationsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Writes the notification of one outbox message; a message delivered twice writes it once. */
  async insertForOutbox(input: {
    userId: number;
    alertId: number;
    outboxId: number;
    event: OutboxEvent;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO notifications (user_id, alert_id, outbox_id, event) VALUES ($1, $2, $3, $4)
       ON CONFLICT (outbox_id) DO NOTHING`,
      [input.userId, input.alertId, input.outboxId, input.event],
    );
  }

  /** A user's notifications, newest first; unread only when asked. */
  async listForUser(
    userId: number,
    options: { unreadOnly: boolean; limit: number },
  ): Promise<UserNotification[]> {
    return (
      await this.db.query<UserNotification>(
        `${SELECT} WHERE user_id = $1 AND (NOT $2::boolean OR read_at IS NULL) ORDER BY id DESC LIMIT $3`,
        [userId, options.unreadOnly, options.limit],
      )
    ).rows;
  }

  async countUnread(userId: number): Promise<number> {
    return (
      await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
        [userId],
      )
    ).rows[0].n;
  }

  /** Marks one of the user's notifications read (once); false when the user has no such notification. */
  async markRead(userId: number, id: number, at: Date): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE notifications SET read_at = coalesce(read_at, $3) WHERE user_id = $1 AND id = $2`,
      [userId, id, at.toISOString()],
    );
    return result.rowCount > 0;
  }
}
