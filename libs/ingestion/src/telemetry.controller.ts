import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MqttContext } from '@nestjs/microservices';
import { DEVICE_STATUS_FILTER, GATEWAY_TELEMETRY_FILTER, STATION_TELEMETRY_FILTER } from '@hp/contracts';
import { IngestReceipt, MessageMeta, TelemetryIngestService } from './telemetry-ingest.service';

/** The handlers resolve once a message is admitted to a write batch; the receipt's `committed` gates the PUBACK. */
@Controller()
export class TelemetryController {
  constructor(private readonly ingest: TelemetryIngestService) {}

  @EventPattern(STATION_TELEMETRY_FILTER)
  onStationTelemetry(@Ctx() context: MqttContext): Promise<IngestReceipt> {
    const [payload, meta] = received(context);
    return this.ingest.ingest(context.getTopic(), payload, meta);
  }

  @EventPattern(GATEWAY_TELEMETRY_FILTER)
  onGatewayTelemetry(@Ctx() context: MqttContext): Promise<IngestReceipt> {
    const [payload, meta] = received(context);
    return this.ingest.ingestGateway(context.getTopic(), payload, meta);
  }

  @EventPattern(DEVICE_STATUS_FILTER)
  onDeviceStatus(@Ctx() context: MqttContext): Promise<IngestReceipt> {
    const [payload, meta] = received(context);
    return this.ingest.recordPresence(context.getTopic(), payload, meta);
  }
}

function received(context: MqttContext): [Buffer, MessageMeta] {
  const packet = context.getPacket() as unknown as {
    payload: Buffer;
    properties?: { userProperties?: Record<string, unknown> };
  };
  // MQTT does not tell a subscriber who published; an MQTT 5 publisher may say so in a user property.
  const clientId = packet.properties?.userProperties?.['client_id'];
  return [
    packet.payload,
    { clientId: typeof clientId === 'string' ? clientId : null, receivedAt: new Date() },
  ];
}
