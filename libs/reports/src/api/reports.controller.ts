import { Controller, Delete, Get, HttpCode, Post, Req, StreamableFile } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Access,
  DomainError,
  EDITORS,
  input,
  json,
  localDayOf,
  PathParam,
  QueryParam,
  RequestBody,
  RequestInput,
  ValidBody,
} from '@hp/contracts';
import { RegistryReader } from '@hp/registry';
import { REPORT_LANGUAGES, ReportLanguage } from '../model/messages';
import { ReportRunsRepository } from '../storage/report-runs.repository';
import { ReportSubscriptionsRepository } from '../storage/report-subscriptions.repository';
import { REPORT_FORMATS, ReportFormat, ReportRun, ReportSubscription } from '../storage/reports.types';
import {
  parseReportPeriod,
  PERIOD_FORMS,
  REPORT_KINDS,
  ReportKind,
  reportPeriodOf,
} from '../model/report-period';
import { ReportsService } from '../reports.service';
import { contentDisposition } from './content-disposition';
import {
  REPORT_FILE_CONTENT,
  REPORT_RUN_SCHEMA,
  REPORT_SUBSCRIPTION_SCHEMA,
  SUBSCRIPTION_BODY_SCHEMA,
  SubscriptionBody,
} from './reports.schemas';

/** The request as the access guard leaves it: who is signed in. */
interface SignedInRequest {
  access?: { claims: { username: string } };
}

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly runs: ReportRunsRepository,
    private readonly subscriptions: ReportSubscriptionsRepository,
    private readonly registry: RegistryReader,
  ) {}

  @Get('progress')
  // City-wide for the regulator's roles; a park operator downloads only its own park's report (?park= is
  // required of it: the figures it already sees per park), never the city's nor the run archive.
  @Access.park('park', { query: 'park', unknown: 'refused' })
  @ApiOperation({
    summary:
      'Progress report on both 2030 targets for a month, quarter or year (per-park tables, 12-month trend, parks not meeting the standard and why, hazardous-waste lots with chain gaps), as a PDF, XLSX or CSV download; generated now and kept as the run of its period',
  })
  @RequestInput({
    query: {
      period: input.text(
        '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$',
        REPORT_KINDS.map((k) => PERIOD_FORMS[k]).join(' or '),
        'YYYY-MM, YYYY-Qn or YYYY; default: the current period of kind',
      ),
      kind: input.oneOf(REPORT_KINDS, 'default: from the form of period, else month'),
      lang: input.oneOf(REPORT_LANGUAGES, 'default vi'),
      format: input.oneOf(REPORT_FORMATS, 'default pdf'),
      park: input.parkCode("a park code: that park's report (park operators must give theirs)"),
    },
  })
  @ApiOkResponse({ description: 'The report file, as an attachment', content: REPORT_FILE_CONTENT })
  async progress(
    @Req() request: SignedInRequest,
    @QueryParam('period') periodText?: string,
    @QueryParam('kind') kind?: ReportKind,
    @QueryParam('lang') lang?: ReportLanguage,
    @QueryParam('format') formatValue?: ReportFormat,
    @QueryParam('park') park?: string,
  ): Promise<StreamableFile> {
    const period =
      periodText === undefined
        ? reportPeriodOf(kind ?? 'month', localDayOf(new Date()))
        : parseReportPeriod(periodText, kind);
    const language = lang ?? 'vi';
    const format = formatValue ?? 'pdf';
    const { files } = await this.reports.generate({
      period,
      language,
      parkCode: park ?? null,
      trigger: 'request',
      requestedBy: request.access?.claims.username ?? null,
    });
    const file = files.find((f) => f.format === format)!;
    return new StreamableFile(file.content, {
      type: file.contentType,
      length: file.bytes,
      disposition: contentDisposition(file.filename),
    });
  }

  @Get('runs')
  @Access.city()
  @ApiOperation({
    summary:
      'Generated reports, newest first: period, language, scope, status, trigger, files (size, SHA-256)',
  })
  @RequestInput({ query: { limit: input.integer(1, 500, 'default 100') } })
  @ApiOkResponse({ schema: json.array(REPORT_RUN_SCHEMA) })
  listRuns(@QueryParam('limit') limit?: number): Promise<ReportRun[]> {
    return this.runs.list(limit ?? 100);
  }

  @Get('subscriptions')
  @Access.city()
  @ApiOperation({ summary: 'Who receives the scheduled reports by e-mail' })
  @RequestInput({})
  @ApiOkResponse({ schema: json.array(REPORT_SUBSCRIPTION_SCHEMA) })
  listSubscriptions(): Promise<ReportSubscription[]> {
    return this.subscriptions.list();
  }

  @Post('subscriptions')
  // Subscriptions send reports to any address: only the regulator's editors manage them.
  @Access.city({ roles: EDITORS })
  @ApiOperation({ summary: 'Subscribe an address to the scheduled reports' })
  @RequestInput({})
  @RequestBody(SUBSCRIPTION_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: REPORT_SUBSCRIPTION_SCHEMA })
  async subscribe(
    @Req() request: SignedInRequest,
    @ValidBody() body: SubscriptionBody,
  ): Promise<ReportSubscription> {
    // The schema checked the shapes; the address's form (trimmed) and which park exists are checked here.
    const email = body.email.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      throw DomainError.invalid('email', `must be an e-mail address, got ${JSON.stringify(body.email)}`);
    let parkId: number | null = null;
    if (body.parkCode != null) {
      const park = await this.registry.parks.findByCode(body.parkCode);
      if (!park) throw DomainError.invalid('parkCode', `no park ${JSON.stringify(body.parkCode)}`);
      parkId = park.id;
    }
    return this.subscriptions.insert({
      email,
      language: body.language ?? 'vi',
      periodKinds: [...new Set(body.periodKinds)],
      formats: [...new Set<ReportFormat>(body.formats ?? ['pdf'])],
      parkId,
      createdBy: request.access?.claims.username ?? null,
    });
  }

  @Delete('subscriptions/:id')
  @Access.city({ roles: EDITORS })
  @HttpCode(204)
  @ApiOperation({ summary: 'End a subscription (kept inactive, with what it was sent)' })
  @RequestInput({ path: { id: input.id('subscription id') } })
  @ApiNoContentResponse({ description: 'The subscription is ended' })
  async unsubscribe(@PathParam('id') id: number): Promise<void> {
    if (!(await this.subscriptions.deactivate(id))) throw DomainError.notFound('report subscription', id);
  }
}
