import { DynamicModule, Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { DeviceCredentialChanges } from '@hp/device-identity';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import { AccessGuard, AccessListInterceptor } from './access/access.guard';
import { AdminController } from './admin/admin.controller';
import { DevicesAdminController } from './admin/devices.controller';
import { AuthController } from './auth/auth.controller';
import {
  assertTokenKey,
  AUTH_SETTINGS,
  AuthService,
  AuthSettings,
  DEFAULT_AUTH_SETTINGS,
} from './auth/auth.service';

/** Sign-in, tokens, the access guard and list filter on every HTTP route, and the admin API. */
@Module({})
export class AccountsModule implements OnModuleInit {
  constructor(
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  static forRoot(settings: AuthSettings = DEFAULT_AUTH_SETTINGS): DynamicModule {
    assertTokenKey(settings); // refuse to start before anything else does
    return {
      module: AccountsModule,
      // The guard finds the park resolvers the features register.
      imports: [DiscoveryModule],
      controllers: [AuthController, AdminController, DevicesAdminController],
      providers: [
        { provide: AUTH_SETTINGS, useValue: settings },
        AuthService,
        DeviceCredentialChanges,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AccessListInterceptor },
      ],
      exports: [AuthService, DeviceCredentialChanges],
    };
  }

  /**
   * The client address (login limits, rate limits) is the peer's, unless the peer is a configured proxy:
   * only then does Express read X-Forwarded-For (none by default, so a client cannot name its own address).
   */
  onModuleInit(): void {
    const instance = this.adapterHost?.httpAdapter?.getInstance?.() as
      { set?: (setting: string, value: unknown) => void } | undefined;
    const proxies = this.settings.trustedProxies;
    instance?.set?.('trust proxy', proxies.length > 0 ? [...proxies] : false);
  }
}
