import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  addDays,
  DomainError,
  input,
  localDayOf,
  monthOf,
  PathParam,
  PERIOD_KINDS,
  PeriodKind,
  QueryParam,
  RequestInput,
} from '@hp/contracts';
import {
  ComplianceViewsService,
  KpiView,
  ParkPeriodView,
  PROVISIONAL_FLAG_SCHEMA,
  StationDailyView,
} from '../kpi/compliance-views.service';
import { PermitLimitsService, StationLimitsView } from '../kpi/permit-limits.service';
import { parseSetAsideReview, SET_ASIDE_REVIEW_BODY_SCHEMA } from '../review/set-aside-review';
import { SetAsideReviewResult, SetAsideReviewService } from '../review/set-aside-review.service';
import type { SetAsideReview } from '@hp/storage';

/** The request as the access guard leaves it: who is signed in. */
interface SignedIn {
  access?: { claims: { username: string } };
}

/** Max days in one station-daily request. */
const MAX_DAILY_RANGE_DAYS = 366;

/** A park's standing over a period, as the parks and KPI routes document it (the fields a client relies on). */
const PARK_STANDING_SCHEMA = {
  type: 'object',
  properties: {
    parkCode: { type: 'string' },
    parkName: { type: 'string' },
    status: {
      type: 'string',
      enum: [
        'met',
        'exceedance',
        'suspected_exceedance',
        'insufficient_data',
        'no_permit',
        'no_operating_plant',
      ],
    },
    provisional: PROVISIONAL_FLAG_SCHEMA,
    reasons: { type: 'array', items: { type: 'string' } },
  },
};

const RANGE = {
  from: input.day('YYYY-MM-DD; default: first day of this month'),
  to: input.day('YYYY-MM-DD, exclusive; default: one month after from'),
};

function range(fromDay: string | undefined, toDay: string | undefined): { from: string; to: string } {
  const month = monthOf(localDayOf(new Date()));
  const from = fromDay ?? month.from;
  const to = toDay ?? (fromDay ? monthOf(from).to : month.to);
  if (to <= from) throw new DomainError('INVALID_ARGUMENT', `to (${to}) must be after from (${from})`);
  return { from, to };
}

@ApiTags('compliance')
@Controller()
export class ComplianceController {
  constructor(
    private readonly views: ComplianceViewsService,
    private readonly limits: PermitLimitsService,
    private readonly reviews: SetAsideReviewService,
  ) {}

  @Get('stations/:id/limits')
  @ApiOperation({
    summary:
      "The limits of the station's permit on a day (default today): the exact Cmax or range of each parameter the permit judges, with its basis; the other parameters listed as not judged (NOT_IN_PERMIT or NO_LIMIT); the permit's Kq, Kf and where Kf comes from",
  })
  @RequestInput({
    path: { id: input.id('station id') },
    query: { date: input.day('YYYY-MM-DD; default today') },
  })
  stationLimits(@PathParam('id') id: number, @QueryParam('date') date?: string): Promise<StationLimitsView> {
    return this.limits.forStation(id, date ?? localDayOf(new Date()));
  }

  @Get('compliance/kpi')
  @ApiOperation({
    summary:
      'The 2030 target: share of operating parks whose treatment plant met the standard over a period, with the parks that did not and why, and a 12-month trend',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        operatingParks: { type: 'integer' },
        parksMeetingStandard: { type: 'integer' },
        share: { type: 'number', nullable: true },
        provisional: PROVISIONAL_FLAG_SCHEMA,
        notMeeting: { type: 'array', items: PARK_STANDING_SCHEMA },
      },
    },
  })
  @RequestInput({
    query: {
      period: input.oneOf(PERIOD_KINDS, 'default month'),
      date: input.day('a local day inside the period, YYYY-MM-DD; default today'),
    },
  })
  kpi(@QueryParam('period') period?: PeriodKind, @QueryParam('date') date?: string): Promise<KpiView> {
    return this.views.kpi(period ?? 'month', date ?? localDayOf(new Date()));
  }

  @Get('compliance/parks')
  @ApiOperation({
    summary: "Every park's compliance over [from, to): operating plant, verdict, reasons, station day counts",
  })
  @ApiOkResponse({ schema: { type: 'array', items: PARK_STANDING_SCHEMA } })
  @RequestInput({ query: RANGE })
  parks(@QueryParam('from') from?: string, @QueryParam('to') to?: string): Promise<ParkPeriodView[]> {
    const r = range(from, to);
    return this.views.parks(r.from, r.to);
  }

  @Get('compliance/parks/:code')
  @ApiOperation({ summary: "One park's compliance over [from, to) (default: this month)" })
  @RequestInput({ path: { code: input.parkCode() }, query: RANGE })
  park(
    @PathParam('code') code: string,
    @QueryParam('from') from?: string,
    @QueryParam('to') to?: string,
  ): Promise<ParkPeriodView> {
    const r = range(from, to);
    return this.views.park(code, r.from, r.to);
  }

  @Get('stations/:id/compliance')
  @ApiOperation({
    summary:
      "A station's daily verdicts with each parameter's mean, max, capture, valid windows and exceedances",
  })
  @RequestInput({ path: { id: input.id('station id') }, query: RANGE })
  stationDaily(
    @PathParam('id') stationId: number,
    @QueryParam('from') from?: string,
    @QueryParam('to') to?: string,
  ): Promise<StationDailyView> {
    const r = range(from, to);
    if (r.to > addDays(r.from, MAX_DAILY_RANGE_DAYS))
      throw new DomainError('INVALID_ARGUMENT', `from-to spans more than ${MAX_DAILY_RANGE_DAYS} days`);
    return this.views.stationDaily(stationId, r.from, r.to);
  }

  @Post('stations/:id/compliance/:day/set-aside-reviews')
  @ApiOperation({
    summary:
      "Confirm or reject the readings the flat-line screen set aside on a station's day (a suspected exceedance): the review, with its note and the signed-in reviewer, is recorded and audited, and the day is judged again at once",
  })
  @RequestInput({ path: { id: input.id('station id'), day: input.day('the local day, YYYY-MM-DD') } })
  @ApiBody({ schema: SET_ASIDE_REVIEW_BODY_SCHEMA })
  reviewSetAside(
    @PathParam('id') stationId: number,
    @PathParam('day') day: string,
    @Body() body: unknown,
    @Req() request: SignedIn,
  ): Promise<SetAsideReviewResult> {
    const reviewer = request.access?.claims.username;
    // The guard always signs the request in here; without a user there is no reviewer to record.
    if (!reviewer) throw new DomainError('UNAUTHENTICATED', 'sign in to review set-aside readings');
    return this.reviews.review(stationId, day, parseSetAsideReview(body), reviewer);
  }

  @Get('stations/:id/compliance/set-aside-reviews')
  @ApiOperation({
    summary:
      "Every review of a station's set-aside readings over [from, to) (default: this month), newest first",
  })
  @RequestInput({ path: { id: input.id('station id') }, query: RANGE })
  setAsideReviews(
    @PathParam('id') stationId: number,
    @QueryParam('from') from?: string,
    @QueryParam('to') to?: string,
  ): Promise<SetAsideReview[]> {
    const r = range(from, to);
    return this.reviews.history(stationId, r.from, r.to);
  }
}
