import { SqlExecutor } from '@hp/storage';
import { AlertSeverity, AlertSubscriber, AlertSubscription, AlertSubscriptionInput } from './alerting.types';

const SUBSCRIPTION = `SELECT user_id AS "userId", park_ids AS "parkIds", topics, min_severity AS "minSeverity",
  in_app AS "inApp", email, updated_at AS "updatedAt" FROM alert_subscriptions`;
const RANK = (column: string) => `(CASE ${column} WHEN 'info' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END)`;

/** Each user's own subscription to alerts ("notify me", alert_subscriptions, migration 0032). */
export class AlertSubscriptionsRepository {
  constructor(private readonly db: SqlExecutor) {}

  async find(userId: number): Promise<AlertSubscription | null> {
    return (
      (await this.db.query<AlertSubscription>(`${SUBSCRIPTION} WHERE user_id = $1`, [userId])).rows[0] ?? null
    );
  }

  async save(userId: number, input: AlertSubscriptionInput): Promise<AlertSubscription> {
    await this.db.query(
      `INSERT INTO alert_subscriptions (user_id, park_ids, topics, min_severity, in_app, email, updated_at)
       VALUES ($1, $2::int[], $3::text[], $4, $5, $6, now())
       ON CONFLICT (user_id) DO UPDATE SET park_ids = EXCLUDED.park_ids, topics = EXCLUDED.topics,
         min_severity = EXCLUDED.min_severity, in_app = EXCLUDED.in_app, email = EXCLUDED.email,
         updated_at = EXCLUDED.updated_at`,
      [userId, input.parkIds, input.topics, input.minSeverity, input.inApp, input.email],
    );
    return (await this.find(userId))!;
  }

  /**
   * The users to tell of an alert of this park, topic and severity: subscribed to the topic at or below the
   * severity, following the park (or every park), still enabled, and allowed to see it (a park operator
   * only alerts of their own parks, never a city-wide one).
   */
  async forAlert(parkId: number | null, topic: string, severity: AlertSeverity): Promise<AlertSubscriber[]> {
    return (
      await this.db.query<AlertSubscriber>(
        `SELECT s.user_id AS "userId", s.in_app AS "inApp", s.email
           FROM alert_subscriptions s JOIN users u ON u.id = s.user_id
          WHERE NOT u.disabled AND $2 = ANY (s.topics) AND (s.in_app OR s.email IS NOT NULL)
            AND ${RANK('s.min_severity')} <= ${RANK('$3::text')}
            AND (s.park_ids IS NULL OR $1::int = ANY (s.park_ids))
            AND (u.role <> 'park_operator' OR $1::int = ANY (u.park_ids))
          ORDER BY s.user_id`,
        [parkId, topic, severity],
      )
    ).rows;
  }
}
