import { SqlExecutor } from '@hp/storage';
import { LOGIN_PAIR_MEMORY_MS, LoginFailureStore } from '../auth/login-limiter';

/** Failed logins in the database, so that every API replica counts the same ones (LoginLimiter). */
export class LoginFailuresRepository implements LoginFailureStore {
  constructor(private readonly db: SqlExecutor) {}

  async record(username: string, address: string, at: number): Promise<void> {
    await this.db.query(`INSERT INTO login_failures (username, address, failed_at) VALUES ($1, $2, $3)`, [
      username,
      address,
      new Date(at).toISOString(),
    ]);
    // Older failures count for nothing any more (the pair's memory is the longest window).
    await this.db.query(`DELETE FROM login_failures WHERE failed_at < $1`, [
      new Date(at - LOGIN_PAIR_MEMORY_MS).toISOString(),
    ]);
  }

  async forgive(username: string, address: string): Promise<void> {
    await this.db.query(
      `UPDATE login_failures SET forgiven = true WHERE address = $1 AND username = $2 AND NOT forgiven`,
      [address, username],
    );
  }

  async recent(query: {
    readonly username: string;
    readonly address: string;
    readonly pairSince: number;
    readonly addressSince: number;
    readonly addressLimit: number;
  }): Promise<{ pairCount: number; pairLast: number | null; address: number[] }> {
    const pair = await this.db.query<{ count: number; last: Date | null }>(
      `SELECT count(*)::int AS count, max(failed_at) AS last FROM login_failures
        WHERE address = $1 AND username = $2 AND NOT forgiven AND failed_at > $3`,
      [query.address, query.username, new Date(query.pairSince).toISOString()],
    );
    const address = await this.db.query<{ at: Date }>(
      `SELECT failed_at AS at FROM login_failures WHERE address = $1 AND failed_at > $2
        ORDER BY failed_at DESC LIMIT $3`,
      [query.address, new Date(query.addressSince).toISOString(), query.addressLimit],
    );
    const last = pair.rows[0]?.last;
    return {
      pairCount: pair.rows[0]?.count ?? 0,
      pairLast: last ? new Date(last).getTime() : null,
      address: address.rows.map((r) => new Date(r.at).getTime()),
    };
  }
}
