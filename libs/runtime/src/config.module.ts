import { DynamicModule, Global, Module } from '@nestjs/common';
import { PlatformConfig } from '@hp/config';
import { COMPLIANCE_JUDGING, ComplianceJudgingOptions } from '@hp/compliance';

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

/** Provides the one validated configuration object, read at boot, to every module. */
@Global()
@Module({})
export class PlatformConfigModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: PlatformConfigModule,
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        {
          provide: COMPLIANCE_JUDGING,
          useValue: {
            lateDataWindowMs: config.compliance.lateDataWindowMinutes * 60_000,
          } satisfies ComplianceJudgingOptions,
        },
      ],
      exports: [PLATFORM_CONFIG, COMPLIANCE_JUDGING],
    };
  }
}
