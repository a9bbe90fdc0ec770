import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { dayParam, DomainError, localDayOf, parsePeriodKind, PERIOD_KINDS } from '@hp/contracts';
import { WasteCode, WasteCodesRepository, WasteParty, WastePartiesRepository } from '@hp/storage';
import {
  AnnualWasteReport,
  LotView,
  ManifestView,
  ParkWasteView,
  WasteKpiView,
  WasteViewsService,
} from '../views/waste-views.service';

const AS_OF_DESCRIPTION =
  'ISO 8601 instant at which open lots are judged against their deadlines; default now';

/** `asOf` of a request: an ISO 8601 instant, default now. */
function asOfParam(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime()))
    throw new DomainError(
      'INVALID_ARGUMENT',
      `asOf must be an ISO 8601 date-time, e.g. 2026-12-31T23:59:59+07:00, got ${JSON.stringify(value)}`,
    );
  return at;
}

function yearParam(value: string | undefined): number {
  const year = Number(value ?? localDayOf(new Date()).slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new DomainError(
      'INVALID_ARGUMENT',
      `year must be a year from 2000 to 2100, got ${JSON.stringify(value)}`,
    );
  return year;
}

@ApiTags('hazardous waste')
@Controller('waste')
export class WasteController {
  constructor(
    private readonly views: WasteViewsService,
    private readonly codes: WasteCodesRepository,
    private readonly parties: WastePartiesRepository,
  ) {}

  @Get('kpi')
  @ApiOperation({
    summary:
      'The 2030 target: kg of hazardous waste generated in a period, the kg collected and treated per regulation (whole chain conforming and closed), their share, city-wide and per park',
  })
  @ApiQuery({ name: 'period', required: false, enum: PERIOD_KINDS, description: 'default month' })
  @ApiQuery({
    name: 'date',
    required: false,
    description: 'a local day in the period, YYYY-MM-DD; default today',
  })
  @ApiQuery({ name: 'asOf', required: false, description: AS_OF_DESCRIPTION })
  kpi(
    @Query('period') period?: string,
    @Query('date') date?: string,
    @Query('asOf') asOf?: string,
  ): Promise<WasteKpiView> {
    return this.views.kpi(
      parsePeriodKind(period),
      dayParam('date', date, localDayOf(new Date())),
      asOfParam(asOf),
    );
  }

  @Get('parks/:code')
  @ApiOperation({
    summary:
      "A park's hazardous-waste KPI over a period, its non-conforming lots with the reasons, and its open lots with their deadlines",
  })
  @ApiQuery({ name: 'period', required: false, enum: PERIOD_KINDS, description: 'default month' })
  @ApiQuery({
    name: 'date',
    required: false,
    description: 'a local day in the period, YYYY-MM-DD; default today',
  })
  @ApiQuery({ name: 'asOf', required: false, description: AS_OF_DESCRIPTION })
  park(
    @Param('code') code: string,
    @Query('period') period?: string,
    @Query('date') date?: string,
    @Query('asOf') asOf?: string,
  ): Promise<ParkWasteView> {
    return this.views.park(
      code,
      parsePeriodKind(period),
      dayParam('date', date, localDayOf(new Date())),
      asOfParam(asOf),
    );
  }

  @Get('lots/:code')
  @ApiOperation({
    summary: "One lot's chain: its facts, standing, violations with reasons, deadlines and every event",
  })
  @ApiQuery({ name: 'asOf', required: false, description: AS_OF_DESCRIPTION })
  lot(@Param('code') code: string, @Query('asOf') asOf?: string): Promise<LotView> {
    return this.views.lot(code, asOfParam(asOf));
  }

  @Get('manifests')
  @ApiOperation({
    summary: 'One manifest (chung tu CTNH) by number: open or closed, its lots and their standing',
  })
  @ApiQuery({ name: 'number', required: true, description: 'the manifest number, e.g. 31.000123.T/2026' })
  @ApiQuery({ name: 'asOf', required: false, description: AS_OF_DESCRIPTION })
  manifest(@Query('number') number?: string, @Query('asOf') asOf?: string): Promise<ManifestView> {
    if (!number) throw new DomainError('INVALID_ARGUMENT', 'number (the manifest number) is required');
    return this.views.manifest(number, asOfParam(asOf));
  }

  @Get('reports/annual')
  @ApiOperation({
    summary:
      'Yearly hazardous-waste figures per generator and waste code, for the annual environmental-protection reports (Circular 02/2022 Art. 66; Mau 06 for park operators)',
  })
  @ApiQuery({ name: 'year', required: false, description: 'default this year' })
  @ApiQuery({ name: 'park', required: false, description: 'park code; default every park' })
  annual(@Query('year') year?: string, @Query('park') park?: string): Promise<AnnualWasteReport> {
    return this.views.annualReport(yearParam(year), park);
  }

  @Get('codes')
  @ApiOperation({
    summary: 'The waste-code catalogue (Circular 02/2022 Annex III), with the evidence of each entry',
  })
  listCodes(): Promise<WasteCode[]> {
    return this.codes.list();
  }

  @Get('parties')
  @ApiOperation({ summary: 'Generators, transporters and treatment facilities' })
  listParties(): Promise<WasteParty[]> {
    return this.parties.list();
  }

  @Get('parties/:code')
  @ApiOperation({ summary: 'One party with its licences (waste codes covered and validity dates)' })
  async party(@Param('code') code: string): Promise<WasteParty & { licences: unknown[] }> {
    const [found] = await this.parties.findWithLicences([code]);
    if (!found) throw new DomainError('NOT_FOUND', `no waste party ${JSON.stringify(code)}`);
    return { ...found.party, licences: found.licences };
  }
}
