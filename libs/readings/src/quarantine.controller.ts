import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@hp/contracts';
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
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  @ApiOkResponse({ type: [QuarantinedMessageDto], description: 'Refused telemetry, newest first' })
  async list(@Query('limit') limit?: string): Promise<QuarantinedMessageDto[]> {
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      throw DomainError.invalid('limit', 'must be an integer from 1 to 1000');
    const rows = await this.quarantine.listRecent(n);
    return rows.map((r) => ({
      ...r,
      receivedAt: r.receivedAt.toISOString(),
      payload: r.payload.toString('utf8'),
    }));
  }
}
