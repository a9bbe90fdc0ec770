import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, localDayOf } from '@hp/contracts';
import {
  ParksRepository,
  REPORT_FORMATS,
  ReportFormat,
  ReportRun,
  ReportRunsRepository,
  ReportSubscription,
  ReportSubscriptionsRepository,
} from '@hp/storage';
import { REPORT_LANGUAGES, ReportLanguage } from '../model/messages';
import {
  parseReportKind,
  parseReportPeriod,
  REPORT_KINDS,
  ReportKind,
  reportPeriodOf,
} from '../model/report-period';
import { ReportsService } from '../reports.service';

/** The request as the access guard leaves it: who is signed in. */
interface SignedInRequest {
  access?: { claims: { username: string } };
}

function oneOf<T extends string>(field: string, values: readonly T[], value: unknown, fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value))
    throw DomainError.invalid(field, `must be one of ${values.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function listOf<T extends string>(field: string, values: readonly T[], value: unknown): T[] {
  if (!Array.isArray(value) || value.length === 0)
    throw DomainError.invalid(field, `must be a non-empty list of ${values.join(', ')}`);
  return [...new Set(value.map((v) => oneOf(field, values, v)))];
}

function idParam(value: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || id < 1 || id > 2_147_483_647)
    throw DomainError.invalid('id', `must be a positive integer, got ${JSON.stringify(value)}`);
  return id;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function contentDisposition(filename: string): string {
  return `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly runs: ReportRunsRepository,
    private readonly subscriptions: ReportSubscriptionsRepository,
    private readonly parks: ParksRepository,
  ) {}

  @Get('progress')
  @ApiOperation({
    summary:
      'Progress report on both 2030 targets for a month, quarter or year (per-park tables, 12-month trend, parks not meeting the standard and why, hazardous-waste lots with chain gaps), as a PDF, XLSX or CSV download; generated now and kept as the run of its period',
  })
  @ApiQuery({
    name: 'period',
    required: false,
    description: 'YYYY-MM, YYYY-Qn or YYYY; default: the current period of kind',
  })
  @ApiQuery({
    name: 'kind',
    required: false,
    enum: REPORT_KINDS,
    description: 'default: from the form of period, else month',
  })
  @ApiQuery({ name: 'lang', required: false, enum: REPORT_LANGUAGES, description: 'default vi' })
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS, description: 'default pdf' })
  @ApiQuery({
    name: 'park',
    required: false,
    description: "a park code: that park's report (park operators must give theirs)",
  })
  async progress(
    @Req() request: SignedInRequest,
    @Query('period') periodText?: string,
    @Query('kind') kindText?: string,
    @Query('lang') lang?: string,
    @Query('format') formatText?: string,
    @Query('park') park?: string,
  ): Promise<StreamableFile> {
    const kind: ReportKind | undefined = parseReportKind(kindText);
    const period =
      periodText === undefined
        ? reportPeriodOf(kind ?? 'month', localDayOf(new Date()))
        : parseReportPeriod(periodText, kind);
    const language = oneOf<ReportLanguage>('lang', REPORT_LANGUAGES, lang, 'vi');
    const format = oneOf<ReportFormat>('format', REPORT_FORMATS, formatText, 'pdf');
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
  @ApiOperation({
    summary:
      'Generated reports, newest first: period, language, scope, status, trigger, files (size, SHA-256)',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 100' })
  listRuns(@Query('limit') limit?: string): Promise<ReportRun[]> {
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500)
      throw DomainError.invalid('limit', `must be an integer from 1 to 500, got ${JSON.stringify(limit)}`);
    return this.runs.list(n);
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'Who receives the scheduled reports by e-mail' })
  listSubscriptions(): Promise<ReportSubscription[]> {
    return this.subscriptions.list();
  }

  @Post('subscriptions')
  @ApiOperation({
    summary:
      'Subscribe an address to the scheduled reports: {email, language: vi|en, periodKinds: [month|quarter|year], formats: [pdf|xlsx|csv], parkCode?}',
  })
  async subscribe(@Req() request: SignedInRequest, @Body() body: unknown): Promise<ReportSubscription> {
    const b = (body ?? {}) as Record<string, unknown>;
    const email = typeof b['email'] === 'string' ? b['email'].trim() : '';
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > 254)
      throw DomainError.invalid('email', `must be an e-mail address, got ${JSON.stringify(b['email'])}`);
    let parkId: number | null = null;
    if (b['parkCode'] !== undefined && b['parkCode'] !== null) {
      const park = typeof b['parkCode'] === 'string' ? await this.parks.findByCode(b['parkCode']) : null;
      if (!park) throw DomainError.invalid('parkCode', `no park ${JSON.stringify(b['parkCode'])}`);
      parkId = park.id;
    }
    return this.subscriptions.insert({
      email,
      language: oneOf<ReportLanguage>('language', REPORT_LANGUAGES, b['language'], 'vi'),
      periodKinds: listOf('periodKinds', REPORT_KINDS, b['periodKinds']),
      formats: listOf('formats', REPORT_FORMATS, b['formats'] ?? ['pdf']),
      parkId,
      createdBy: request.access?.claims.username ?? null,
    });
  }

  @Delete('subscriptions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a subscription (kept inactive, with what it was sent)' })
  async unsubscribe(@Param('id') id: string): Promise<void> {
    if (!(await this.subscriptions.deactivate(idParam(id))))
      throw DomainError.notFound('report subscription', id);
  }
}
