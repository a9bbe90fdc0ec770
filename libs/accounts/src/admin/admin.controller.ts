import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@hp/contracts';
import {
  generateDevicePassword,
  checkDeviceRequest,
  issueDeviceCredentials,
  IssuedDeviceCredentials,
} from '@hp/device-identity';
import {
  DATABASE,
  Database,
  ParksRepository,
  User,
  USER_ROLES,
  UserRole,
  UsersRepository,
} from '@hp/storage';
import { Inject } from '@nestjs/common';
import { hashUserPassword } from '../auth/auth.service';

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
  async save(@Body() body: Record<string, unknown>): Promise<{ user: User; password?: string }> {
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
    const user = await this.users.upsert({
      username: username as string,
      name: name as string,
      role: role as UserRole,
      parkIds: role === 'park_operator' ? parkIds : [],
      passwordHash: await hashUserPassword(password),
    });
    return given === undefined ? { user, password } : { user };
  }

  @Post('users/:username/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable a user: no more logins or refreshes' })
  async disable(@Param('username') username: string): Promise<User> {
    const user = await this.users.setDisabled(username, true);
    if (!user) throw new DomainError('NOT_FOUND', `no user ${JSON.stringify(username)}`);
    return user;
  }

  @Post('devices')
  @ApiOperation({
    summary:
      'Register a device (or renew its credentials): its MQTT password is returned this once, only its hash is kept',
  })
  issueDevice(@Body() body: Record<string, unknown>): Promise<IssuedDeviceCredentials> {
    const field = (key: string) => (typeof body?.[key] === 'string' ? (body[key] as string) : undefined);
    return issueDeviceCredentials(
      this.db,
      checkDeviceRequest({
        code: field('code'),
        kind: field('kind'),
        station: field('station'),
        park: field('park'),
      }),
    );
  }
}
