import { Controller, Get, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  DomainError,
  EDITORS,
  input,
  PathParam,
  QueryParam,
  RequestBody,
  RequestInput,
  ValidBody,
  WaterParameterCode,
} from '@hp/contracts';
import {
  CORRECTION_REQUEST_SCHEMA,
  CorrectionBody,
  CORRECTIONS_LIST_INPUT,
  parseCorrectionRequest,
  parseCorrectionsQuery,
} from './correction-request';
import { ReadingCorrectionDto } from './reading-corrections.dto';
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
  // Corrections change the data a park is judged on, so only the regulator's editors record them; the
  // park operator (the regulated party) reports a faulty reading to an officer and sees every correction.
  @Access.park('station', { param: 'id', roles: EDITORS })
  @ApiOperation({
    summary:
      'Correct a stored reading (a new value and/or status, or a withdrawal) with a reason; the original stays, the day is judged again, the author is the signed-in user',
  })
  @RequestInput({ path: { id: input.id('station id') } })
  @RequestBody(CORRECTION_REQUEST_SCHEMA)
  @ApiCreatedResponse({ type: ReadingCorrectionDto })
  correct(
    @PathParam('id') stationId: number,
    @ValidBody() body: CorrectionBody,
    @Req() request: SignedIn,
  ): Promise<ReadingCorrectionDto> {
    const author = request.access?.claims.username;
    // The guard always signs the request in here; without a user there is no author to record.
    if (!author) throw new DomainError('UNAUTHENTICATED', 'sign in to correct a reading');
    return this.service.correct(stationId, parseCorrectionRequest(body), author);
  }

  @Get(':id/readings/corrections')
  @Access.park('station', { param: 'id' })
  @ApiOperation({
    summary: "A station's reading corrections, newest first, with reason, author and original",
  })
  @RequestInput(CORRECTIONS_LIST_INPUT)
  @ApiOkResponse({ type: [ReadingCorrectionDto] })
  list(
    @PathParam('id') stationId: number,
    @QueryParam('from') from?: Date,
    @QueryParam('to') to?: Date,
    @QueryParam('parameter') parameter?: WaterParameterCode,
    @QueryParam('limit') limit?: number,
  ): Promise<ReadingCorrectionDto[]> {
    return this.service.list(stationId, parseCorrectionsQuery({ from, to, parameter, limit }));
  }
}
