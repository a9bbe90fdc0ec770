import { Controller, Get, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  addDays,
  DomainError,
  EDITORS,
  input,
  json,
  keepByParkCode,
  localDayOf,
  monthOf,
  PathParam,
  PERIOD_KINDS,
  PeriodKind,
  QueryParam,
  RequestBody,
  RequestInput,
  ValidBody,
} from '@hp/contracts';
import {
  ComplianceViewsService,
  KpiView,
  ParkPeriodView,
  StationDailyView,
} from '../kpi/compliance-views.service';
import { PermitLimitsService, StationLimitsView } from '../kpi/permit-limits.service';
import {
  parseSetAsideReview,
  SET_ASIDE_REVIEW_BODY_SCHEMA,
  SetAsideReviewBody,
} from '../review/set-aside-review';
import {
  COMPLIANCE_KPI_SCHEMA,
  PARK_PERIOD_SCHEMA,
  SET_ASIDE_REVIEW_RESULT_SCHEMA,
  SET_ASIDE_REVIEW_SCHEMA,
  STATION_DAILY_SCHEMA,
  STATION_LIMITS_SCHEMA,
} from './compliance.schemas';
import { SetAsideReviewResult, SetAsideReviewService } from '../review/set-aside-review.service';
import type { SetAsideReview } from '../storage/compliance.types';

/** The request as the access guard leaves it: who is signed in. */
interface SignedIn {
  access?: { claims: { username: string } };
}

/** Max days in one station-daily request. */
const MAX_DAILY_RANGE_DAYS = 366;

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
  @Access.park('station', { param: 'id' })
  @ApiOperation({
    summary:
      "The limits of the station's permit on a day (default today): the exact Cmax or range of each parameter the permit judges, with its basis; the other parameters listed as not judged (NOT_IN_PERMIT or NO_LIMIT); the permit's Kq, Kf and where Kf comes from",
  })
  @RequestInput({
    path: { id: input.id('station id') },
    query: { date: input.day('YYYY-MM-DD; default today') },
  })
  @ApiOkResponse({ schema: STATION_LIMITS_SCHEMA })
  stationLimits(@PathParam('id') id: number, @QueryParam('date') date?: string): Promise<StationLimitsView> {
    return this.limits.forStation(id, date ?? localDayOf(new Date()));
  }

  @Get('compliance/kpi')
  @Access.city()
  @ApiOperation({
    summary:
      'The 2030 target: share of operating parks whose treatment plant met the standard over a period, with the parks that did not and why, and a 12-month trend',
  })
  @ApiOkResponse({ schema: COMPLIANCE_KPI_SCHEMA })
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
  @Access.list(keepByParkCode)
  @ApiOperation({
    summary: "Every park's compliance over [from, to): operating plant, verdict, reasons, station day counts",
  })
  @ApiOkResponse({ schema: json.array(PARK_PERIOD_SCHEMA) })
  @RequestInput({ query: RANGE })
  parks(@QueryParam('from') from?: string, @QueryParam('to') to?: string): Promise<ParkPeriodView[]> {
    const r = range(from, to);
    return this.views.parks(r.from, r.to);
  }

  @Get('compliance/parks/:code')
  @Access.park('park', { param: 'code' })
  @ApiOperation({ summary: "One park's compliance over [from, to) (default: this month)" })
  @RequestInput({ path: { code: input.parkCode() }, query: RANGE })
  @ApiOkResponse({ schema: PARK_PERIOD_SCHEMA })
  park(
    @PathParam('code') code: string,
    @QueryParam('from') from?: string,
    @QueryParam('to') to?: string,
  ): Promise<ParkPeriodView> {
    const r = range(from, to);
    return this.views.park(code, r.from, r.to);
  }

  @Get('stations/:id/compliance')
  @Access.park('station', { param: 'id' })
  @ApiOperation({
    summary:
      "A station's daily verdicts with each parameter's mean, max, capture, valid windows and exceedances",
  })
  @RequestInput({ path: { id: input.id('station id') }, query: RANGE })
  @ApiOkResponse({ schema: STATION_DAILY_SCHEMA })
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
  // Whether set-aside readings were a real exceedance is the regulator's call, like a correction.
  @Access.park('station', { param: 'id', roles: EDITORS })
  @ApiOperation({
    summary:
      "Confirm or reject the readings the flat-line screen set aside on a station's day (a suspected exceedance): the review, with its note and the signed-in reviewer, is recorded and audited, and the day is judged again at once",
  })
  @RequestInput({ path: { id: input.id('station id'), day: input.day('the local day, YYYY-MM-DD') } })
  @RequestBody(SET_ASIDE_REVIEW_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: SET_ASIDE_REVIEW_RESULT_SCHEMA })
  reviewSetAside(
    @PathParam('id') stationId: number,
    @PathParam('day') day: string,
    @ValidBody() body: SetAsideReviewBody,
    @Req() request: SignedIn,
  ): Promise<SetAsideReviewResult> {
    const reviewer = request.access?.claims.username;
    // The guard always signs the request in here; without a user there is no reviewer to record.
    if (!reviewer) throw new DomainError('UNAUTHENTICATED', 'sign in to review set-aside readings');
    return this.reviews.review(stationId, day, parseSetAsideReview(body), reviewer);
  }

  @Get('stations/:id/compliance/set-aside-reviews')
  @Access.park('station', { param: 'id' })
  @ApiOperation({
    summary:
      "Every review of a station's set-aside readings over [from, to) (default: this month), newest first",
  })
  @RequestInput({ path: { id: input.id('station id') }, query: RANGE })
  @ApiOkResponse({ schema: json.array(SET_ASIDE_REVIEW_SCHEMA) })
  setAsideReviews(
    @PathParam('id') stationId: number,
    @QueryParam('from') from?: string,
    @QueryParam('to') to?: string,
  ): Promise<SetAsideReview[]> {
    const r = range(from, to);
    return this.reviews.history(stationId, r.from, r.to);
  }
}
