import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@hp/audit';
import { DomainError, DomainErrorCode, localDayOf } from '@hp/contracts';
import { RegistryReader } from '@hp/registry';
import { Database, DATABASE } from '@hp/storage';
import { ReportLanguage, translator } from '../model/messages';
import { ProgressReportBuilder } from '../model/progress-report';
import { ReportPeriod } from '../model/report-period';
import { renderAdministrativePdf } from '../render/administrative-pdf';
import { renderXlsx } from '../render/xlsx';
import { CityReportsRepository } from '../storage/city-reports.repository';
import { ReportSubmissionsRepository } from '../storage/report-submissions.repository';
import { CityReport, CityReportFormat, CityReportSettings } from '../storage/reporting-chain.types';
import { ReportFileMeta } from '../storage/reports.types';
import {
  ApprovedSubmission,
  cityReportWorkbook,
  CityReportContent,
  layoutCityReport,
} from './city-report-document';
import { parkNamer } from './park-names';

const CONTENT_TYPES: Readonly<Record<CityReportFormat, string>> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `bao-cao-2026-11-v1-12-BC-BQL.pdf`: ASCII, so every mail client keeps it. */
function filename(report: CityReport, documentNumber: string, format: CityReportFormat): string {
  return `bao-cao-${report.period}-v${report.version}-${documentNumber.replace(/[^A-Za-z0-9]+/g, '-')}.${format}`;
}

/**
 * The Authority's report to the City People's Committee (plan 624/KH-BQL section IV): drafted for a period,
 * issued from the approved park submissions and the city's figures in the Decree 30/2020/ND-CP form with
 * the next number of the year, and frozen with its PDF and XLSX. Issuing an issued report again makes a
 * correction: the next version, with its own number; earlier versions stay as issued.
 */
@Injectable()
export class CityReportsService {
  private readonly reports: CityReportsRepository;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly builder: ProgressReportBuilder,
    private readonly registry: RegistryReader,
  ) {
    this.reports = new CityReportsRepository(db);
  }

  async createDraft(period: ReportPeriod, language: ReportLanguage, actor: string): Promise<CityReport> {
    const id = await this.db.transaction(async (tx) => {
      const created = await new CityReportsRepository(tx).insertDraft({
        kind: period.kind,
        period: period.key,
        periodFrom: period.from,
        periodTo: period.to,
        language,
        createdBy: actor,
        supersedesId: (await this.latestIssued(period.kind, period.key, language))?.id ?? null,
      });
      await new AuditTrail(tx).append({
        actor,
        action: 'city_report.draft',
        subject: `city_report:${created}`,
        after: { kind: period.kind, period: period.key, language },
      });
      return created;
    });
    return this.get(id);
  }

  /** Issues a draft; an issued report is not changed: its correction, the next version, is issued instead. */
  async issue(id: number, actor: string, now = new Date()): Promise<CityReport> {
    let report = await this.get(id);
    if (report.state === 'issued')
      report = await this.get(
        await this.db.transaction(async (tx) => {
          const created = await new CityReportsRepository(tx).insertDraft({
            ...report,
            createdBy: actor,
            supersedesId:
              (await this.latestIssued(report.kind, report.period, report.language))?.id ?? report.id,
          });
          await new AuditTrail(tx).append({
            actor,
            action: 'city_report.correct',
            subject: `city_report:${created}`,
            after: { corrects: report.documentNumber, kind: report.kind, period: report.period },
          });
          return created;
        }),
      );
    const period: ReportPeriod = {
      kind: report.kind,
      key: report.period,
      from: report.periodFrom,
      to: report.periodTo,
    };
    const figures = await this.builder.build(period, null, now);
    const submissions = await this.approvedSubmissions(report);
    const supersedes = report.supersedesId === null ? null : await this.reports.find(report.supersedesId);
    const t = translator(report.language);
    const name = await parkNamer(this.registry, report.language);
    const issuedOn = localDayOf(now);
    const year = Number(issuedOn.slice(0, 4));
    await this.db.transaction(async (tx) => {
      const repository = new CityReportsRepository(tx);
      const particulars = await repository.settings();
      // The number is taken in the issuing transaction: a failed issue leaves no gap in the year's numbers.
      const number = await repository.nextNumber(year);
      const documentNumber = `${number}/${particulars.symbol}`;
      const content: CityReportContent = {
        period,
        documentNumber,
        version: report.version,
        supersedes: supersedes?.documentNumber ?? null,
        issuedOn,
        particulars,
        figures,
        submissions,
      };
      const layout = layoutCityReport(content, t, name);
      const contents: Record<CityReportFormat, Buffer> = {
        pdf: await renderAdministrativePdf(layout, now),
        xlsx: await renderXlsx(cityReportWorkbook(content, layout, t, name)),
      };
      const files = (Object.entries(contents) as [CityReportFormat, Buffer][]).map(([format, bytes]) => ({
        format,
        filename: filename(report, documentNumber, format),
        contentType: CONTENT_TYPES[format],
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        content: bytes,
      }));
      const issued = await repository.issue(report.id, {
        number,
        year,
        documentNumber,
        issuedAt: now,
        issuedBy: actor,
        content,
        files,
      });
      if (!issued)
        throw new DomainError(DomainErrorCode.Conflict, `city report ${report.id} was issued meanwhile`, {
          reason: 'CITY_REPORT_ISSUED',
        });
      await new AuditTrail(tx).append({
        actor,
        action: 'city_report.issue',
        subject: `city_report:${report.id}`,
        after: {
          documentNumber,
          kind: report.kind,
          period: report.period,
          version: report.version,
          supersedes: content.supersedes,
          submissions: submissions.map((s) => s.submissionId),
          files: files.map(({ content: _content, ...meta }) => meta),
        },
      });
    });
    return this.get(report.id);
  }

  /** The issuing particulars (agency, symbol, addressee, signer, recipients) the next report is issued with. */
  settings(): Promise<CityReportSettings> {
    return this.reports.settings();
  }

  /** Changes the issuing particulars; issued reports keep theirs (they are in their frozen content). */
  async configure(settings: CityReportSettings, actor: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const repository = new CityReportsRepository(tx);
      const before = await repository.settings(settings.series).catch(() => undefined);
      await repository.saveSettings(settings);
      await new AuditTrail(tx).append({
        actor,
        action: 'city_report.settings',
        subject: `city_report_settings:${settings.series}`,
        before,
        after: settings,
      });
    });
  }

  async get(id: number): Promise<CityReport> {
    const found = await this.reports.find(id);
    if (!found) throw DomainError.notFound('city report', id);
    return found;
  }

  list(filter: { kind?: string; period?: string }): Promise<CityReport[]> {
    return this.reports.list(filter);
  }

  /** An issued report's file, byte for byte as issued. */
  async file(id: number, format: CityReportFormat): Promise<ReportFileMeta & { content: Buffer }> {
    const report = await this.get(id);
    const file = report.state === 'issued' ? await this.reports.file(id, format) : null;
    if (!file)
      throw new DomainError(
        DomainErrorCode.Conflict,
        `city report ${id} is a draft: it has no document yet`,
        {
          reason: 'CITY_REPORT_DRAFT',
        },
      );
    return file;
  }

  private async latestIssued(
    kind: string,
    period: string,
    language: string,
  ): Promise<CityReport | undefined> {
    return (await this.reports.list({ kind, period }))
      .filter((r) => r.language === language && r.state === 'issued')
      .at(-1);
  }

  /** The period's approved park submissions, by park code, with who approved each and when. */
  private async approvedSubmissions(report: CityReport): Promise<ApprovedSubmission[]> {
    const approved = await new ReportSubmissionsRepository(this.db).list({
      kind: report.kind,
      period: report.period,
      state: 'approved',
    });
    return approved.map((s) => {
      const approval = s.events.filter((e) => e.action === 'approve').at(-1)!;
      return {
        submissionId: s.id,
        parkCode: s.parkCode,
        progress: s.progress,
        difficulties: s.difficulties,
        proposals: s.proposals,
        approvedAt: approval.at,
        approvedBy: approval.actor,
      };
    });
  }
}
