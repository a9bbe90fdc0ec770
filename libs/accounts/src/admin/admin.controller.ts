import { Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Access,
  DomainError,
  FieldProblem,
  input,
  json,
  PathParam,
  QueryParam,
  refuseFields,
  RequestBody,
  RequestInput,
  ValidBody,
  actorOf,
  SignedIn,
} from '@hp/contracts';
import { generateDevicePassword } from '@hp/device-identity';
import { AuditEntry, AuditTrail } from '@hp/audit';
import { DATABASE, Database } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { Inject } from '@nestjs/common';
import { hashUserPassword } from '../auth/passwords';
import { RefreshTokensRepository, User, UserRole, UsersRepository } from '../storage/users.repository';
import {
  AUDIT_ENTRY_SCHEMA,
  SAVE_USER_BODY_SCHEMA,
  SAVED_USER_SCHEMA,
  SaveUserBody,
  USER_CHANGES_BODY_SCHEMA,
  USER_SCHEMA,
  UserChangesBody,
  USERNAME_PATTERN,
} from './admin.schemas';

const USERNAME = { path: { username: input.text(USERNAME_PATTERN, 'a username') } };

/** Users and the audit trail; admins only (@Access on each route). Devices: DevicesAdminController. */
@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly users: UsersRepository,
    private readonly registry: RegistryReader,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Get('users')
  @Access.city({ roles: ['admin'] })
  @ApiOperation({ summary: 'Every user (no password hashes)' })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(USER_SCHEMA) })
  list(): Promise<User[]> {
    return this.users.list();
  }

  @Post('users')
  @Access.city({ roles: ['admin'] })
  @ApiOperation({
    summary: 'Create or update a user; without a password one is generated and returned this once',
  })
  @RequestInput({})
  @RequestBody(SAVE_USER_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: SAVED_USER_SCHEMA })
  async save(
    @ValidBody() body: SaveUserBody,
    @Req() request: SignedIn,
  ): Promise<{ user: User; password?: string }> {
    const { username, name, role, password: given } = body;
    const parkIds = await this.parkIdsFor(role, body.parkCodes ?? []);
    const password = given ?? generateDevicePassword();
    const passwordHash = await hashUserPassword(password);
    const user = await this.db.transaction(async (tx) => {
      const users = new UsersRepository(tx);
      const before = await users.findByUsername(username);
      const after = await users.upsert({
        username,
        name,
        role,
        parkIds,
        passwordHash,
      });
      // A reset password ends the sessions of the old one; a disabled user stays disabled (upsert).
      if (before) await new RefreshTokensRepository(tx).revokeAllOf(after.id);
      // Never a password or its hash in the trail: that the password changed is enough.
      await new AuditTrail(tx).append({
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

  @Patch('users/:username')
  @Access.city({ roles: ['admin'] })
  @ApiOperation({
    summary:
      "Change a user's name, role or parks (a park operator keeps at least one park); the password and sessions stay, the new rights apply to their next request",
  })
  @RequestInput(USERNAME)
  @RequestBody(USER_CHANGES_BODY_SCHEMA)
  @ApiOkResponse({ schema: USER_SCHEMA })
  @ApiNotFoundResponse({ description: 'No user has this username' })
  async change(
    @PathParam('username') username: string,
    @ValidBody() body: UserChangesBody,
    @Req() request: SignedIn,
  ): Promise<User> {
    const before = await this.users.findByUsername(username);
    if (!before) throw DomainError.notFound('user', username);
    const role = body.role ?? before.role;
    // An admin cannot take their own admin role away (nobody could give it back from the console).
    if (username === actorOf(request) && role !== 'admin')
      throw DomainError.invalid('role', 'cannot take your own admin role away');
    // Parks left out: the ones held (a park operator must hold one), none for the other roles.
    const parkIds =
      body.parkCodes !== undefined || (role === 'park_operator' && before.parkIds.length === 0)
        ? await this.parkIdsFor(role, body.parkCodes ?? [])
        : role === 'park_operator'
          ? before.parkIds
          : [];
    return this.db.transaction(async (tx) => {
      const after = await new UsersRepository(tx).update(username, {
        name: body.name ?? before.name,
        role,
        parkIds,
      });
      await new AuditTrail(tx).append({
        actor: actorOf(request),
        action: 'user.change',
        subject: `user:${username}`,
        before: withoutHash(before),
        after,
      });
      return after;
    });
  }

  @Post('users/:username/disable')
  @Access.city({ roles: ['admin'] })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable a user: no more logins or refreshes; their access tokens and open streams stop at once',
  })
  @RequestInput(USERNAME)
  @ApiOkResponse({ schema: USER_SCHEMA })
  @ApiNotFoundResponse({ description: 'No user has this username' })
  disable(@PathParam('username') username: string, @Req() request: SignedIn): Promise<User> {
    return this.setDisabled(username, true, request);
  }

  @Post('users/:username/enable')
  @Access.city({ roles: ['admin'] })
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled user again: they sign in with the password they had' })
  @RequestInput(USERNAME)
  @ApiOkResponse({ schema: USER_SCHEMA })
  @ApiNotFoundResponse({ description: 'No user has this username' })
  enable(@PathParam('username') username: string, @Req() request: SignedIn): Promise<User> {
    return this.setDisabled(username, false, request);
  }

  @Get('audit')
  @Access.city({ roles: ['admin'] })
  @ApiOperation({
    summary: 'The audit trail, newest first (append-only): who changed what, when, from what to what',
  })
  @RequestInput({
    query: {
      subject: input.text('^.{1,200}$', 'a subject, e.g. user:officer', 'e.g. user:officer, alert:42'),
      limit: input.integer(1, 5000, 'default 200'),
    },
  })
  @ApiOkResponse({ schema: json.array(AUDIT_ENTRY_SCHEMA) })
  audit(@QueryParam('subject') subject?: string, @QueryParam('limit') limit?: number): Promise<AuditEntry[]> {
    return new AuditTrail(this.db).list({ subject, limit: limit ?? 200 });
  }

  private setDisabled(username: string, disabled: boolean, request: SignedIn): Promise<User> {
    if (disabled && username === actorOf(request))
      throw DomainError.invalid('username', 'cannot disable your own account');
    return this.db.transaction(async (tx) => {
      const user = await new UsersRepository(tx).setDisabled(username, disabled);
      if (!user) throw DomainError.notFound('user', username);
      // Disabled: the refresh tokens go too (a re-enabled user signs in again).
      if (disabled) await new RefreshTokensRepository(tx).revokeAllOf(user.id);
      await new AuditTrail(tx).append({
        actor: actorOf(request),
        action: disabled ? 'user.disable' : 'user.enable',
        subject: `user:${username}`,
        before: { disabled: !disabled },
        after: { disabled },
      });
      return user;
    });
  }

  /** The ids of the parks named (parkCodes, 400 naming the field when one is no park); none unless a park operator. */
  private async parkIdsFor(role: UserRole, codes: readonly string[]): Promise<number[]> {
    // The schema checked the shapes; which parks exist is the registry's.
    const problems: FieldProblem[] = [];
    const parks = await this.registry.parks.list();
    const parkIds: number[] = [];
    for (const code of codes) {
      const park = parks.find((p) => p.code === code);
      if (park) parkIds.push(park.id);
      else problems.push({ field: 'parkCodes', problem: `holds ${JSON.stringify(code)}, which is no park` });
    }
    if (role === 'park_operator' && parkIds.length === 0)
      problems.push({ field: 'parkCodes', problem: 'must name at least one park for a park operator' });
    if (problems.length > 0) refuseFields(problems);
    return role === 'park_operator' ? parkIds : [];
  }
}

function withoutHash(user: User & { passwordHash?: string }): User {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}
