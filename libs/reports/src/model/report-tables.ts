import { addDays, formatReason } from '@hp/contracts';
import { Translator } from './messages';
import { NotMeetingReason, ProgressReport } from './progress-report';

/** How a column's values are typed in XLSX and shown in PDF. */
export type ColumnType = 'text' | 'integer' | 'kg' | 'percent';

export interface Column {
  /** Stable id (CSV `measure`), the same in every language. */
  readonly id: string;
  readonly header: string;
  readonly type: ColumnType;
  /** Relative width in the PDF. */
  readonly width: number;
}

export type Cell = string | number | null;

export interface ReportRow {
  /** Stable id of the row's subject (park code, month, lot code): CSV `subject`. */
  readonly key: string;
  readonly cells: readonly Cell[];
}

export const SECTION_IDS = [
  'summary',
  'park_reports',
  'parks',
  'not_meeting',
  'set_aside_reviews',
  'trend',
  'waste_parks',
  'waste_gaps',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface ReportTable {
  readonly id: SectionId;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly ReportRow[];
  /** Shown instead of an empty table. */
  readonly emptyText?: string;
}

/** The report laid out as titled tables in one language: every renderer draws these, so they agree. */
export interface ReportDocument {
  readonly title: string;
  readonly subtitle: string;
  /** Label/value lines under the title (period, scope, generation time, data as of). */
  readonly facts: readonly (readonly [string, string])[];
  readonly tables: readonly ReportTable[];
  readonly t: Translator;
}

const col = (id: string, header: string, type: ColumnType, width = 1): Column => ({
  id,
  header,
  type,
  width,
});

/** A park's name in the report's language, by code (the stored name when it has none in that language). */
export type ParkNamer = (parkCode: string, storedName: string) => string;

export function layoutReport(
  report: ProgressReport,
  t: Translator,
  parkName: ParkNamer = (_code, stored) => stored,
): ReportDocument {
  const ww = report.wastewater;
  const w = report.waste;
  const scope = report.scope
    ? `${parkName(report.scope.parkCode, report.scope.parkName)} (${report.scope.parkCode})`
    : t('allParks');
  const tables: ReportTable[] = [
    {
      id: 'summary',
      title: t('summary'),
      columns: [
        col('target', t('target'), 'text', 4),
        col('share', t('share'), 'percent', 1.2),
        col('achieved', t('achieved'), 'kg', 1.3),
        col('total', t('total'), 'kg', 1.3),
        col('goal', t('goal2030'), 'text', 1.6),
      ],
      rows: [
        {
          key: 'wastewater',
          cells: [t('target1'), ww.share, ww.parksMeeting, ww.operatingParks, t('targetValue')],
        },
        {
          key: 'hazardous_waste',
          cells: [
            t('target2'),
            w.total.share,
            w.total.treatedConformingKg,
            w.total.generatedKg,
            t('targetValue'),
          ],
        },
      ],
    },
    {
      id: 'parks',
      title: t('section_parks'),
      columns: [
        col('park_code', t('parkCode'), 'text', 1.3),
        col('park', t('park'), 'text', 2.6),
        col('status', t('status'), 'text', 2),
        col('outlets', t('outlets'), 'integer'),
        col('days', t('days'), 'integer', 0.8),
        col('compliant_days', t('compliantDays'), 'integer'),
        col('exceedance_days', t('exceedanceDays'), 'integer'),
        col('insufficient_days', t('insufficientDays'), 'integer'),
        col('suspected_days', t('suspectedDays'), 'integer'),
        col('missing_days', t('missingDays'), 'integer'),
        col('no_permit_days', t('noPermitDays'), 'integer'),
      ],
      rows: ww.parks.map((p) => ({
        key: p.parkCode,
        cells: [
          p.parkCode,
          parkName(p.parkCode, p.parkName),
          p.operating ? t.dynamic('status', p.status) : t('notOperating'),
          p.outlets,
          p.days,
          p.compliantDays,
          p.exceedanceDays,
          p.insufficientDays,
          p.suspectedDays,
          p.missingDays,
          p.noPermitDays,
        ],
      })),
    },
    {
      id: 'not_meeting',
      title: t('section_notMeeting'),
      columns: [
        col('park_code', t('parkCode'), 'text', 1.3),
        col('park', t('park'), 'text', 2.2),
        col('status', t('status'), 'text', 1.8),
        col('reasons', t('reasons'), 'text', 6),
      ],
      rows: ww.notMeeting.map((p) => ({
        key: p.parkCode,
        cells: [
          p.parkCode,
          parkName(p.parkCode, p.parkName),
          p.provisional
            ? `${t.dynamic('status', p.status)} (${t('provisional')})`
            : t.dynamic('status', p.status),
          p.reasons.map((r) => reasonText(r, t)).join('\n'),
        ],
      })),
      emptyText: t('noneNotMeeting'),
    },
    {
      id: 'set_aside_reviews',
      title: t('section_setAsideReviews'),
      columns: [
        col('park_code', t('parkCode'), 'text', 1.2),
        col('station', t('station'), 'text', 1.6),
        col('day', t('day'), 'text', 1.1),
        col('parameter', t('parameter'), 'text', 0.9),
        col('set_aside', t('setAsideRecords'), 'integer', 0.9),
        col('decision', t('decision'), 'text', 1.6),
        col('reviewer', t('reviewer'), 'text', 1.4),
        col('reviewed_at', t('reviewedAt'), 'text', 1.4),
        col('note', t('reviewNote'), 'text', 2.7),
      ],
      rows: ww.setAsideReviews.map((r) => ({
        key: `${r.stationCode}/${r.day}/${r.parameterCode}`,
        cells: [
          r.parkCode,
          r.stationCode,
          t.day(r.day),
          r.parameterCode,
          r.setAsideRecords,
          t.dynamic('decision', r.decision),
          r.reviewer,
          t.dateTime(r.reviewedAt),
          r.note,
        ],
      })),
      emptyText: t('noSetAsideReviews'),
    },
    {
      id: 'trend',
      title: t('section_trend'),
      columns: [
        col('month', t('month'), 'text'),
        col('operating_parks', t('operatingParks'), 'integer', 1.3),
        col('parks_meeting', t('parksMeeting'), 'integer', 1.3),
        col('wastewater_share', `${t('wastewater')}: ${t('share')}`, 'percent', 1.3),
        col('generated_kg', t('generatedKg'), 'kg', 1.3),
        col('treated_conforming_kg', t('treatedConformingKg'), 'kg', 1.5),
        col('waste_share', `${t('hazardousWaste')}: ${t('share')}`, 'percent', 1.4),
      ],
      rows: ww.trend.map((m, i) => ({
        key: m.month,
        cells: [
          m.month,
          m.operatingParks,
          m.parksMeeting,
          m.share,
          w.trend[i].generatedKg,
          w.trend[i].treatedConformingKg,
          w.trend[i].share,
        ],
      })),
    },
    {
      id: 'waste_parks',
      title: t('section_wastePerPark'),
      columns: [
        col('park_code', t('parkCode'), 'text', 1.3),
        col('park', t('park'), 'text', 2.6),
        col('lots', t('lots'), 'integer', 0.8),
        col('generated_kg', t('generatedKg'), 'kg', 1.3),
        col('treated_conforming_kg', t('treatedConformingKg'), 'kg', 1.5),
        col('non_conforming_kg', t('nonConformingKg'), 'kg', 1.4),
        col('in_progress_kg', t('inProgressKg'), 'kg', 1.3),
        col('share', t('wasteShare'), 'percent', 1.3),
      ],
      rows: [
        ...w.parks.map((p) => ({ key: p.parkCode, name: parkName(p.parkCode, p.parkName), k: p })),
        ...(w.withoutPark && w.withoutPark.lots > 0
          ? [{ key: '-', name: t('withoutPark'), k: w.withoutPark }]
          : []),
      ].map(({ key, name, k }) => ({
        key,
        cells: [
          key,
          name,
          k.lots,
          k.generatedKg,
          k.treatedConformingKg,
          k.nonConformingKg,
          k.inProgressKg,
          k.share,
        ],
      })),
      emptyText: t('noData'),
    },
    {
      id: 'waste_gaps',
      title: t('section_wasteGaps'),
      columns: [
        col('lot', t('lot'), 'text', 1.6),
        col('park_code', t('parkCode'), 'text', 1.2),
        col('generator', t('generator'), 'text', 1.3),
        col('waste_code', t('wasteCode'), 'text', 1),
        col('state', t('lotState'), 'text', 1.4),
        col('kg', t('mass'), 'kg', 1),
        col('faults', t('faults'), 'text', 5),
      ],
      rows: w.gaps.map((g) => ({
        key: g.lotCode,
        cells: [
          g.lotCode,
          g.parkCode,
          g.generatorCode,
          g.wasteCode,
          t.dynamic('state', g.state),
          g.kg,
          g.violations
            .map((v) =>
              // A finding stored before codes existed is its own text (code TEXT): no label to add.
              v.code === 'TEXT'
                ? formatReason(v, t.language)
                : `${t.dynamic('violation', v.code)} (${v.code}): ${formatReason(v, t.language)}`,
            )
            .join('\n'),
        ],
      })),
      emptyText: t('noGaps'),
    },
  ];
  return {
    title: t('title'),
    subtitle: t('subtitle'),
    facts: [
      [
        t('period'),
        `${t.period(report.period)} (${t.day(report.period.from)} – ${t.day(addDays(report.period.to, -1))})`,
      ],
      [t('scope'), scope],
      [t('generatedAt'), t.dateTime(report.generatedAt)],
      [t('dataAsOf'), `${t.day(report.judgedThrough)} (${t('daysJudged')}: ${report.daysJudged})`],
    ],
    tables,
    t,
  };
}

export function reasonText({ reason, details }: NotMeetingReason, t: Translator): string {
  const head = formatReason(reason, t.language);
  return details.length > 0 ? `${head}: ${details.map((r) => formatReason(r, t.language)).join('; ')}` : head;
}
