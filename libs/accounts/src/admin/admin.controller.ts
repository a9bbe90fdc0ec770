import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@hp/contracts';
import {
  generateDevicePassword,
  checkDeviceRequest,
  issueDeviceCredentials,
  IssuedDeviceCredentials,
} from '@hp/device-identity';
import {
  AuditEntry,
  AuditLogRepository,
  DATABASE,
  Database,
  ParksRepository,
  RefreshTokensRepository,
  User,
  USER_ROLES,
  UserRole,
  UsersRepository,
} from '@hp/storage';
import { Inject } from '@nestjs/common';
import { hashUserPassword } from '../auth/passwords';

const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
/** Shortest password an admin may set (a generated one is longer). */
export const MIN_PASSWORD_LENGTH = 12;

/** Users and device credentials; admins only (ACCESS_POLICIES). */
@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly users: UsersRepository,
    private readonly parks: ParksRepository,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Get('users')
  @ApiOperation({ summary: 'Every user (no password hashes)' })
  list(): Promise<User[]> {
    return this.users.list();
  }

  @Post('users')
  @ApiOperation({
    summary: 'Create or update a user; without a password one is generated and returned this once',
  })
  async save(
    @Body() body: Record<string, unknown>,
    @Req() request: SignedIn,
  ): Promise<{ user: User; password?: string }> {
    const problems: string[] = [];
    const username = body?.['username'];
    const name = body?.['name'];
    const role = body?.['role'];
    const parkCodes = body?.['parkCodes'] ?? [];
    const given = body?.['password'];
    if (typeof username !== 'string' || !USERNAME.test(username))
      problems.push('username must be 3 to 64 letters, digits, ".", "_", "@" or "-"');
    if (typeof name !== 'string' || name.trim() === '') problems.push('name is required');
    if (!(USER_ROLES as readonly unknown[]).includes(role))
      problems.push(`role must be one of ${USER_ROLES.join(', ')}`);
    if (!Array.isArray(parkCodes) || !parkCodes.every((c) => typeof c === 'string'))
      problems.push('parkCodes must be a list of park codes');
    if (given !== undefined && (typeof given !== 'string' || given.length < MIN_PASSWORD_LENGTH))
      problems.push(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    const parks = await this.parks.list();
    const parkIds: number[] = [];
    for (const code of Array.isArray(parkCodes) ? (parkCodes as string[]) : []) {
      const park = parks.find((p) => p.code === code);
      if (park) parkIds.push(park.id);
      else problems.push(`no park ${JSON.stringify(code)}`);
    }
    if (role === 'park_operator' && parkIds.length === 0)
      problems.push('a park operator needs at least one park in parkCodes');
    if (problems.length > 0) throw new DomainError('INVALID_ARGUMENT', problems.join('; '));
    const password = typeof given === 'string' ? given : generateDevicePassword();
    const passwordHash = await hashUserPassword(password);
    const user = await this.db.transaction(async (tx) => {
      const users = new UsersRepository(tx);
      const before = await users.findByUsername(username as string);
      const after = await users.upsert({
        username: username as string,
        name: name as string,
        role: role as UserRole,
        parkIds: role === 'park_operator' ? parkIds : [],
        passwordHash,
      });
      // A reset password ends the sessions of the old one; a disabled user stays disabled (upsert).
      if (before) await new RefreshTokensRepository(tx).revokeAllOf(after.id);
      // Never a password or its hash in the trail: that the password changed is enough.
      await new AuditLogRepository(tx).append({
        actor: actorOf(request),
        action: 'user.save',
        subject: `user:${after.username}`,
        before: before ? withoutHash(before) : null,
        after: { ...after, passwordChanged: true },
      });
      return after;
    });
    return given === undefined ? { user, password } : { user };
  }

  @Post('users/:username/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable a user: no more logins or refreshes; their access tokens and open streams stop at once',
  })
  async disable(@Param('username') username: string, @Req() request: SignedIn): Promise<User> {
    return this.db.transaction(async (tx) => {
      const user = await new UsersRepository(tx).setDisabled(username, true);
      if (!user) throw new DomainError('NOT_FOUND', `no user ${JSON.stringify(username)}`);
      await new RefreshTokensRepository(tx).revokeAllOf(user.id);
      await new AuditLogRepository(tx).append({
        actor: actorOf(request),
        action: 'user.disable',
        subject: `user:${username}`,
        before: { disabled: false },
        after: { disabled: true },
      });
      return user;
    });
  }

  @Get('audit')
  @ApiOperation({
    summary: 'The audit trail, newest first (append-only): who changed what, when, from what to what',
  })
  audit(@Query('subject') subject?: string, @Query('limit') limit?: string): Promise<AuditEntry[]> {
    const n = limit === undefined ? 200 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 5000)
      throw new DomainError('INVALID_ARGUMENT', 'limit must be 1 to 5000');
    return new AuditLogRepository(this.db).list({ subject, limit: n });
  }

  @Post('devices')
  @ApiOperation({
    summary:
      'Register a device (or renew its credentials): its MQTT password is returned this once, only its hash is kept',
  })
  async issueDevice(
    @Body() body: Record<string, unknown>,
    @Req() request: SignedIn,
  ): Promise<IssuedDeviceCredentials> {
    const field = (key: string) => (typeof body?.[key] === 'string' ? (body[key] as string) : undefined);
    const deviceRequest = checkDeviceRequest({
      code: field('code'),
      kind: field('kind'),
      station: field('station'),
      park: field('park'),
    });
    return this.db.transaction(async (tx) => {
      const issued = await issueDeviceCredentials(tx, deviceRequest);
      const { password: _secret, ...recorded } = issued;
      await new AuditLogRepository(tx).append({
        actor: actorOf(request),
        action: 'device.credentials',
        subject: `device:${issued.code}`,
        after: recorded,
      });
      return issued;
    });
  }
}

/** The request as the access guard leaves it. */
interface SignedIn {
  access?: { claims: { username: string } };
}

function actorOf(request: SignedIn): string {
  return request.access?.claims.username ?? 'unknown';
}

function withoutHash(user: User & { passwordHash?: string }): User {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}
