import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, MqttContext } from '@nestjs/microservices';
import { STATION_TELEMETRY_FILTER } from '@hp/contracts';
import { TelemetryIngestService } from './telemetry-ingest.service';

@Controller()
export class TelemetryController {
  private readonly logger = new Logger(TelemetryController.name);

  constructor(private readonly ingest: TelemetryIngestService) {}

  @EventPattern(STATION_TELEMETRY_FILTER)
  async onStationTelemetry(@Ctx() context: MqttContext): Promise<void> {
    try {
      // The raw bytes, not Nest's parse of them: bad JSON is reported as such.
      await this.ingest.ingest(context.getTopic(), context.getPacket().payload);
    } catch (error) {
      // Storage trouble must not take the consumer loop down; the next message tries again.
      this.logger.error(`${context.getTopic()}: not stored: ${(error as Error).message}`);
    }
  }
}
