import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@hp/contracts';
import { parseStationId } from '../readings-query';
import { parseCorrectionRequest, parseCorrectionsQuery } from './correction-request';
import { CorrectionRequestDto, ReadingCorrectionDto } from './reading-corrections.dto';
import { ReadingCorrectionsService } from './reading-corrections.service';

/** The request as the access guard leaves it: who is signed in. */
interface SignedIn {
  access?: { claims: { username: string } };
}

@ApiTags('readings')
@Controller('stations')
export class ReadingCorrectionsController {
  constructor(private readonly service: ReadingCorrectionsService) {}

  @Post(':id/readings/corrections')
  @ApiOperation({
    summary:
      'Correct a stored reading (a new value and/or status, or a withdrawal) with a reason; the original stays, the day is judged again, the author is the signed-in user',
  })
  @ApiBody({ type: CorrectionRequestDto })
  @ApiCreatedResponse({ type: ReadingCorrectionDto })
  correct(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: SignedIn,
  ): Promise<ReadingCorrectionDto> {
    const stationId = parseStationId(id);
    const author = request.access?.claims.username;
    // The guard always signs the request in here; without a user there is no author to record.
    if (!author) throw new DomainError('UNAUTHENTICATED', 'sign in to correct a reading');
    return this.service.correct(stationId, parseCorrectionRequest(body), author);
  }

  @Get(':id/readings/corrections')
  @ApiOperation({
    summary: "A station's reading corrections, newest first, with reason, author and original",
  })
  @ApiQuery({ name: 'from', required: false, description: 'readings at or after, ISO 8601; default: all' })
  @ApiQuery({ name: 'to', required: false, description: 'readings before, ISO 8601; default: all' })
  @ApiQuery({ name: 'parameter', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  @ApiOkResponse({ type: [ReadingCorrectionDto] })
  list(
    @Param('id') id: string,
    @Query() query: { from?: string; to?: string; parameter?: string; limit?: string },
  ): Promise<ReadingCorrectionDto[]> {
    return this.service.list(parseStationId(id), parseCorrectionsQuery(query));
  }
}
