import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { PlatformConfig } from '@hp/config';
import { DomainError } from '@hp/contracts';
import { hashDevicePassword, verifyDevicePassword } from '@hp/device-identity';
import { ParksRepository, RefreshTokensRepository, User, UsersRepository } from '@hp/storage';
import { AccessClaims, signJwt, verifyJwt } from './jwt';
import { LoginLimiter } from './login-limiter';

export type AuthSettings = PlatformConfig['auth'];
export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  jwtSecret: undefined,
  accessTokenMinutes: 15,
  refreshTokenDays: 30,
  maxFailedLogins: 10,
};

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

/** Passwords are hashed like device credentials: PBKDF2-SHA512, 10,000 rounds, random salt. */
export const hashUserPassword = hashDevicePassword;

/**
 * Logins, access tokens (JWT HS256, short-lived) and refresh tokens (random, stored hashed, used once).
 * Failed logins are limited per username and per client address.
 */
@Injectable()
export class AuthService {
  private readonly log = new Logger(AuthService.name);
  private readonly settings: AuthSettings;
  private readonly secret: string;
  private readonly limiter: LoginLimiter;

  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly parks: ParksRepository,
    @Optional() @Inject(AUTH_SETTINGS) settings: AuthSettings | null,
  ) {
    this.settings = settings ?? DEFAULT_AUTH_SETTINGS;
    this.secret = this.settings.jwtSecret ?? randomBytes(32).toString('hex');
    if (!this.settings.jwtSecret)
      this.log.warn('AUTH_JWT_SECRET is unset: a random key is used, and a restart logs everyone out');
    this.limiter = new LoginLimiter(this.settings.maxFailedLogins);
  }

  async login(username: string, password: string, client: string): Promise<TokenPair> {
    const keys = [`user:${username}`, `client:${client}`];
    const wait = this.limiter.retryAfterMs(keys);
    if (wait > 0) {
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `too many failed logins; try again in ${Math.ceil(wait / 60_000)} min`,
        {
          retryAfterSeconds: Math.ceil(wait / 1000),
        },
      );
    }
    const user = await this.users.findByUsername(username);
    // The same answer whether the user is unknown, disabled or the password wrong.
    if (!user || user.disabled || !(await verifyDevicePassword(password, user.passwordHash))) {
      this.limiter.fail(keys);
      throw new DomainError('UNAUTHENTICATED', 'wrong username or password');
    }
    this.limiter.succeed(username);
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

  /** The claims of a valid access token, or null. */
  verify(accessToken: string): AccessClaims | null {
    return verifyJwt(accessToken, this.secret, Math.floor(Date.now() / 1000));
  }

  /** An access token for claims the caller vouches for (tests, and the issue below). */
  accessToken(user: Pick<User, 'id' | 'username' | 'role' | 'parkIds'>): string {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(
      {
        sub: user.id,
        username: user.username,
        role: user.role,
        parks: user.parkIds,
        iat: now,
        exp: now + this.settings.accessTokenMinutes * 60,
      },
      this.secret,
    );
  }

  async sessionUser(user: Pick<User, 'username' | 'name' | 'role' | 'parkIds'>): Promise<SessionUser> {
    const parks = await this.parks.list();
    const codes = parks.filter((p) => user.parkIds.includes(p.id)).map((p) => p.code);
    return { username: user.username, name: user.name, role: user.role, parkCodes: codes };
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

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
