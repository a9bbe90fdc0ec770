import { SqlExecutor } from '@hp/storage';
import { ReportSubscription, ReportSubscriptionInput } from './reports.types';

const SELECT = `SELECT s.id, s.email, s.language, s.period_kinds AS "periodKinds", s.formats, s.park_id AS "parkId",
  p.code AS "parkCode", s.created_by AS "createdBy", s.active, s.created_at AS "createdAt"
  FROM report_subscriptions s LEFT JOIN parks p ON p.id = s.park_id`;

/** Who receives progress reports by e-mail: address, language, period kinds, formats, optional park. */
export class ReportSubscriptionsRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(input: ReportSubscriptionInput): Promise<ReportSubscription> {
    const { rows } = await this.db.query<{ id: number }>(
      `INSERT INTO report_subscriptions (email, language, period_kinds, formats, park_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        input.email,
        input.language,
        input.periodKinds,
        input.formats,
        input.parkId ?? null,
        input.createdBy ?? null,
      ],
    );
    return (await this.find(rows[0].id))!;
  }

  async find(id: number): Promise<ReportSubscription | null> {
    return (await this.db.query<ReportSubscription>(`${SELECT} WHERE s.id = $1`, [id])).rows[0] ?? null;
  }

  async list(): Promise<ReportSubscription[]> {
    return (await this.db.query<ReportSubscription>(`${SELECT} ORDER BY s.id`)).rows;
  }

  /** Active subscriptions to a period kind. */
  async activeFor(kind: string): Promise<ReportSubscription[]> {
    return (
      await this.db.query<ReportSubscription>(
        `${SELECT} WHERE s.active AND $1 = ANY (s.period_kinds) ORDER BY s.id`,
        [kind],
      )
    ).rows;
  }

  /** Ends a subscription (kept, with its deliveries, for the record); false when there is none. */
  async deactivate(id: number): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE report_subscriptions SET active = false WHERE id = $1 RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }
}
