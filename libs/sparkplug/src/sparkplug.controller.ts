import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MqttContext } from '@nestjs/microservices';
import type { IngestReceipt } from '@hp/ingestion';
import { SparkplugHostService } from './sparkplug-host.service';
import { SPARKPLUG_FILTER } from './topic';

/** spBv1.0/#, on the telemetry consumer: resolves at admission, and its `committed` gates the PUBACK. */
@Controller()
export class SparkplugController {
  constructor(private readonly host: SparkplugHostService) {}

  @EventPattern(SPARKPLUG_FILTER)
  onSparkplug(@Ctx() context: MqttContext): Promise<IngestReceipt> {
    const packet = context.getPacket() as unknown as { payload: Buffer };
    return this.host.handle(context.getTopic(), packet.payload, { clientId: null, receivedAt: new Date() });
  }
}
