import { ACCESS_ROLES, AccessRole } from '@hp/contracts';
import { SqlExecutor } from '@hp/storage';

/** The roles a user may hold: the platform's access roles (@hp/contracts). */
export const USER_ROLES = ACCESS_ROLES;
export type UserRole = AccessRole;

export interface UserInput {
  username: string;
  name: string;
  role: UserRole;
  parkIds?: number[];
  passwordHash: string;
}

export interface User {
  id: number;
  username: string;
  name: string;
  role: UserRole;
  parkIds: number[];
  disabled: boolean;
}

const SELECT = `SELECT id, username, name, role, park_ids AS "parkIds", disabled FROM users`;

/** Platform users; the password hash is read only by the login check. */
export class UsersRepository {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Creates a user, or replaces name, role, parks and password of an existing username. A disabled user
   * stays disabled: a password reset is no way back in.
   */
  async upsert(input: UserInput): Promise<User> {
    const result = await this.db.query<User>(
      `INSERT INTO users (username, name, role, park_ids, password_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role,
         park_ids = EXCLUDED.park_ids, password_hash = EXCLUDED.password_hash
       RETURNING id, username, name, role, park_ids AS "parkIds", disabled`,
      [input.username, input.name, input.role, input.parkIds ?? [], input.passwordHash],
    );
    return result.rows[0];
  }

  async findByUsername(username: string): Promise<(User & { passwordHash: string }) | null> {
    return (
      (
        await this.db.query<User & { passwordHash: string }>(
          `SELECT id, username, name, role, park_ids AS "parkIds", disabled, password_hash AS "passwordHash"
             FROM users WHERE username = $1`,
          [username],
        )
      ).rows[0] ?? null
    );
  }

  async find(id: number): Promise<User | null> {
    return (await this.db.query<User>(`${SELECT} WHERE id = $1`, [id])).rows[0] ?? null;
  }

  async list(): Promise<User[]> {
    return (await this.db.query<User>(`${SELECT} ORDER BY username`)).rows;
  }

  /** Replaces a password hash (a stronger scheme after a successful sign-in). */
  async setPasswordHash(id: number, passwordHash: string): Promise<void> {
    await this.db.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
  }

  /** A known user's new name, role and parks; the password, sessions and disabled flag are kept. */
  async update(
    username: string,
    changes: { name: string; role: UserRole; parkIds: readonly number[] },
  ): Promise<User> {
    const result = await this.db.query<User>(
      `UPDATE users SET name = $2, role = $3, park_ids = $4 WHERE username = $1
       RETURNING id, username, name, role, park_ids AS "parkIds", disabled`,
      [username, changes.name, changes.role, [...changes.parkIds]],
    );
    return result.rows[0];
  }

  async setDisabled(username: string, disabled: boolean): Promise<User | null> {
    return (
      (
        await this.db.query<User>(
          `UPDATE users SET disabled = $2 WHERE username = $1
           RETURNING id, username, name, role, park_ids AS "parkIds", disabled`,
          [username, disabled],
        )
      ).rows[0] ?? null
    );
  }

  async count(): Promise<number> {
    return (await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`)).rows[0].n;
  }
}

/** Refresh tokens, stored as SHA-256 hashes; each is used once (rotation). */
export class RefreshTokensRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(userId: number, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.db.query(`INSERT INTO refresh_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [
      userId,
      tokenHash,
      expiresAt.toISOString(),
    ]);
  }

  /** Revokes a live token and returns its user, or null when it is unknown, expired or already used. */
  async consume(tokenHash: string): Promise<number | null> {
    const result = await this.db.query<{ userId: number }>(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id AS "userId"`,
      [tokenHash],
    );
    return result.rows[0]?.userId ?? null;
  }

  async revokeAllOf(userId: number): Promise<void> {
    await this.db.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
  }
}
