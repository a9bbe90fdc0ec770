import { SqlExecutor } from '@hp/storage';

/**
 * Alert-stream tickets already redeemed, in the database so that a ticket opens one stream whichever API
 * replica it is shown to (a process's memory would let it open one per replica).
 */
export class StreamTicketRedemptionsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Records the redemption of ticket `jti`; false when it was redeemed before. Expired redemptions are
   * forgotten on the way (an expired ticket is refused by its signature's `exp` already).
   */
  async redeem(jti: string, expiresAt: Date): Promise<boolean> {
    await this.db.query(`DELETE FROM stream_ticket_redemptions WHERE expires_at < now()`);
    const result = await this.db.query(
      `INSERT INTO stream_ticket_redemptions (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING`,
      [jti, expiresAt.toISOString()],
    );
    return result.rowCount === 1;
  }
}
