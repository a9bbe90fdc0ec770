import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ConfigError, MIN_JWT_SECRET_LENGTH, type PlatformConfig } from '@hp/config';
import { DomainError } from '@hp/contracts';
import { RegistryReader } from '@hp/registry';
import { LoginFailuresRepository } from '../storage/login-failures.repository';
import { StreamTicketRedemptionsRepository } from '../storage/stream-ticket-redemptions.repository';
import { RefreshTokensRepository, User, UsersRepository } from '../storage/users.repository';
import { ACCESS_TOKEN_AUDIENCE, AccessClaims, STREAM_TICKET_AUDIENCE, TokenKeys } from './jwt';
import { LoginLimiter } from './login-limiter';
import { hashUserPassword, verifyUserPassword } from './passwords';

export type AuthSettings = PlatformConfig['auth'];
export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  jwtSecret: undefined,
  jwtPreviousSecrets: [],
  jwtSecretRequired: false,
  accessTokenMinutes: 15,
  refreshTokenDays: 30,
  maxFailedLogins: 10,
  maxFailedLoginsPerAddress: 100,
  trustedProxies: [],
};

/** Lifetime of an alert-stream ticket: enough to open the EventSource right after asking for it. */
export const STREAM_TICKET_SECONDS = 30;

/**
 * The `sub` of tokens minted in-process by `accessToken` for a caller that names no stored account (tests,
 * tools): user ids start at 1, so no sign-in ever yields it, and only the holder of the key can mint it.
 */
export const UNSTORED_SUBJECT = 0;

export interface SessionUser {
  readonly username: string;
  readonly name: string;
  readonly role: User['role'];
  /** Parks a park operator looks after (codes); empty for the roles that see every park. */
  readonly parkCodes: readonly string[];
}

export interface TokenPair {
  readonly accessToken: string;
  /** Seconds. */
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly user: SessionUser;
}

export interface StreamTicket {
  readonly ticket: string;
  /** Seconds. */
  readonly expiresIn: number;
}

export { hashUserPassword } from './passwords';

/**
 * Logins, access tokens (JWT HS256 with issuer, audience and key id; short-lived), refresh tokens (random,
 * stored hashed, used once) and single-use alert-stream tickets. Every request's token is checked against
 * the user's current state, so disabling a user takes effect on their next request.
 */
@Injectable()
export class AuthService {
  private readonly log = new Logger(AuthService.name);
  private readonly settings: AuthSettings;
  private readonly keys: TokenKeys;
  private readonly limiter: LoginLimiter;

  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly registry: RegistryReader,
    private readonly redemptions: StreamTicketRedemptionsRepository,
    loginFailures: LoginFailuresRepository,
    @Optional() @Inject(AUTH_SETTINGS) settings: AuthSettings | null,
  ) {
    this.settings = settings ?? DEFAULT_AUTH_SETTINGS;
    assertTokenKey(this.settings);
    if (!this.settings.jwtSecret)
      this.log.warn('AUTH_JWT_SECRET is unset: a random key is used, and a restart logs everyone out');
    this.keys = new TokenKeys(
      this.settings.jwtSecret ?? randomBytes(32).toString('hex'),
      this.settings.jwtPreviousSecrets,
    );
    this.limiter = new LoginLimiter(loginFailures, {
      failuresPerPair: this.settings.maxFailedLogins,
      failuresPerAddress: this.settings.maxFailedLoginsPerAddress,
    });
  }

  async login(username: string, password: string, client: string): Promise<TokenPair> {
    const wait = await this.limiter.retryAfterMs(username, client);
    if (wait > 0) {
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `too many failed logins; try again in ${Math.ceil(wait / 1000)} s`,
        { retryAfterSeconds: Math.ceil(wait / 1000) },
      );
    }
    const user = await this.users.findByUsername(username);
    // Always one hash check (a dummy one for an unknown user), so the answer takes as long either way;
    // and the same answer whether the user is unknown, disabled or the password wrong.
    const check = await verifyUserPassword(password, user?.passwordHash ?? null);
    if (!user || user.disabled || !check.ok) {
      await this.limiter.fail(username, client);
      throw new DomainError('UNAUTHENTICATED', 'wrong username or password');
    }
    await this.limiter.succeed(username, client);
    if (check.needsRehash) await this.users.setPasswordHash(user.id, await hashUserPassword(password));
    return this.issue(user);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const userId = await this.refreshTokens.consume(digest(refreshToken));
    const user = userId === null ? null : await this.users.find(userId);
    if (!user || user.disabled) throw new DomainError('UNAUTHENTICATED', 'the refresh token is not valid');
    return this.issue(user);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.refreshTokens.consume(digest(refreshToken));
  }

  /**
   * The claims of a valid access token of a user who is still enabled, with role and parks as they are
   * now (a change by an admin applies at once); null otherwise.
   */
  async verify(accessToken: string): Promise<AccessClaims | null> {
    const claims = this.keys.verify(accessToken, ACCESS_TOKEN_AUDIENCE, nowSeconds());
    return claims ? this.current(claims) : null;
  }

  /** Whether the user of these claims may still be signed in (open streams ask this as they go). */
  async stillSignedIn(claims: Pick<AccessClaims, 'sub'>): Promise<boolean> {
    if (claims.sub === UNSTORED_SUBJECT) return true;
    const user = await this.users.find(claims.sub);
    return user !== null && !user.disabled;
  }

  /** A short-lived, single-use ticket that opens the alert stream (EventSource cannot send headers). */
  streamTicket(claims: AccessClaims): StreamTicket {
    const now = nowSeconds();
    const ticket = this.keys.sign(
      { ...claims, iat: now, exp: now + STREAM_TICKET_SECONDS },
      STREAM_TICKET_AUDIENCE,
      { jti: true },
    );
    return { ticket, expiresIn: STREAM_TICKET_SECONDS };
  }

  /**
   * The claims of a stream ticket, once: a second use (on this or another API replica: the redemption is
   * recorded in the database), an expired or a foreign ticket gives null.
   */
  async redeemStreamTicket(ticket: string, now = nowSeconds()): Promise<AccessClaims | null> {
    const claims = this.keys.verify(ticket, STREAM_TICKET_AUDIENCE, now);
    if (!claims?.jti) return null;
    if (!(await this.redemptions.redeem(claims.jti, new Date(claims.exp * 1000)))) return null;
    const { jti: _jti, ...rest } = claims;
    return this.current(rest);
  }

  /** An access token for claims the caller vouches for (tests, and the issue below). */
  accessToken(user: Pick<User, 'id' | 'username' | 'role' | 'parkIds'>): string {
    const now = nowSeconds();
    return this.keys.sign(
      {
        sub: user.id,
        username: user.username,
        role: user.role,
        parks: user.parkIds,
        iat: now,
        exp: now + this.settings.accessTokenMinutes * 60,
      },
      ACCESS_TOKEN_AUDIENCE,
    );
  }

  async sessionUser(user: Pick<User, 'username' | 'name' | 'role' | 'parkIds'>): Promise<SessionUser> {
    const parks = await this.registry.parks.list();
    const codes = parks.filter((p) => user.parkIds.includes(p.id)).map((p) => p.code);
    return { username: user.username, name: user.name, role: user.role, parkCodes: codes };
  }

  /** The claims with the user's current role and parks; null when the user is gone or disabled. */
  private async current(claims: AccessClaims): Promise<AccessClaims | null> {
    if (claims.sub === UNSTORED_SUBJECT) return claims;
    const user = await this.users.find(claims.sub);
    if (!user || user.disabled) return null;
    return { ...claims, username: user.username, role: user.role, parks: user.parkIds };
  }

  private async issue(user: User): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert(
      user.id,
      digest(refreshToken),
      new Date(Date.now() + this.settings.refreshTokenDays * 86_400_000),
    );
    return {
      accessToken: this.accessToken(user),
      expiresIn: this.settings.accessTokenMinutes * 60,
      refreshToken,
      user: await this.sessionUser(user),
    };
  }
}

/** Outside embedded mode a token key must be configured: a random one would differ per API instance. */
export function assertTokenKey(settings: AuthSettings): void {
  if (settings.jwtSecretRequired && !settings.jwtSecret)
    throw new ConfigError([
      `AUTH_JWT_SECRET: required when DATABASE_URL is set; expected a key of at least ${MIN_JWT_SECRET_LENGTH} characters`,
    ]);
  if (settings.jwtSecret !== undefined && settings.jwtSecret.length < MIN_JWT_SECRET_LENGTH)
    throw new ConfigError([`AUTH_JWT_SECRET: expected at least ${MIN_JWT_SECRET_LENGTH} characters`]);
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
