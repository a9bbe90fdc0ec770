import { Controller, Optional } from '@nestjs/common';
import { Ctx, EventPattern, MqttContext } from '@nestjs/microservices';
import { WASTE_EVENTS_FILTER } from '@hp/contracts';
import { DeviceActivityRecorder } from '@hp/ingestion';
import { WasteIngestReceipt, WasteTrackingService } from './waste-tracking.service';

/** hp/v1/waste/+/events: resolves after the events are committed, so the PUBACK follows the commit. */
@Controller()
export class WasteEventsController {
  constructor(
    private readonly tracking: WasteTrackingService,
    /** The scale's last message, for the admin device list (absent where ingestion is not loaded). */
    @Optional() private readonly activity?: DeviceActivityRecorder,
  ) {}

  @EventPattern(WASTE_EVENTS_FILTER)
  onWasteEvents(@Ctx() context: MqttContext): Promise<WasteIngestReceipt> {
    const packet = context.getPacket() as unknown as { payload: Buffer };
    const receivedAt = new Date();
    this.activity?.note(context.getTopic(), receivedAt);
    return this.tracking.ingest(context.getTopic(), packet.payload, { clientId: null, receivedAt });
  }
}
