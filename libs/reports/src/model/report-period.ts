import { addDays, DomainError, localDayOf, Period, periodOf } from '@hp/contracts';

export const REPORT_KINDS = ['month', 'quarter', 'year'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A report's period: its kind, its key as written in URLs and file names, and its local days. */
export interface ReportPeriod extends Period {
  readonly kind: ReportKind;
  /** '2026-10', '2026-Q4' or '2026'. */
  readonly key: string;
}

/** The accepted form of `period` for each kind, quoted in errors. */
export const PERIOD_FORMS: Readonly<Record<ReportKind, string>> = {
  month: 'YYYY-MM (e.g. 2026-10)',
  quarter: 'YYYY-Qn (e.g. 2026-Q4)',
  year: 'YYYY (e.g. 2026)',
};

const PATTERNS: Readonly<Record<ReportKind, RegExp>> = {
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

export function parseReportKind(value: string | undefined): ReportKind | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(REPORT_KINDS as readonly string[]).includes(value))
    throw DomainError.invalid(
      'kind',
      `must be one of ${REPORT_KINDS.join(', ')}, got ${JSON.stringify(value)}`,
    );
  return value as ReportKind;
}

/**
 * Parses `period` in the form of its kind; without a kind, the form decides it ('2026-10' is a month).
 * Errors name the parameter and the accepted form.
 */
export function parseReportPeriod(value: string | undefined, kind?: ReportKind): ReportPeriod {
  const text = (value ?? '').trim();
  const kinds = kind ? [kind] : REPORT_KINDS;
  for (const k of kinds) {
    const match = PATTERNS[k].exec(text);
    if (!match) continue;
    const year = Number(match[1]);
    if (year < 2000 || year > 2100) break;
    const firstMonth =
      k === 'month' ? Number(match[2]) : k === 'quarter' ? (Number(match[2]) - 1) * 3 + 1 : 1;
    const day = `${match[1]}-${String(firstMonth).padStart(2, '0')}-01`;
    return { ...periodOf(k, day), kind: k, key: text };
  }
  const forms = kinds.map((k) => PERIOD_FORMS[k]).join(' or ');
  throw DomainError.invalid(
    'period',
    `must be ${forms} from 2000 to 2100, got ${JSON.stringify(value ?? '')}`,
  );
}

/** The period of a kind holding a local day. */
export function reportPeriodOf(kind: ReportKind, day: string): ReportPeriod {
  const p = periodOf(kind, day);
  const [y, m] = p.from.split('-');
  const key = kind === 'month' ? `${y}-${m}` : kind === 'quarter' ? `${y}-Q${(Number(m) - 1) / 3 + 1}` : y;
  return { ...p, kind, key };
}

/** The last complete period of a kind before an instant (the scheduled job reports on it). */
export function previousReportPeriod(kind: ReportKind, at: Date): ReportPeriod {
  const current = periodOf(kind, localDayOf(at));
  return reportPeriodOf(kind, addDays(current.from, -1));
}

/** The 12 months ending with the period's last month: the trend shown with every report. */
export function trendMonths(period: ReportPeriod): ReportPeriod[] {
  const months = [reportPeriodOf('month', addDays(period.to, -1))];
  while (months.length < 12) months.unshift(reportPeriodOf('month', addDays(months[0].from, -1)));
  return months;
}
