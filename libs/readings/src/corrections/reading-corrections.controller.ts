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
import { CorrectionProposalDto, ReadingCorrectionDto } from './reading-corrections.dto';
import {
  CORRECTION_PROPOSAL_SCHEMA,
  CorrectionProposalBody,
  parseCorrectionProposal,
  parseProposalReview,
  PROPOSAL_REVIEW_INPUT,
  PROPOSAL_REVIEW_SCHEMA,
  ProposalReviewBody,
  PROPOSALS_LIST_INPUT,
} from './correction-proposal';
import type { ProposalState } from '../storage/correction-proposals.repository';
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
  // Corrections change the data a park is judged on: an officer proposes one and a second person reviews it
  // (correction-proposals below). Applying one at once, unreviewed, is left to administrators (a documented
  // data repair); the park operator (the regulated party) reports a faulty reading and sees every correction.
  @Access.park('station', { param: 'id', roles: ['admin'] })
  @ApiOperation({
    summary:
      'Administrators: correct a stored reading at once, without review (a new value and/or status, or a withdrawal) with a reason; the original stays, the day is judged again, the author is the signed-in user. Officers propose corrections for review instead',
  })
  @RequestInput({ path: { id: input.id('station id') } })
  @RequestBody(CORRECTION_REQUEST_SCHEMA)
  @ApiCreatedResponse({ type: ReadingCorrectionDto })
  correct(
    @PathParam('id') stationId: number,
    @ValidBody() body: CorrectionBody,
    @Req() request: SignedIn,
  ): Promise<ReadingCorrectionDto> {
    return this.service.correct(stationId, parseCorrectionRequest(body), signedIn(request));
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

  @Post(':id/readings/correction-proposals')
  @Access.park('station', { param: 'id', roles: EDITORS })
  @ApiOperation({
    summary:
      'Propose a correction of a stored reading (a new value and/or status, or a withdrawal) with a reason code and a note; it takes effect once another editor approves it',
  })
  @RequestInput({ path: { id: input.id('station id') } })
  @RequestBody(CORRECTION_PROPOSAL_SCHEMA)
  @ApiCreatedResponse({ type: CorrectionProposalDto })
  propose(
    @PathParam('id') stationId: number,
    @ValidBody() body: CorrectionProposalBody,
    @Req() request: SignedIn,
  ): Promise<CorrectionProposalDto> {
    return this.service.propose(stationId, parseCorrectionProposal(body), signedIn(request));
  }

  @Get(':id/readings/correction-proposals')
  @Access.park('station', { param: 'id' })
  @ApiOperation({ summary: "A station's proposed corrections, newest first, with their reviews" })
  @RequestInput(PROPOSALS_LIST_INPUT)
  @ApiOkResponse({ type: [CorrectionProposalDto] })
  proposals(
    @PathParam('id') stationId: number,
    @QueryParam('state') state?: ProposalState,
    @QueryParam('limit') limit?: number,
  ): Promise<CorrectionProposalDto[]> {
    return this.service.listProposals(stationId, { state, limit });
  }

  @Post(':id/readings/correction-proposals/:proposalId/review')
  @Access.park('station', { param: 'id', roles: EDITORS })
  @ApiOperation({
    summary:
      'Approve (the correction is recorded and its day judged again) or reject a pending proposal; never its own proposer (403), once only (409)',
  })
  @RequestInput(PROPOSAL_REVIEW_INPUT)
  @RequestBody(PROPOSAL_REVIEW_SCHEMA)
  @ApiCreatedResponse({ type: CorrectionProposalDto })
  review(
    @PathParam('id') stationId: number,
    @PathParam('proposalId') proposalId: number,
    @ValidBody() body: ProposalReviewBody,
    @Req() request: SignedIn,
  ): Promise<CorrectionProposalDto> {
    return this.service.review(stationId, proposalId, parseProposalReview(body), signedIn(request));
  }
}

/** The signed-in user's username: the guard always signs these routes' requests in. */
function signedIn(request: SignedIn): string {
  const username = request.access?.claims.username;
  if (!username) throw new DomainError('UNAUTHENTICATED', 'sign in to correct a reading');
  return username;
}
