import { DynamicModule, Module } from '@nestjs/common';
import { ComplianceModule } from '@hp/compliance';
import { DEFAULT_WASTE_POLICY, WastePolicy, WasteViewsModule } from '@hp/waste';
import { OpenDataController } from './open-data.controller';
import { DEFAULT_OPEN_DATA_SETTINGS, OPEN_DATA_SETTINGS, OpenDataSettings } from './open-data-settings';
import { OpenDataService } from './open-data.service';
import { MonitoringDisclosureService } from './monitoring-disclosure.service';

/** The public read-only endpoints under /api/open/v1. */
@Module({})
export class OpenDataModule {
  static forRoot(
    settings: OpenDataSettings = DEFAULT_OPEN_DATA_SETTINGS,
    wastePolicy: WastePolicy = DEFAULT_WASTE_POLICY,
  ): DynamicModule {
    return {
      module: OpenDataModule,
      imports: [ComplianceModule, WasteViewsModule.forRoot(wastePolicy)],
      controllers: [OpenDataController],
      providers: [
        { provide: OPEN_DATA_SETTINGS, useValue: settings },
        OpenDataService,
        MonitoringDisclosureService,
      ],
    };
  }
}
