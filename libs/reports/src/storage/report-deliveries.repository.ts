import { SqlExecutor } from '@hp/storage';

/** Which subscriber was sent which report run: a retried or repeated job sends each one once. */
export class ReportDeliveriesRepository {
  constructor(private readonly db: SqlExecutor) {}

  async wasSent(runId: number, subscriptionId: number): Promise<boolean> {
    const { rows } = await this.db.query(
      `SELECT 1 FROM report_deliveries WHERE run_id = $1 AND subscription_id = $2`,
      [runId, subscriptionId],
    );
    return rows.length > 0;
  }

  async recordSent(runId: number, subscriptionId: number, at = new Date()): Promise<void> {
    await this.db.query(
      `INSERT INTO report_deliveries (run_id, subscription_id, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [runId, subscriptionId, at.toISOString()],
    );
  }

  async listForRun(runId: number): Promise<{ subscriptionId: number; sentAt: Date }[]> {
    return (
      await this.db.query<{ subscriptionId: number; sentAt: Date }>(
        `SELECT subscription_id AS "subscriptionId", sent_at AS "sentAt" FROM report_deliveries WHERE run_id = $1
         ORDER BY subscription_id`,
        [runId],
      )
    ).rows;
  }
}
