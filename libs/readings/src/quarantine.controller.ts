import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Access, input, QueryParam, RequestInput } from '@hp/contracts';
import { QuarantineRepository } from '@hp/storage';

class QuarantineProblemDto {
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Index of the refused reading; null: the whole message',
  })
  index!: number | null;
  @ApiProperty() reason!: string;
}

class QuarantinedMessageDto {
  @ApiProperty() id!: number;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() topic!: string;
  @ApiProperty({ nullable: true, type: String }) clientId!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: [QuarantineProblemDto] }) problems!: QuarantineProblemDto[];
  @ApiProperty({ description: 'The payload as received, decoded as UTF-8' }) payload!: string;
}

@ApiTags('quarantine')
@Controller('quarantine')
export class QuarantineController {
  constructor(private readonly quarantine: QuarantineRepository) {}

  @Get()
  @Access.city()
  @RequestInput({ query: { limit: input.integer(1, 1000, 'default 100') } })
  @ApiOkResponse({ type: [QuarantinedMessageDto], description: 'Refused telemetry, newest first' })
  async list(@QueryParam('limit') limit?: number): Promise<QuarantinedMessageDto[]> {
    const rows = await this.quarantine.listRecent(limit ?? 100);
    return rows.map((r) => ({
      ...r,
      receivedAt: r.receivedAt.toISOString(),
      payload: r.payload.toString('utf8'),
    }));
  }
}
