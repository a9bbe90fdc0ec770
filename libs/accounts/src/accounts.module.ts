import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessGuard, AccessListInterceptor } from './access/access.guard';
import { AdminController } from './admin/admin.controller';
import { AuthController } from './auth/auth.controller';
import { AUTH_SETTINGS, AuthService, AuthSettings, DEFAULT_AUTH_SETTINGS } from './auth/auth.service';

/** Sign-in, tokens, the access guard and list filter on every HTTP route, and the admin API. */
@Module({})
export class AccountsModule {
  static forRoot(settings: AuthSettings = DEFAULT_AUTH_SETTINGS): DynamicModule {
    return {
      module: AccountsModule,
      controllers: [AuthController, AdminController],
      providers: [
        { provide: AUTH_SETTINGS, useValue: settings },
        AuthService,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AccessListInterceptor },
      ],
      exports: [AuthService],
    };
  }
}
