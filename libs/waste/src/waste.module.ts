import { DynamicModule, Module } from '@nestjs/common';
import { LotParkResolver, ManifestParkResolver } from './access/park-resolvers';
import { WasteController } from './api/waste.controller';
import { DEFAULT_WASTE_POLICY, WASTE_POLICY, WastePolicy } from './lifecycle/waste-policy';
import { WasteEventsController } from './tracking/waste-events.controller';
import { WasteTrackingService } from './tracking/waste-tracking.service';
import { WasteViewsService } from './views/waste-views.service';
import { WasteDataModule } from './storage/waste-data.module';

/**
 * The hazardous-waste views (KPI, parks, lots, manifests) judged under one policy, with the policy itself:
 * for every module that reads them (the API, alert sweeps, reports, open data), without the HTTP side.
 */
@Module({})
export class WasteViewsModule {
  static forRoot(policy: WastePolicy = DEFAULT_WASTE_POLICY): DynamicModule {
    return {
      module: WasteViewsModule,
      imports: [WasteDataModule],
      providers: [{ provide: WASTE_POLICY, useValue: policy }, WasteViewsService],
      exports: [WASTE_POLICY, WasteViewsService],
    };
  }
}

/** The HTTP side of hazardous-waste tracking (KPI, parks, lots, manifests, annual report, reference data). */
@Module({})
export class WasteApiModule {
  static forRoot(policy: WastePolicy = DEFAULT_WASTE_POLICY): DynamicModule {
    const views = WasteViewsModule.forRoot(policy);
    return {
      module: WasteApiModule,
      imports: [views],
      controllers: [WasteController],
      // The parks of lots and manifests, for the access guard (park operators see only their parks).
      providers: [LotParkResolver, ManifestParkResolver],
      exports: [views],
    };
  }
}

/** The MQTT side: gateway events in, lots folded. Needs the global StorageModule and a TelemetryMqttServer. */
@Module({
  imports: [WasteDataModule],
  controllers: [WasteEventsController],
  providers: [WasteTrackingService],
  exports: [WasteTrackingService],
})
export class WasteIngestionModule {}
