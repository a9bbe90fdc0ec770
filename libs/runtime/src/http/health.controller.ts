import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Access, RequestInput } from '@hp/contracts';
import { JOB_QUEUE, JobQueue } from '@hp/queue';
import { Database, DATABASE } from '@hp/storage';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
  @ApiProperty({ example: 'embedded' }) storage!: string;
  @ApiProperty() timescale!: boolean;
  @ApiProperty({ example: 'bullmq' }) queue!: string;
  @ApiProperty() durableJobs!: boolean;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  @Get()
  @Access.public()
  @RequestInput({})
  @ApiOkResponse({ type: HealthDto })
  async health(): Promise<HealthDto> {
    await this.db.query('SELECT 1');
    return {
      status: 'ok',
      storage: this.db.features.driver,
      timescale: this.db.features.timescale,
      queue: this.queue.kind,
      durableJobs: this.queue.durable,
    };
  }
}
