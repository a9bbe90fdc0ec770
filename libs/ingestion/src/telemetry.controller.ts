import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MqttContext } from '@nestjs/microservices';
import { STATION_TELEMETRY_FILTER } from '@hp/contracts';
import { IngestReceipt, TelemetryIngestService } from './telemetry-ingest.service';

@Controller()
export class TelemetryController {
  constructor(private readonly ingest: TelemetryIngestService) {}

  /** Resolves once the message is admitted to a write batch; the receipt's `committed` gates the PUBACK. */
  @EventPattern(STATION_TELEMETRY_FILTER)
  onStationTelemetry(@Ctx() context: MqttContext): Promise<IngestReceipt> {
    const packet = context.getPacket() as unknown as {
      payload: Buffer;
      properties?: { userProperties?: Record<string, unknown> };
    };
    // MQTT does not tell a subscriber who published; an MQTT 5 publisher may say so in a user property.
    const clientId = packet.properties?.userProperties?.['client_id'];
    return this.ingest.ingest(context.getTopic(), packet.payload, {
      clientId: typeof clientId === 'string' ? clientId : null,
      receivedAt: new Date(),
    });
  }
}
