import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@hp/contracts';
import { addDays, dayParam, localDayOf, monthOf } from '@hp/contracts';
import { parsePeriodKind, PERIOD_KINDS } from '@hp/contracts';
import {
  ComplianceViewsService,
  KpiView,
  ParkPeriodView,
  StationDailyView,
} from '../kpi/compliance-views.service';
import { PermitLimitsService, StationLimitsView } from '../kpi/permit-limits.service';

/** Max days in one station-daily request. */
const MAX_DAILY_RANGE_DAYS = 366;

const day = dayParam;

function range(fromText: string | undefined, toText: string | undefined): { from: string; to: string } {
  const month = monthOf(localDayOf(new Date()));
  const from = day('from', fromText, month.from);
  const to = day('to', toText, fromText ? monthOf(from).to : month.to);
  if (to <= from) throw new DomainError('INVALID_ARGUMENT', `to (${to}) must be after from (${from})`);
  return { from, to };
}

@ApiTags('compliance')
@Controller()
export class ComplianceController {
  constructor(
    private readonly views: ComplianceViewsService,
    private readonly limits: PermitLimitsService,
  ) {}

  @Get('stations/:id/limits')
  @ApiOperation({
    summary:
      "The limits of the station's permit on a day (default today): Cmax or range per parameter, with its basis",
  })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD; default today' })
  stationLimits(@Param('id') id: string, @Query('date') date?: string): Promise<StationLimitsView> {
    if (!/^\d+$/.test(id))
      throw new DomainError('INVALID_ARGUMENT', `id must be a positive integer, got ${JSON.stringify(id)}`);
    return this.limits.forStation(Number(id), day('date', date, localDayOf(new Date())));
  }

  @Get('compliance/kpi')
  @ApiOperation({
    summary:
      'The 2030 target: share of operating parks whose treatment plant met the standard over a period, with the parks that did not and why, and a 12-month trend',
  })
  @ApiQuery({ name: 'period', required: false, enum: PERIOD_KINDS, description: 'default month' })
  @ApiQuery({
    name: 'date',
    required: false,
    description: 'a local day inside the period, YYYY-MM-DD; default today',
  })
  kpi(@Query('period') period?: string, @Query('date') date?: string): Promise<KpiView> {
    return this.views.kpi(parsePeriodKind(period), day('date', date, localDayOf(new Date())));
  }

  @Get('compliance/parks')
  @ApiOperation({
    summary: "Every park's compliance over [from, to): operating plant, verdict, reasons, station day counts",
  })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD; default: first day of this month' })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'YYYY-MM-DD, exclusive; default: one month after from',
  })
  parks(@Query('from') from?: string, @Query('to') to?: string): Promise<ParkPeriodView[]> {
    const r = range(from, to);
    return this.views.parks(r.from, r.to);
  }

  @Get('compliance/parks/:code')
  @ApiOperation({ summary: "One park's compliance over [from, to) (default: this month)" })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  park(
    @Param('code') code: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<ParkPeriodView> {
    const r = range(from, to);
    return this.views.park(code, r.from, r.to);
  }

  @Get('stations/:id/compliance')
  @ApiOperation({
    summary:
      "A station's daily verdicts with each parameter's mean, max, capture, valid windows and exceedances",
  })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  stationDaily(
    @Param('id') id: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<StationDailyView> {
    const stationId = Number(id);
    // Ids are PostgreSQL integers: a larger number is no id (and must not reach the database).
    if (!Number.isInteger(stationId) || stationId <= 0 || stationId > 2_147_483_647)
      throw new DomainError(
        'INVALID_ARGUMENT',
        `station id must be a positive integer, got ${JSON.stringify(id)}`,
      );
    const r = range(from, to);
    if (r.to > addDays(r.from, MAX_DAILY_RANGE_DAYS))
      throw new DomainError('INVALID_ARGUMENT', `from-to spans more than ${MAX_DAILY_RANGE_DAYS} days`);
    return this.views.stationDaily(stationId, r.from, r.to);
  }
}
