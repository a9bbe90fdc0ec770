import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  DomainError,
  input,
  json,
  localDayOf,
  PathParam,
  PERIOD_KINDS,
  PeriodKind,
  QueryParam,
  RequestInput,
  required,
} from '@hp/contracts';
import { WasteCode, WasteParty } from '../storage/waste.types';
import { WasteCodesRepository } from '../storage/waste-codes.repository';
import { WastePartiesRepository } from '../storage/waste-parties.repository';
import {
  AnnualWasteReport,
  LotView,
  ManifestView,
  ParkWasteView,
  WasteKpiView,
  WasteViewsService,
} from '../views/waste-views.service';
import {
  ANNUAL_WASTE_REPORT_SCHEMA,
  LOT_VIEW_SCHEMA,
  MANIFEST_VIEW_SCHEMA,
  PARK_WASTE_SCHEMA,
  WASTE_CODE_SCHEMA,
  WASTE_KPI_VIEW_SCHEMA,
  WASTE_PARTY_DETAIL_SCHEMA,
  WASTE_PARTY_SCHEMA,
} from './waste.schemas';

/** `asOf` of a request: an ISO 8601 instant with its zone, default now. */
const AS_OF = input.instant(
  'ISO 8601 instant at which open lots are judged against their deadlines; default now',
);
const PERIOD = {
  period: input.oneOf(PERIOD_KINDS, 'default month'),
  date: input.day('a local day in the period, YYYY-MM-DD; default today'),
  asOf: AS_OF,
};

@ApiTags('hazardous waste')
@Controller('waste')
export class WasteController {
  constructor(
    private readonly views: WasteViewsService,
    private readonly codes: WasteCodesRepository,
    private readonly parties: WastePartiesRepository,
  ) {}

  @Get('kpi')
  @Access.city()
  @ApiOperation({
    summary:
      'The 2030 target: kg of hazardous waste generated in a period, the kg collected and treated per regulation (whole chain conforming and closed), their share, city-wide and per park',
  })
  @RequestInput({ query: PERIOD })
  @ApiOkResponse({ schema: WASTE_KPI_VIEW_SCHEMA })
  kpi(
    @QueryParam('period') period?: PeriodKind,
    @QueryParam('date') date?: string,
    @QueryParam('asOf') asOf?: Date,
  ): Promise<WasteKpiView> {
    return this.views.kpi(period ?? 'month', date ?? localDayOf(new Date()), asOf ?? new Date());
  }

  @Get('parks/:code')
  @Access.park('park', { param: 'code' })
  @ApiOperation({
    summary:
      "A park's hazardous-waste KPI over a period, its non-conforming lots with the reasons, and its open lots with their deadlines",
  })
  @RequestInput({ path: { code: input.parkCode() }, query: PERIOD })
  @ApiOkResponse({ schema: PARK_WASTE_SCHEMA })
  park(
    @PathParam('code') code: string,
    @QueryParam('period') period?: PeriodKind,
    @QueryParam('date') date?: string,
    @QueryParam('asOf') asOf?: Date,
  ): Promise<ParkWasteView> {
    return this.views.park(code, period ?? 'month', date ?? localDayOf(new Date()), asOf ?? new Date());
  }

  @Get('lots/:code')
  @Access.park('lot', { param: 'code' })
  @ApiOperation({
    summary: "One lot's chain: its facts, standing, violations with reasons, deadlines and every event",
  })
  @RequestInput({ path: { code: input.code('lot code') }, query: { asOf: AS_OF } })
  @ApiOkResponse({ schema: LOT_VIEW_SCHEMA })
  lot(@PathParam('code') code: string, @QueryParam('asOf') asOf?: Date): Promise<LotView> {
    return this.views.lot(code, asOf ?? new Date());
  }

  @Get('manifests')
  @Access.park('manifest', { query: 'number' })
  @ApiOperation({
    summary: 'One manifest (chung tu CTNH) by number: open or closed, its lots and their standing',
  })
  @RequestInput({
    query: { number: required(input.manifestNumber('the manifest number')), asOf: AS_OF },
  })
  @ApiOkResponse({ schema: MANIFEST_VIEW_SCHEMA })
  manifest(@QueryParam('number') number: string, @QueryParam('asOf') asOf?: Date): Promise<ManifestView> {
    return this.views.manifest(number, asOf ?? new Date());
  }

  @Get('reports/annual')
  @Access.park('park', { query: 'park', unknown: 'refused' })
  @ApiOperation({
    summary:
      'Yearly hazardous-waste figures per generator and waste code, for the annual environmental-protection reports (Circular 02/2022 Art. 66; Mau 06 for park operators)',
  })
  @RequestInput({
    query: {
      year: input.integer(2000, 2100, 'default this year'),
      park: input.parkCode('park code; default every park (park operators must give theirs)'),
    },
  })
  @ApiOkResponse({ schema: ANNUAL_WASTE_REPORT_SCHEMA })
  annual(@QueryParam('year') year?: number, @QueryParam('park') park?: string): Promise<AnnualWasteReport> {
    return this.views.annualReport(year ?? Number(localDayOf(new Date()).slice(0, 4)), park);
  }

  @Get('codes')
  @Access.any()
  @ApiOperation({
    summary: 'The waste-code catalogue (Circular 02/2022 Annex III), with the evidence of each entry',
  })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(WASTE_CODE_SCHEMA) })
  listCodes(): Promise<WasteCode[]> {
    return this.codes.list();
  }

  @Get('parties')
  @Access.any()
  @ApiOperation({ summary: 'Generators, transporters and treatment facilities' })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(WASTE_PARTY_SCHEMA) })
  listParties(): Promise<WasteParty[]> {
    return this.parties.list();
  }

  @Get('parties/:code')
  @Access.any()
  @ApiOperation({ summary: 'One party with its licences (waste codes covered and validity dates)' })
  @RequestInput({ path: { code: input.code('waste-party code') } })
  @ApiOkResponse({ schema: WASTE_PARTY_DETAIL_SCHEMA })
  async party(@PathParam('code') code: string): Promise<WasteParty & { licences: unknown[] }> {
    const [found] = await this.parties.findWithLicences([code]);
    if (!found) throw new DomainError('NOT_FOUND', `no waste party ${JSON.stringify(code)}`);
    return { ...found.party, licences: found.licences };
  }
}
