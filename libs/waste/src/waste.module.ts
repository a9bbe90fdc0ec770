import { DynamicModule, Module } from '@nestjs/common';
import { WasteController } from './api/waste.controller';
import { DEFAULT_WASTE_POLICY, WASTE_POLICY, WastePolicy } from './lifecycle/waste-policy';
import { WasteEventsController } from './tracking/waste-events.controller';
import { WasteTrackingService } from './tracking/waste-tracking.service';
import { WasteViewsService } from './views/waste-views.service';

/** The HTTP side of hazardous-waste tracking (KPI, parks, lots, manifests, annual report, reference data). */
@Module({})
export class WasteApiModule {
  static forRoot(policy: WastePolicy = DEFAULT_WASTE_POLICY): DynamicModule {
    return {
      module: WasteApiModule,
      controllers: [WasteController],
      providers: [{ provide: WASTE_POLICY, useValue: policy }, WasteViewsService],
      exports: [WasteViewsService],
    };
  }
}

/** The MQTT side: gateway events in, lots folded. Needs the global StorageModule and a TelemetryMqttServer. */
@Module({
  controllers: [WasteEventsController],
  providers: [WasteTrackingService],
  exports: [WasteTrackingService],
})
export class WasteIngestionModule {}
