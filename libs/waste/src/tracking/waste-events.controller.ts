import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MqttContext } from '@nestjs/microservices';
import { WASTE_EVENTS_FILTER } from '@hp/contracts';
import { WasteIngestReceipt, WasteTrackingService } from './waste-tracking.service';

/** hp/v1/waste/+/events: resolves after the events are committed, so the PUBACK follows the commit. */
@Controller()
export class WasteEventsController {
  constructor(private readonly tracking: WasteTrackingService) {}

  @EventPattern(WASTE_EVENTS_FILTER)
  onWasteEvents(@Ctx() context: MqttContext): Promise<WasteIngestReceipt> {
    const packet = context.getPacket() as unknown as { payload: Buffer };
    return this.tracking.ingest(context.getTopic(), packet.payload, {
      clientId: null,
      receivedAt: new Date(),
    });
  }
}
