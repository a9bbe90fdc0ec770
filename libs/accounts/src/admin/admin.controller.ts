import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import {
  generateDevicePassword,
  checkDeviceRequest,
  issueDeviceCredentials,
  IssuedDeviceCredentials,
} from '@hp/device-identity';
import { AuditEntry, AuditTrail } from '@hp/audit';
import { DATABASE, Database } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { Inject } from '@nestjs/common';
import { hashUserPassword } from '../auth/passwords';
import { RefreshTokensRepository, User, UsersRepository } from '../storage/users.repository';
import {
  AUDIT_ENTRY_SCHEMA,
  DEVICE_BODY_SCHEMA,
  DeviceBody,
  ISSUED_DEVICE_SCHEMA,
  SAVE_USER_BODY_SCHEMA,
  SAVED_USER_SCHEMA,
  SaveUserBody,
  USER_SCHEMA,
  USERNAME_PATTERN,
} from './admin.schemas';

/** Users and device credentials; admins only (@Access on each route). */
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
    // The schema checked the shapes; which parks exist is the registry's.
    const problems: FieldProblem[] = [];
    const parks = await this.registry.parks.list();
    const parkIds: number[] = [];
    for (const code of body.parkCodes ?? []) {
      const park = parks.find((p) => p.code === code);
      if (park) parkIds.push(park.id);
      else problems.push({ field: 'parkCodes', problem: `holds ${JSON.stringify(code)}, which is no park` });
    }
    if (role === 'park_operator' && parkIds.length === 0)
      problems.push({ field: 'parkCodes', problem: 'must name at least one park for a park operator' });
    if (problems.length > 0) refuseFields(problems);
    const password = given ?? generateDevicePassword();
    const passwordHash = await hashUserPassword(password);
    const user = await this.db.transaction(async (tx) => {
      const users = new UsersRepository(tx);
      const before = await users.findByUsername(username);
      const after = await users.upsert({
        username,
        name,
        role,
        parkIds: role === 'park_operator' ? parkIds : [],
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

  @Post('users/:username/disable')
  @Access.city({ roles: ['admin'] })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable a user: no more logins or refreshes; their access tokens and open streams stop at once',
  })
  @RequestInput({ path: { username: input.text(USERNAME_PATTERN, 'a username') } })
  @ApiOkResponse({ schema: USER_SCHEMA })
  async disable(@PathParam('username') username: string, @Req() request: SignedIn): Promise<User> {
    return this.db.transaction(async (tx) => {
      const user = await new UsersRepository(tx).setDisabled(username, true);
      if (!user) throw new DomainError('NOT_FOUND', `no user ${JSON.stringify(username)}`);
      await new RefreshTokensRepository(tx).revokeAllOf(user.id);
      await new AuditTrail(tx).append({
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

  @Post('devices')
  @Access.city({ roles: ['admin'] })
  @ApiOperation({
    summary:
      'Register a device (or renew its credentials): its MQTT password is returned this once, only its hash is kept',
  })
  @RequestInput({})
  @RequestBody(DEVICE_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: ISSUED_DEVICE_SCHEMA })
  async issueDevice(
    @ValidBody() body: DeviceBody,
    @Req() request: SignedIn,
  ): Promise<IssuedDeviceCredentials> {
    // The schema checked the shapes; which kind needs a station or a park is the device rule's.
    const deviceRequest = checkDeviceRequest({ ...body });
    return this.db.transaction(async (tx) => {
      const issued = await issueDeviceCredentials(tx, deviceRequest);
      const { password: _secret, ...recorded } = issued;
      await new AuditTrail(tx).append({
        actor: actorOf(request),
        action: 'device.credentials',
        subject: `device:${issued.code}`,
        after: recorded,
      });
      return issued;
    });
  }
}

function withoutHash(user: User & { passwordHash?: string }): User {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}
