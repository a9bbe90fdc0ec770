import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
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
  WATER_PARAMETER_CODES,
} from '@hp/contracts';
import { PROVISIONAL_FLAG_SCHEMA } from '@hp/compliance';
import { toCsv } from './csv';
import {
  DISCLOSURE_DAYS,
  DISCLOSURE_MAX_PAGE_ROWS,
  DISCLOSURE_MIN_PAGE_ROWS,
  DISCLOSURE_PAGE_ROWS,
  disclosedReadingsCsv,
  MonitoringDisclosureService,
} from './monitoring-disclosure.service';
import { OPEN_DATA_SETTINGS, OpenDataSettings } from './open-data-settings';
import { OpenDataService, OpenKpi } from './open-data.service';
import { ParkDay } from './park-days';
import { CachedResponse, ResponseCache } from './response-cache';
import { RateLimiter } from './rate-limiter';

/** Longest range of one daily request. */
const MAX_DAILY_RANGE_DAYS = 366;
const FORMATS = ['json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

const PARK_DAY_COLUMNS: readonly (keyof ParkDay & string)[] = [
  'day',
  'parkCode',
  'parkName',
  'status',
  'outlets',
  'compliantOutlets',
  'exceedanceOutlets',
  'suspectedExceedanceOutlets',
  'insufficientDataOutlets',
  'noPermitOutlets',
  'missingOutlets',
  'provisional',
];

interface KpiRow {
  scope: string;
  indicator: string;
  value: number | null;
  periodFrom: string;
  periodTo: string;
  /** 'true'/'false' for a wastewater standing (it may rest on provisional days); empty for waste figures. */
  provisional: string | null;
}

const KPI_COLUMNS: readonly (keyof KpiRow & string)[] = [
  'scope',
  'indicator',
  'value',
  'periodFrom',
  'periodTo',
  'provisional',
];

/** A flag as CSV text (the CSV writer takes text and numbers). */
const csvFlag = (flag: boolean): string => (flag ? 'true' : 'false');

/** The open-data envelope around a dataset's `data`. */
function envelopeSchema(data: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      dataset: { type: 'string' },
      licence: { type: 'object', properties: { name: { type: 'string' }, url: { type: 'string' } } },
      publisher: { type: 'string' },
      generatedAt: { type: 'string', format: 'date-time' },
      data,
    },
  };
}

const PARK_DAY_SCHEMA = {
  type: 'object',
  properties: {
    day: { type: 'string', format: 'date' },
    parkCode: { type: 'string' },
    parkName: { type: 'string' },
    status: {
      type: 'string',
      enum: [
        'compliant',
        'exceedance',
        'suspected_exceedance',
        'insufficient_data',
        'no_permit',
        'no_operating_plant',
        'not_operating',
      ],
    },
    outlets: { type: 'integer' },
    compliantOutlets: { type: 'integer' },
    exceedanceOutlets: { type: 'integer' },
    suspectedExceedanceOutlets: {
      type: 'integer',
      description: "outlets with a suspected exceedance awaiting an officer's review",
    },
    insufficientDataOutlets: { type: 'integer' },
    noPermitOutlets: { type: 'integer' },
    missingOutlets: { type: 'integer' },
    provisional: PROVISIONAL_FLAG_SCHEMA,
  },
};

const KPI_WASTEWATER_SCHEMA = {
  type: 'object',
  description: 'The wastewater target; the hazardous-waste target is beside it (hazardousWaste).',
  properties: {
    operatingParks: { type: 'integer' },
    parksMeetingStandard: { type: 'integer' },
    share: { type: 'number', nullable: true },
    provisional: PROVISIONAL_FLAG_SCHEMA,
    notMeeting: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          parkCode: { type: 'string' },
          parkName: { type: 'string' },
          status: { type: 'string' },
          provisional: PROVISIONAL_FLAG_SCHEMA,
        },
      },
    },
  },
};

const CATALOGUE_SCHEMA = {
  type: 'object',
  properties: {
    datasets: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, title: { type: 'string' }, url: { type: 'string' } },
      },
    },
  },
};

const nullableNumber = { type: 'number', nullable: true };
const LIMIT_SCHEMA = {
  type: 'object',
  properties: { parameter: { type: 'string' }, min: nullableNumber, max: nullableNumber },
};
const STATION_PROPERTIES = {
  parkCode: { type: 'string' },
  parkName: { type: 'string' },
  parkNameVi: { type: 'string', nullable: true },
  stationId: { type: 'integer' },
  stationCode: { type: 'string' },
  stationName: { type: 'string' },
  stationNameVi: { type: 'string', nullable: true },
};

const DISCLOSED_STATION_SCHEMA = {
  type: 'object',
  properties: {
    ...STATION_PROPERTIES,
    permit: {
      type: 'object',
      nullable: true,
      description: 'the permit in force today (null: none, so nothing is judged)',
      properties: {
        number: { type: 'string', nullable: true },
        standard: { type: 'string' },
        column: { type: 'string' },
      },
    },
    limits: { type: 'array', items: LIMIT_SCHEMA },
  },
};

const DISCLOSED_READINGS_SCHEMA = {
  type: 'object',
  properties: {
    station: { type: 'object', properties: STATION_PROPERTIES },
    window: {
      type: 'object',
      description: `the window served: the one asked for, within the last ${DISCLOSURE_DAYS} days`,
      properties: {
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
      },
    },
    readings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          parkCode: { type: 'string' },
          stationCode: { type: 'string' },
          parameter: { type: 'string' },
          value: { type: 'number' },
          unit: { type: 'string', nullable: true },
          time: { type: 'string', description: 'local time, ISO 8601 with +07:00' },
          status: { type: 'string', description: '00 measuring, 01 calibrating, 02 device error' },
          limitMin: nullableNumber,
          limitMax: nullableNumber,
          corrected: { type: 'boolean', description: "an officer's correction replaced the value or status" },
        },
      },
    },
    nextFrom: { type: 'string', nullable: true, description: 'where the window continues (null: complete)' },
    next: { type: 'string', nullable: true, description: 'the URL of the next page' },
  },
};

/** The KPI in long form (one indicator per row), the shape open-data portals load best. */
function kpiRows(kpi: OpenKpi): KpiRow[] {
  const { from, to } = kpi.wastewater.period;
  const row = (scope: string, indicator: string, value: number | null): KpiRow => ({
    scope,
    indicator,
    value,
    periodFrom: from,
    periodTo: to,
    provisional: null,
  });
  const w = kpi.wastewater;
  const h = kpi.hazardousWaste;
  const water = (scope: string, indicator: string, value: number | null, provisional: boolean): KpiRow => ({
    ...row(scope, indicator, value),
    provisional: csvFlag(provisional),
  });
  return [
    row('city', 'operating_parks', w.operatingParks),
    water('city', 'parks_meeting_wastewater_standard', w.parksMeetingStandard, w.provisional),
    water('city', 'wastewater_share', w.share, w.provisional),
    // Each park not meeting the standard, as 0 of "meets the standard", flagged where it may still change.
    ...w.notMeeting.map((p) => water(p.parkCode, 'meets_wastewater_standard', 0, p.provisional)),
    row('city', 'hazardous_waste_generated_kg', h.generatedKg),
    row('city', 'hazardous_waste_treated_per_regulation_kg', h.treatedPerRegulationKg),
    row('city', 'hazardous_waste_share', h.share),
    ...h.parks.flatMap((p) => [
      row(p.parkCode, 'hazardous_waste_generated_kg', p.generatedKg),
      row(p.parkCode, 'hazardous_waste_treated_per_regulation_kg', p.treatedPerRegulationKg),
      row(p.parkCode, 'hazardous_waste_share', p.share),
    ]),
    // Against declared annual generation: over the period's whole year (named in periodFrom/periodTo).
    ...[
      { scope: 'city', ...h.declared },
      ...h.declared.parks.map((p) => ({ scope: p.parkCode, ...p })),
    ].flatMap((d) => {
      const declared = (indicator: string, value: number | null): KpiRow => ({
        ...row(d.scope, indicator, value),
        periodFrom: `${h.declared.year}-01-01`,
        periodTo: `${h.declared.year + 1}-01-01`,
      });
      return [
        declared('hazardous_waste_declared_kg', d.declaredKg),
        declared('hazardous_waste_tracked_share_of_declared', d.trackedShare),
        declared('hazardous_waste_treated_per_regulation_share_of_declared', d.treatedPerRegulationShare),
      ];
    }),
  ];
}

const FORMAT = input.oneOf(FORMATS, 'default json');

/** A page of a paginated answer: its body (CSV text or JSON) and the URL of the next page, if any. */
class PagedAnswer {
  constructor(
    readonly body: unknown,
    readonly next: string | undefined,
  ) {}
}

interface HttpRequest {
  readonly ip?: string;
  readonly socket?: { remoteAddress?: string };
  readonly originalUrl?: string;
  readonly url?: string;
  readonly headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  setHeader(name: string, value: string | number): void;
  status(code: number): HttpResponse;
  end(body?: string): void;
}

/**
 * Open data: no sign-in, read only, aggregates per park and day and the two 2030 targets. No device
 * reading, no station detail, no person. Each answer names its licence; answers are cached in memory
 * (and by clients: ETag, Cache-Control), and each client address is rate-limited.
 */
@ApiTags('open data')
@Controller('open/v1')
export class OpenDataController {
  private readonly cache: ResponseCache;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly openData: OpenDataService,
    private readonly disclosure: MonitoringDisclosureService,
    @Inject(OPEN_DATA_SETTINGS) private readonly settings: OpenDataSettings,
  ) {
    this.cache = new ResponseCache(settings.cacheSeconds * 1000);
    this.limiter = new RateLimiter(settings.ratePerMinute);
  }

  @Get()
  @Access.public()
  @ApiOperation({ summary: 'The open datasets, their URLs and licence (no sign-in)' })
  @RequestInput({})
  @ApiOkResponse({ schema: envelopeSchema(CATALOGUE_SCHEMA) })
  async catalogue(@Req() request: HttpRequest, @Res() response: HttpResponse): Promise<void> {
    await this.answer(request, response, 'json', async () =>
      this.openData.envelope('catalogue', {
        datasets: [
          {
            id: 'park-daily-compliance',
            title: "Each industrial park's daily wastewater compliance (QCVN 40), from its outlet stations",
            url: '/api/open/v1/parks/daily?from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv]',
          },
          {
            id: 'kpi',
            title:
              'The 2030 targets: share of operating parks meeting the wastewater standard, share of hazardous waste treated per regulation',
            url: `/api/open/v1/kpi?period=${PERIOD_KINDS.join('|')}&date=YYYY-MM-DD[&format=csv]`,
          },
          {
            id: 'monitoring-stations',
            title:
              'Active outlet stations publishing continuous automatic monitoring results (Decree 08/2022/ND-CP Art. 102), with the permit limits in force',
            url: '/api/open/v1/monitoring/stations',
          },
          {
            id: 'monitoring-readings',
            title: `One station's automatic monitoring results of the last ${DISCLOSURE_DAYS} days, with the permit limit in force`,
            url: '/api/open/v1/monitoring/stations/{id}/readings?from=ISO&to=ISO[&parameter=COD][&limit=N][&format=csv]',
          },
        ],
      }),
    );
  }

  @Get('parks/daily')
  @Access.public()
  @ApiOperation({ summary: "Each park's standing per local day over [from, to): JSON or CSV, no sign-in" })
  @ApiOkResponse({
    description:
      'JSON: the envelope with one row per park and day; CSV (format=csv): the same columns, provisional as true/false',
    schema: envelopeSchema({ type: 'array', items: PARK_DAY_SCHEMA }),
  })
  @RequestInput({
    query: {
      from: input.day('YYYY-MM-DD; default: first day of this month'),
      to: input.day('YYYY-MM-DD, exclusive; default: tomorrow'),
      format: FORMAT,
    },
  })
  async parksDaily(
    @Req() request: HttpRequest,
    @Res() response: HttpResponse,
    @QueryParam('from') fromDay?: string,
    @QueryParam('to') toDay?: string,
    @QueryParam('format') formatValue?: Format,
  ): Promise<void> {
    const today = localDayOf(new Date());
    const from = fromDay ?? monthOf(today).from;
    const to = toDay ?? addDays(today, 1);
    if (to <= from) throw new DomainError('INVALID_ARGUMENT', `to (${to}) must be after from (${from})`);
    if (to > addDays(from, MAX_DAILY_RANGE_DAYS))
      throw new DomainError('INVALID_ARGUMENT', `at most ${MAX_DAILY_RANGE_DAYS} days per request`);
    const format = formatValue ?? 'json';
    await this.answer(request, response, format, async () => {
      const rows = await this.openData.parksDaily(from, to);
      return format === 'csv'
        ? toCsv(
            PARK_DAY_COLUMNS,
            rows.map((r) => ({ ...r, provisional: csvFlag(r.provisional) })),
          )
        : this.openData.envelope('park-daily-compliance', rows);
    });
  }

  @Get('kpi')
  @Access.public()
  @ApiOperation({ summary: 'Both 2030 targets over a day, month, quarter or year: JSON or CSV, no sign-in' })
  @ApiOkResponse({
    description:
      'JSON: the envelope around both targets; CSV (format=csv): one indicator per row (scope, indicator, value, periodFrom, periodTo, provisional), provisional true/false on wastewater standings and empty on waste figures',
    schema: envelopeSchema({ type: 'object', properties: { wastewater: KPI_WASTEWATER_SCHEMA } }),
  })
  @RequestInput({
    query: {
      period: input.oneOf(PERIOD_KINDS, 'default month'),
      date: input.day('a local day in the period, YYYY-MM-DD; default today'),
      format: FORMAT,
    },
  })
  async kpi(
    @Req() request: HttpRequest,
    @Res() response: HttpResponse,
    @QueryParam('period') period?: PeriodKind,
    @QueryParam('date') date?: string,
    @QueryParam('format') formatValue?: Format,
  ): Promise<void> {
    const kind = period ?? 'month';
    const day = date ?? localDayOf(new Date());
    const format = formatValue ?? 'json';
    await this.answer(request, response, format, async () => {
      const kpi = await this.openData.kpi(kind, day);
      return format === 'csv' ? toCsv(KPI_COLUMNS, kpiRows(kpi)) : this.openData.envelope('kpi', kpi);
    });
  }

  @Get('monitoring/stations')
  @Access.public()
  @ApiOperation({
    summary:
      'Active outlet stations publishing their automatic monitoring results, by park, with the limits of the permit in force today (no sign-in)',
  })
  @RequestInput({})
  @ApiOkResponse({ schema: envelopeSchema({ type: 'array', items: DISCLOSED_STATION_SCHEMA }) })
  async monitoringStations(@Req() request: HttpRequest, @Res() response: HttpResponse): Promise<void> {
    await this.answer(request, response, 'json', async () =>
      this.openData.envelope('monitoring-stations', await this.disclosure.stations()),
    );
  }

  @Get('monitoring/stations/:id/readings')
  @Access.public()
  @ApiOperation({
    summary: `A station's automatic monitoring results over a window of the last ${DISCLOSURE_DAYS} days (Decree 08/2022/ND-CP Art. 102): value, unit, local time, status and the permit limit in force; corrected values where an officer corrected one; JSON or CSV, paginated, no sign-in`,
  })
  @RequestInput({
    path: { id: input.id('station id (an active outlet station)') },
    query: {
      from: input.instant(`start, inclusive; default and earliest: ${DISCLOSURE_DAYS} days ago`),
      to: input.instant('end, exclusive; default and latest: now'),
      parameter: input.oneOf(WATER_PARAMETER_CODES, 'one parameter; default all'),
      limit: input.integer(
        DISCLOSURE_MIN_PAGE_ROWS,
        DISCLOSURE_MAX_PAGE_ROWS,
        `rows per page, default ${DISCLOSURE_PAGE_ROWS}; a full page names where the next starts (nextFrom, Link rel=next)`,
      ),
      format: FORMAT,
    },
  })
  @ApiOkResponse({
    description:
      'JSON: the envelope around one page; CSV (format=csv): one reading per row, the same columns',
    schema: envelopeSchema(DISCLOSED_READINGS_SCHEMA),
  })
  async monitoringReadings(
    @Req() request: HttpRequest,
    @Res() response: HttpResponse,
    @PathParam('id') id: number,
    @QueryParam('from') from?: Date,
    @QueryParam('to') to?: Date,
    @QueryParam('parameter') parameter?: string,
    @QueryParam('limit') limit?: number,
    @QueryParam('format') formatValue?: Format,
  ): Promise<void> {
    const format = formatValue ?? 'json';
    await this.answer(request, response, format, async () => {
      const page = await this.disclosure.readings(id, { from, to, parameter, limit });
      const next =
        page.nextFrom === null
          ? undefined
          : `/api/open/v1/monitoring/stations/${id}/readings?${new URLSearchParams({
              from: page.nextFrom,
              to: page.window.to,
              ...(parameter ? { parameter } : {}),
              ...(limit ? { limit: String(limit) } : {}),
              ...(formatValue ? { format: formatValue } : {}),
            }).toString()}`;
      return new PagedAnswer(
        format === 'csv'
          ? disclosedReadingsCsv(page.readings)
          : this.openData.envelope('monitoring-readings', { ...page, next: next ?? null }),
        next,
      );
    });
  }

  /** Rate limit, cache, conditional GET, and the headers every open answer carries. */
  private async answer(
    request: HttpRequest,
    response: HttpResponse,
    format: Format,
    build: () => Promise<unknown>,
  ): Promise<void> {
    const client = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const waitMs = this.limiter.take(client);
    if (waitMs > 0) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000);
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `at most ${this.settings.ratePerMinute} open-data requests per minute; try again in ${retryAfterSeconds} s`,
        { retryAfterSeconds },
      );
    }
    const entry: CachedResponse = await this.cache.get(request.originalUrl ?? request.url ?? '', async () => {
      const built = await build();
      // A paginated answer names its next page beside its body.
      const { body, next } = built instanceof PagedAnswer ? built : { body: built, next: undefined };
      return typeof body === 'string'
        ? { body, contentType: 'text/csv; charset=utf-8', next }
        : { body: JSON.stringify(body), contentType: 'application/json; charset=utf-8', next };
    });
    response.setHeader('Cache-Control', `public, max-age=${this.settings.cacheSeconds}`);
    response.setHeader('ETag', entry.etag);
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader(
      'Link',
      `<${this.settings.licenceUrl}>; rel="license"${entry.next ? `, <${entry.next}>; rel="next"` : ''}`,
    );
    if (request.headers['if-none-match'] === entry.etag) {
      response.status(304).end();
      return;
    }
    response.setHeader('Content-Type', entry.contentType);
    if (format === 'csv') response.setHeader('Content-Disposition', 'inline; filename="open-data.csv"');
    response.status(200).end(entry.body);
  }
}
