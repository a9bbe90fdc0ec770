import { Controller, Get, HttpCode, Patch, Post, Put, Req, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  EDITORS,
  input,
  json,
  keepByParkCode,
  PathParam,
  QueryParam,
  RequestBody,
  RequestInput,
  ValidBody,
  actorOf,
  SignedIn,
} from '@hp/contracts';
import { CityReportsService } from '../chain/city-reports.service';
import { ReportSubmissionsService } from '../chain/report-submissions.service';
import { parseReportPeriod, REPORT_KINDS, ReportKind } from '../model/report-period';
import {
  CityReport,
  CityReportFormat,
  CityReportSettings,
  ReportSubmission,
  SUBMISSION_STATES,
  SubmissionNarrative,
  SubmissionState,
} from '../storage/reporting-chain.types';
import {
  CITY_REPORT_CREATE_BODY_SCHEMA,
  CITY_REPORT_SCHEMA,
  CITY_REPORT_SETTINGS_BODY_SCHEMA,
  CITY_REPORT_SETTINGS_SCHEMA,
  CityReportCreateBody,
  REPORT_SUBMISSION_SCHEMA,
  SUBMISSION_APPROVE_BODY_SCHEMA,
  SUBMISSION_CREATE_BODY_SCHEMA,
  SUBMISSION_NARRATIVE_BODY_SCHEMA,
  SUBMISSION_RETURN_BODY_SCHEMA,
  SubmissionApproveBody,
  SubmissionCreateBody,
  SubmissionNarrativeBody,
  SubmissionReturnBody,
} from './reporting-chain.schemas';
import { contentDisposition } from './content-disposition';

const PERIOD_QUERY = input.text(
  '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$',
  'YYYY-MM, YYYY-Qn or YYYY',
  "a period key: '2026-11', '2026-Q4' or '2026'",
);
/** Who writes a park's submission: its park operators, and the department's editors on its behalf. */
const SUBMITTERS = ['park_operator', ...EDITORS] as const;

function narrativeOf(body: SubmissionNarrativeBody, fallback?: SubmissionNarrative): SubmissionNarrative {
  return {
    progress: body.progress ?? fallback?.progress ?? '',
    difficulties: body.difficulties ?? fallback?.difficulties ?? '',
    proposals: body.proposals ?? fallback?.proposals ?? '',
  };
}

@ApiTags('reports')
@Controller('report-submissions')
export class ReportSubmissionsController {
  constructor(private readonly submissions: ReportSubmissionsService) {}

  @Post()
  @Access.park('park', { query: 'park', unknown: 'refused', roles: SUBMITTERS })
  @ApiOperation({
    summary:
      "A park's periodic report to the Planning department (plan 624/KH-BQL), as a draft: the park's narrative (progress, difficulties, proposals) over the platform's figures for the park and period",
  })
  @RequestInput({ query: { park: input.parkCode('the park reporting (a park operator gives its own)') } })
  @RequestBody(SUBMISSION_CREATE_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: REPORT_SUBMISSION_SCHEMA })
  create(
    @Req() request: SignedIn,
    @QueryParam('park') park: string,
    @ValidBody() body: SubmissionCreateBody,
  ): Promise<ReportSubmission> {
    return this.submissions.create(
      park,
      parseReportPeriod(body.period, body.kind),
      narrativeOf(body),
      actorOf(request),
    );
  }

  @Get()
  @Access.list(keepByParkCode)
  @ApiOperation({
    summary: "The parks' submissions by period, state and park (a park operator sees its parks' only)",
  })
  @RequestInput({
    query: {
      period: PERIOD_QUERY,
      kind: input.oneOf(REPORT_KINDS),
      state: input.oneOf(SUBMISSION_STATES),
      park: input.parkCode(),
    },
  })
  @ApiOkResponse({ schema: json.array(REPORT_SUBMISSION_SCHEMA) })
  list(
    @QueryParam('period') period?: string,
    @QueryParam('kind') kind?: ReportKind,
    @QueryParam('state') state?: SubmissionState,
    @QueryParam('park') park?: string,
  ): Promise<ReportSubmission[]> {
    return this.submissions.list({ period, kind, state, parkCode: park });
  }

  @Get(':id')
  @Access.park('report-submission', { param: 'id' })
  @ApiOperation({ summary: 'One submission with its figures and every transition (who, when, comments)' })
  @RequestInput({ path: { id: input.id('submission id') } })
  @ApiOkResponse({ schema: REPORT_SUBMISSION_SCHEMA })
  one(@PathParam('id') id: number): Promise<ReportSubmission> {
    return this.submissions.get(id);
  }

  @Patch(':id')
  @Access.park('report-submission', { param: 'id', roles: SUBMITTERS })
  @ApiOperation({ summary: 'Change the narrative of a draft or of a returned submission' })
  @RequestInput({ path: { id: input.id('submission id') } })
  @RequestBody(SUBMISSION_NARRATIVE_BODY_SCHEMA)
  @ApiOkResponse({ schema: REPORT_SUBMISSION_SCHEMA })
  async edit(
    @Req() request: SignedIn,
    @PathParam('id') id: number,
    @ValidBody() body: SubmissionNarrativeBody,
  ): Promise<ReportSubmission> {
    const current = await this.submissions.get(id);
    return this.submissions.edit(id, narrativeOf(body, current), actorOf(request));
  }

  @Post(':id/submit')
  @Access.park('report-submission', { param: 'id', roles: SUBMITTERS })
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Submit a draft, or resubmit a returned submission (with its corrected narrative); the park's figures are frozen as they are now",
  })
  @RequestInput({ path: { id: input.id('submission id') } })
  @RequestBody(SUBMISSION_NARRATIVE_BODY_SCHEMA)
  @ApiOkResponse({ schema: REPORT_SUBMISSION_SCHEMA })
  async submit(
    @Req() request: SignedIn,
    @PathParam('id') id: number,
    @ValidBody() body: SubmissionNarrativeBody,
  ): Promise<ReportSubmission> {
    const current = await this.submissions.get(id);
    return this.submissions.submit(id, actorOf(request), narrativeOf(body, current));
  }

  @Post(':id/return')
  // Reviewing is the Planning department's: its editors (officers, admins).
  @Access.city({ roles: EDITORS })
  @HttpCode(200)
  @ApiOperation({ summary: "Return a submitted report to its park with the reviewer's comments" })
  @RequestInput({ path: { id: input.id('submission id') } })
  @RequestBody(SUBMISSION_RETURN_BODY_SCHEMA)
  @ApiOkResponse({ schema: REPORT_SUBMISSION_SCHEMA })
  giveBack(
    @Req() request: SignedIn,
    @PathParam('id') id: number,
    @ValidBody() body: SubmissionReturnBody,
  ): Promise<ReportSubmission> {
    return this.submissions.return(id, body.comment.trim(), actorOf(request));
  }

  @Post(':id/approve')
  @Access.city({ roles: EDITORS })
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a submitted report: it goes into the report to the City' })
  @RequestInput({ path: { id: input.id('submission id') } })
  @RequestBody(SUBMISSION_APPROVE_BODY_SCHEMA)
  @ApiOkResponse({ schema: REPORT_SUBMISSION_SCHEMA })
  approve(
    @Req() request: SignedIn,
    @PathParam('id') id: number,
    @ValidBody() body: SubmissionApproveBody,
  ): Promise<ReportSubmission> {
    return this.submissions.approve(id, actorOf(request), body.comment?.trim() || null);
  }
}

@ApiTags('reports')
@Controller('city-reports')
export class CityReportsController {
  constructor(private readonly reports: CityReportsService) {}

  @Post()
  @Access.city({ roles: EDITORS })
  @ApiOperation({
    summary:
      "Draft the Authority's report to the City People's Committee for a period (the next version of the period)",
  })
  @RequestInput({})
  @RequestBody(CITY_REPORT_CREATE_BODY_SCHEMA)
  @ApiCreatedResponse({ schema: CITY_REPORT_SCHEMA })
  create(@Req() request: SignedIn, @ValidBody() body: CityReportCreateBody): Promise<CityReport> {
    return this.reports.createDraft(
      parseReportPeriod(body.period, body.kind),
      body.language ?? 'vi',
      actorOf(request),
    );
  }

  @Post(':id/issue')
  @Access.city({ roles: EDITORS })
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Issue the report (Decree 30/2020/ND-CP form, the next number of the year) from the approved submissions and the city figures, frozen with its PDF and XLSX; issuing an issued report issues its correction, a new version with its own number, and keeps the earlier one',
  })
  @RequestInput({ path: { id: input.id('city report id') } })
  @ApiOkResponse({ schema: CITY_REPORT_SCHEMA })
  issue(@Req() request: SignedIn, @PathParam('id') id: number): Promise<CityReport> {
    return this.reports.issue(id, actorOf(request));
  }

  @Get()
  @Access.city()
  @ApiOperation({
    summary: 'The reports to the City and every version of each period (the history of corrections)',
  })
  @RequestInput({ query: { period: PERIOD_QUERY, kind: input.oneOf(REPORT_KINDS) } })
  @ApiOkResponse({ schema: json.array(CITY_REPORT_SCHEMA) })
  list(@QueryParam('period') period?: string, @QueryParam('kind') kind?: ReportKind): Promise<CityReport[]> {
    return this.reports.list({ period, kind });
  }

  // Before ':id', which would take 'settings' for an id.
  @Get('settings')
  @Access.city()
  @ApiOperation({
    summary:
      'The issuing particulars the next report is issued with: governing body, agency, symbol, place, addressee, signer, recipients',
  })
  @RequestInput({})
  @ApiOkResponse({ schema: CITY_REPORT_SETTINGS_SCHEMA })
  settings(): Promise<CityReportSettings> {
    return this.reports.settings();
  }

  @Put('settings')
  // The Authority's letterhead and signer: admins only (audited); issued reports keep theirs.
  @Access.city({ roles: ['admin'] })
  @ApiOperation({ summary: 'Change the issuing particulars of the next reports (issued ones keep theirs)' })
  @RequestInput({})
  @RequestBody(CITY_REPORT_SETTINGS_BODY_SCHEMA)
  @ApiOkResponse({ schema: CITY_REPORT_SETTINGS_SCHEMA })
  async configure(
    @Req() request: SignedIn,
    @ValidBody() body: Omit<CityReportSettings, 'series'>,
  ): Promise<CityReportSettings> {
    await this.reports.configure({ ...body, series: 'city' }, actorOf(request));
    return this.reports.settings();
  }

  @Get(':id')
  @Access.city()
  @ApiOperation({ summary: 'One report to the City' })
  @RequestInput({ path: { id: input.id('city report id') } })
  @ApiOkResponse({ schema: CITY_REPORT_SCHEMA })
  one(@PathParam('id') id: number): Promise<CityReport> {
    return this.reports.get(id);
  }

  @Get(':id/document.pdf')
  @Access.city()
  @ApiOperation({ summary: 'The issued report as a PDF, byte for byte as issued' })
  @RequestInput({ path: { id: input.id('city report id') } })
  @ApiOkResponse({ content: { 'application/pdf': { schema: json.string({ format: 'binary' }) } } })
  pdf(@PathParam('id') id: number): Promise<StreamableFile> {
    return this.document(id, 'pdf');
  }

  @Get(':id/document.xlsx')
  @Access.city()
  @ApiOperation({ summary: 'The issued report as a workbook, byte for byte as issued' })
  @RequestInput({ path: { id: input.id('city report id') } })
  @ApiOkResponse({
    content: {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: json.string({ format: 'binary' }),
      },
    },
  })
  xlsx(@PathParam('id') id: number): Promise<StreamableFile> {
    return this.document(id, 'xlsx');
  }

  private async document(id: number, format: CityReportFormat): Promise<StreamableFile> {
    const file = await this.reports.file(id, format);
    return new StreamableFile(file.content, {
      type: file.contentType,
      length: file.bytes,
      disposition: contentDisposition(file.filename),
    });
  }
}
