import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@hp/contracts';
import { RegistryReader } from '@hp/registry';
import { parkNamer } from './chain/park-names';
import { ReportLanguage, translator } from './model/messages';
import { ProgressReportBuilder } from './model/progress-report';
import { ReportPeriod } from './model/report-period';
import { layoutReport } from './model/report-tables';
import { ReportRunsRepository } from './storage/report-runs.repository';
import { ReportFileMeta, ReportFormat, ReportRun } from './storage/reports.types';
import { renderCsv } from './render/csv';
import { renderPdf } from './render/pdf';
import { renderXlsx } from './render/xlsx';

export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ReportRequest {
  readonly period: ReportPeriod;
  readonly language: ReportLanguage;
  /** A park code; null: the whole city. */
  readonly parkCode: string | null;
  readonly trigger: ReportRun['trigger'];
  readonly requestedBy?: string | null;
}

export interface GeneratedReport {
  readonly run: ReportRun;
  readonly files: readonly (ReportFileMeta & { content: Buffer })[];
}

/** `progress-2026-10-vi.pdf`, `progress-2026-Q4-en-VSIP-HP.xlsx`: ASCII, so every mail client keeps it. */
export function reportFilename(
  period: ReportPeriod,
  language: ReportLanguage,
  parkCode: string | null,
  format: ReportFormat,
): string {
  const scope = parkCode ? `-${parkCode.replace(/[^A-Za-z0-9_-]/g, '_')}` : '';
  return `progress-${period.key}-${language}${scope}.${format}`;
}

/**
 * Generates a progress report (the data annex) in all three formats from one set of figures and stores it
 * as the next version of its period, language and scope; earlier versions keep their files. The scheduled
 * report of a period is made once: a retried job gets the version already made (its e-mails go once).
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly builder: ProgressReportBuilder,
    private readonly runs: ReportRunsRepository,
    private readonly registry: RegistryReader,
  ) {}

  async generate(request: ReportRequest, now = new Date()): Promise<GeneratedReport> {
    const { period, language, parkCode } = request;
    const key = { kind: period.kind, period: period.key, language, scope: parkCode ?? '' };
    if (request.trigger === 'schedule') {
      const made = await this.runs.findByKey(key);
      if (made?.status === 'ready' && made.trigger === 'schedule') return this.stored(made);
    }
    try {
      const report = await this.builder.build(period, parkCode, now);
      const doc = layoutReport(report, translator(language), await parkNamer(this.registry, language));
      const contents: Record<ReportFormat, Buffer> = {
        pdf: await renderPdf(doc, now),
        xlsx: await renderXlsx(doc),
        csv: renderCsv(doc, period.key),
      };
      const files = (Object.entries(contents) as [ReportFormat, Buffer][]).map(([format, content]) => ({
        format,
        filename: reportFilename(period, language, parkCode, format),
        contentType: CONTENT_TYPES[format],
        bytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
      }));
      const run = await this.runs.save({
        ...key,
        periodFrom: period.from,
        periodTo: period.to,
        trigger: request.trigger,
        requestedBy: request.requestedBy ?? null,
        generatedAt: now,
        files,
      });
      return { run, files };
    } catch (error) {
      // A failure is on record (GET /api/reports/runs) without spoiling an earlier good run of the period;
      // a refused request (unknown park) is no run at all.
      if (!(error instanceof DomainError))
        await this.runs
          .recordFailure(
            {
              ...key,
              periodFrom: period.from,
              periodTo: period.to,
              trigger: request.trigger,
              generatedAt: now,
            },
            (error as Error).message,
          )
          .catch(() => undefined);
      throw error;
    }
  }

  /** A stored version with its files. */
  private async stored(run: ReportRun): Promise<GeneratedReport> {
    const files = await Promise.all(run.files.map((f) => this.runs.file(run.id, f.format)));
    return { run, files: files.filter((f) => f !== null) };
  }
}
