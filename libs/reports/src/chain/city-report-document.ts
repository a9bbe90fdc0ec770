import { addDays } from '@hp/contracts';
import { Translator } from '../model/messages';
import { ProgressReport } from '../model/progress-report';
import { ReportPeriod } from '../model/report-period';
import { Column, layoutReport, ParkNamer, reasonText, ReportDocument } from '../model/report-tables';
import { CityReportSettings } from '../storage/reporting-chain.types';

/** An approved park submission as the consolidated report quotes it. */
export interface ApprovedSubmission {
  readonly submissionId: number;
  readonly parkCode: string;
  readonly progress: string;
  readonly difficulties: string;
  readonly proposals: string;
  readonly approvedAt: Date;
  readonly approvedBy: string;
}

/**
 * Everything the Authority's report to the City says, as issued: the particulars (number, date, signer,
 * recipients), the city's figures and the approved submissions. Kept as JSON with the issued files.
 */
export interface CityReportContent {
  readonly period: ReportPeriod;
  readonly documentNumber: string;
  readonly version: number;
  /** The document number of the version this one corrects. */
  readonly supersedes: string | null;
  /** The local day of issue. */
  readonly issuedOn: string;
  readonly particulars: CityReportSettings;
  readonly figures: ProgressReport;
  readonly submissions: readonly ApprovedSubmission[];
}

/** The document laid out in one language, in the order of the Decree 30/2020/ND-CP form. */
export interface CityReportLayout {
  /** Left of the header: the governing body, the issuing agency (bold), the number and symbol. */
  readonly agency: readonly [string, string, string];
  /** Right of the header: the national motto (two lines) and the place and date line. */
  readonly motto: readonly [string, string, string];
  readonly title: string;
  readonly subject: string;
  readonly addressee: string;
  readonly body: readonly { readonly text: string; readonly style: 'heading' | 'paragraph' | 'item' }[];
  readonly recipientsLabel: string;
  readonly recipients: readonly string[];
  /** Authority (e.g. "KT. TRƯỞNG BAN"), position, signer's name. */
  readonly signature: readonly [string, string, string];
}

export function layoutCityReport(
  content: CityReportContent,
  t: Translator,
  name: ParkNamer,
): CityReportLayout {
  const p = content.particulars;
  const f = content.figures;
  const parkNames = new Map(
    f.wastewater.parks.map((park) => [park.parkCode, name(park.parkCode, park.parkName)]),
  );
  const named = (code: string) => parkNames.get(code) ?? code;
  const body: { text: string; style: 'heading' | 'paragraph' | 'item' }[] = [
    { text: t('city_intro', { agency: p.issuingAgency }), style: 'paragraph' },
    { text: t('city_section_figures'), style: 'heading' },
    {
      text: t('city_wastewater_line', {
        meeting: t.number(f.wastewater.parksMeeting),
        operating: t.number(f.wastewater.operatingParks),
        share: t.percent(f.wastewater.share),
        asOf: t.day(f.judgedThrough),
      }),
      style: 'paragraph',
    },
    {
      text: t('city_waste_line', {
        generated: t.number(f.waste.total.generatedKg),
        treated: t.number(f.waste.total.treatedConformingKg),
        share: t.percent(f.waste.total.share),
        nonConforming: t.number(f.waste.total.nonConformingKg),
        gaps: t.number(f.waste.gaps.length),
      }),
      style: 'paragraph',
    },
    { text: t('city_section_notMeeting'), style: 'heading' },
    ...(f.wastewater.notMeeting.length === 0
      ? [{ text: t('noneNotMeeting'), style: 'paragraph' as const }]
      : f.wastewater.notMeeting.map((park) => ({
          text: `- ${t('city_not_meeting_line', {
            park: `${name(park.parkCode, park.parkName)} (${park.parkCode})`,
            status: park.provisional
              ? `${t.dynamic('status', park.status)} (${t('provisional')})`
              : t.dynamic('status', park.status),
            reasons: park.reasons.map((r) => reasonText(r, t)).join('; '),
          })}`,
          style: 'item' as const,
        }))),
    { text: t('city_section_parks'), style: 'heading' },
  ];
  if (content.submissions.length === 0) body.push({ text: t('city_no_park_reports'), style: 'paragraph' });
  content.submissions.forEach((s, i) => {
    body.push({ text: `${i + 1}. ${named(s.parkCode)} (${s.parkCode})`, style: 'paragraph' });
    body.push({ text: t('city_park_progress', { text: s.progress || '–' }), style: 'item' });
    body.push({ text: t('city_park_difficulties', { text: s.difficulties || '–' }), style: 'item' });
    body.push({ text: t('city_park_proposals', { text: s.proposals || '–' }), style: 'item' });
  });
  const reported = new Set(content.submissions.map((s) => s.parkCode));
  const missing = f.wastewater.parks.filter((park) => park.operating && !reported.has(park.parkCode));
  if (missing.length > 0)
    body.push({
      text: t('city_parks_without_report', { parks: missing.map((park) => named(park.parkCode)).join(', ') }),
      style: 'paragraph',
    });
  body.push({
    text: t('city_closing', { agency: p.issuingAgency, addressee: p.addressee }),
    style: 'paragraph',
  });
  return {
    agency: [p.governingBody, p.issuingAgency, t('city_number', { number: content.documentNumber })],
    motto: [
      t('city_motto_country'),
      t('city_motto_words'),
      t('city_date_line', { place: p.place, date: t.documentDate(content.issuedOn) }),
    ],
    title: t('city_title'),
    subject: t('city_subject', { period: t.period(content.period) }),
    addressee: t('city_addressee', { addressee: p.addressee }),
    body,
    recipientsLabel: t('city_recipients'),
    // Decree 30: each recipient on its own line after a dash, ending ';' and the last '.'.
    recipients: p.recipients.map((r, i) => `- ${r}${i === p.recipients.length - 1 ? '.' : ';'}`),
    signature: [p.signerAuthority, p.signerPosition, p.signerName],
  };
}

/**
 * The same report as a workbook's tables: the particulars, the parks' reports, then the figures' sections
 * of the data annex (summary, parks, parks not meeting the standard, hazardous waste).
 */
export function cityReportWorkbook(
  content: CityReportContent,
  layout: CityReportLayout,
  t: Translator,
  name: ParkNamer,
): ReportDocument {
  const annex = layoutReport(content.figures, t, name);
  const col = (id: string, header: string, width = 2): Column => ({ id, header, type: 'text', width });
  const names = new Map(
    content.figures.wastewater.parks.map((p) => [p.parkCode, name(p.parkCode, p.parkName)]),
  );
  const p = content.particulars;
  return {
    title: `${layout.title}: ${layout.subject}`,
    subtitle: p.issuingAgency,
    facts: [
      [t('city_document_number'), content.documentNumber],
      [t('city_issued_on'), layout.motto[2]],
      [t('city_addressee_label'), p.addressee],
      [
        t('period'),
        `${t.period(content.period)} (${t.day(content.period.from)} – ${t.day(addDays(content.period.to, -1))})`,
      ],
      [t('city_version'), String(content.version)],
      [t('city_supersedes'), content.supersedes ?? t('city_none')],
      [t('city_signer'), layout.signature.filter((s) => s !== '').join(' – ')],
      [layout.recipientsLabel, layout.recipients.join(' ')],
    ],
    tables: [
      {
        id: 'park_reports',
        title: t('city_sheet_narratives'),
        columns: [
          col('park_code', t('parkCode'), 1),
          col('park', t('park'), 2),
          col('progress', t('city_progress'), 4),
          col('difficulties', t('city_difficulties'), 4),
          col('proposals', t('city_proposals'), 4),
          col('approved', t('city_approved'), 1.5),
        ],
        rows: content.submissions.map((s) => ({
          key: s.parkCode,
          cells: [
            s.parkCode,
            names.get(s.parkCode) ?? s.parkCode,
            s.progress,
            s.difficulties,
            s.proposals,
            t.dateTime(s.approvedAt),
          ],
        })),
        emptyText: t('city_no_park_reports'),
      },
      ...annex.tables.filter((table) =>
        ['summary', 'parks', 'not_meeting', 'waste_parks'].includes(table.id),
      ),
    ],
    t,
  };
}
