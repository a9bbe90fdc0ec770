import { DynamicModule, Module } from '@nestjs/common';
import { LoginBackoffLimiter } from '@hp/device-identity';
import { repositoryProviders } from '@hp/storage';
import { CIRCULAR10_SETTINGS, checkCircular10Settings, Circular10Settings } from './circular10-settings';
import { Circular10FtpIntake } from './intake/ftp-intake.service';
import { LoggerAccounts } from './intake/logger-accounts';
import { Circular10Relay, RELAY_LOOP_OPTIONS, RelayLoopOptions } from './relay/circular10-relay.service';
import { Circular10RelayCursorsRepository } from './storage/circular10-relay-cursors.repository';

/**
 * The FTP intake of station files, in the ingestion app, next to the app's (global) IngestionModule: one
 * TelemetryIngestService, one write batch.
 */
@Module({})
export class Circular10IntakeModule {
  static forRoot(settings: Circular10Settings): DynamicModule {
    checkCircular10Settings(settings);
    return {
      module: Circular10IntakeModule,
      providers: [
        { provide: CIRCULAR10_SETTINGS, useValue: settings },
        // Shared with the embedded broker's device logins (libs/runtime platform.ts takes it from here).
        { provide: LoginBackoffLimiter, useValue: new LoginBackoffLimiter() },
        LoggerAccounts,
        Circular10FtpIntake,
      ],
      exports: [Circular10FtpIntake, LoginBackoffLimiter],
    };
  }
}

/** The relay of stored readings as Circular 10/2021 files to the authority's FTP server, in the worker. */
@Module({})
export class Circular10RelayModule {
  /** `loop` shortens the relay's poll and backoff (tests). */
  static forRoot(settings: Circular10Settings, loop?: RelayLoopOptions): DynamicModule {
    checkCircular10Settings(settings);
    return {
      module: Circular10RelayModule,
      providers: [
        { provide: CIRCULAR10_SETTINGS, useValue: settings },
        { provide: RELAY_LOOP_OPTIONS, useValue: loop ?? null },
        // circular10_relay_cursors belongs to circular10 (docs/architecture.md).
        ...repositoryProviders([Circular10RelayCursorsRepository]),
        Circular10Relay,
      ],
      exports: [Circular10Relay],
    };
  }
}
