import { DomainError } from '@hp/contracts';
import {
  parseReportKind,
  parseReportPeriod,
  previousReportPeriod,
  reportPeriodOf,
  trendMonths,
} from './report-period';

describe('report periods', () => {
  it('parses a month, a quarter and a year in local days, the kind from the form when not given', () => {
    expect(parseReportPeriod('2026-10')).toEqual({
      kind: 'month',
      key: '2026-10',
      from: '2026-10-01',
      to: '2026-11-01',
    });
    expect(parseReportPeriod('2026-Q4')).toEqual({
      kind: 'quarter',
      key: '2026-Q4',
      from: '2026-10-01',
      to: '2027-01-01',
    });
    expect(parseReportPeriod('2026', 'year')).toEqual({
      kind: 'year',
      key: '2026',
      from: '2026-01-01',
      to: '2027-01-01',
    });
    expect(parseReportPeriod('2026-12', 'month').to).toBe('2027-01-01');
  });

  it('names the parameter and the accepted form when the period is bad', () => {
    const error = (() => {
      try {
        parseReportPeriod('2026-13');
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('accepted');
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.details).toEqual({ field: 'period' });
    expect(error.message).toContain('YYYY-MM (e.g. 2026-10) or YYYY-Qn (e.g. 2026-Q4) or YYYY (e.g. 2026)');
    expect(() => parseReportPeriod('2026-10', 'quarter')).toThrow('period: must be YYYY-Qn (e.g. 2026-Q4)');
    expect(() => parseReportPeriod('2026-Q5')).toThrow(DomainError);
    expect(() => parseReportPeriod(undefined)).toThrow(DomainError);
    expect(() => parseReportKind('week')).toThrow('kind: must be one of month, quarter, year');
  });

  it('picks the last complete period before an instant, in Hai Phong time', () => {
    // 1 Nov 2026 06:00 local is 31 Oct 23:00 UTC: the month just ended is October.
    expect(previousReportPeriod('month', new Date('2026-10-31T23:00:00Z')).key).toBe('2026-10');
    expect(previousReportPeriod('quarter', new Date('2027-01-01T00:00:00+07:00')).key).toBe('2026-Q4');
    expect(previousReportPeriod('year', new Date('2027-01-01T06:00:00+07:00')).key).toBe('2026');
    expect(reportPeriodOf('quarter', '2026-05-17').key).toBe('2026-Q2');
  });

  it('trends over the 12 months ending with the period', () => {
    expect(trendMonths(parseReportPeriod('2026-10')).map((m) => m.key)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(
      trendMonths(parseReportPeriod('2026'))
        .map((m) => m.key)
        .slice(0, 1),
    ).toEqual(['2026-01']);
  });
});
