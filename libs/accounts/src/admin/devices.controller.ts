import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Access,
  actorOf,
  DomainError,
  input,
  json,
  PathParam,
  RequestBody,
  RequestInput,
  SignedIn,
  ValidBody,
} from '@hp/contracts';
import {
  checkDeviceRequest,
  DeviceCredentialChanges,
  generateDevicePassword,
  hashDevicePassword,
  issueDeviceCredentials,
  IssuedDeviceCredentials,
} from '@hp/device-identity';
import { AuditTrail } from '@hp/audit';
import { DATABASE, Database } from '@hp/storage';
import { DeviceOverview, RegistryAdmin, RegistryReader } from '@hp/registry';
import { DEVICE_BODY_SCHEMA, DEVICE_SCHEMA, DeviceBody, ISSUED_DEVICE_SCHEMA } from './admin.schemas';

const DEVICE_CODE = { path: { code: input.code('the device code (its MQTT username)') } };

/**
 * Device credentials (the analysers, gateways and scales that publish over MQTT); admins only. A password
 * is answered once when issued or rotated and only its hash is kept; every change is audited and the
 * embedded broker forgets the old credential at once (DeviceCredentialChanges).
 */
@ApiTags('admin')
@Controller('admin/devices')
export class DevicesAdminController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly changes: DeviceCredentialChanges,
  ) {}

  @Get()
  @Access.city({ roles: ['admin'] })
  @ApiOperation({
    summary: 'Every device: its park and station, whether it holds a credential, presence and last message',
  })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(DEVICE_SCHEMA) })
  list(): Promise<DeviceOverview[]> {
    return new RegistryReader(this.db).devices.listOverview();
  }

  @Post()
  @Access.city({ roles: ['admin'] })
  @ApiOperation({
    summary:
      'Register a device (or renew its credentials): its MQTT password is returned this once, only its hash is kept',
  })
  @RequestInput({})
  @RequestBody(DEVICE_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: ISSUED_DEVICE_SCHEMA })
  async issue(@ValidBody() body: DeviceBody, @Req() request: SignedIn): Promise<IssuedDeviceCredentials> {
    // The schema checked the shapes; which kind needs a station or a park is the device rule's.
    const deviceRequest = checkDeviceRequest({ ...body });
    const issued = await this.db.transaction(async (tx) => {
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
    if (issued.existed) this.changes.changed(issued.code);
    return issued;
  }

  @Post(':code/rotate')
  @Access.city({ roles: ['admin'] })
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A new MQTT password for a device (also re-enables a revoked one), answered this once; the old one stops working at once',
  })
  @RequestInput(DEVICE_CODE)
  @ApiOkResponse({ schema: ISSUED_DEVICE_SCHEMA })
  @ApiNotFoundResponse({ description: 'No device has this code' })
  async rotate(@PathParam('code') code: string, @Req() request: SignedIn): Promise<IssuedDeviceCredentials> {
    const password = generateDevicePassword();
    const device = await this.replaceCredential(code, await hashDevicePassword(password), request);
    const { kind, parkCode, stationCode } = device;
    return { code, kind, parkCode, stationCode, password, existed: true };
  }

  @Post(':code/revoke')
  @Access.city({ roles: ['admin'] })
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Revoke a device's credential: it can no longer log in, its open connection is closed; rotate issues a new one",
  })
  @RequestInput(DEVICE_CODE)
  @ApiOkResponse({ schema: DEVICE_SCHEMA })
  @ApiNotFoundResponse({ description: 'No device has this code' })
  async revoke(@PathParam('code') code: string, @Req() request: SignedIn): Promise<DeviceOverview> {
    const device = await this.replaceCredential(code, null, request);
    return { ...device, hasCredential: false };
  }

  /** A new credential hash, or none (revoked), audited; the broker is told once it is committed. */
  private async replaceCredential(
    code: string,
    hash: string | null,
    request: SignedIn,
  ): Promise<DeviceOverview> {
    const before = await this.db.transaction(async (tx) => {
      const device = await new RegistryReader(tx).devices.findOverviewByCode(code);
      if (!device) throw DomainError.notFound('device', code);
      await new RegistryAdmin(tx).setDeviceCredential(code, hash);
      await new AuditTrail(tx).append({
        actor: actorOf(request),
        action: hash ? 'device.rotate' : 'device.revoke',
        subject: `device:${code}`,
        before: { hasCredential: device.hasCredential },
        after: hash ? { hasCredential: true, passwordChanged: true } : { hasCredential: false },
      });
      return device;
    });
    this.changes.changed(code);
    return before;
  }
}
