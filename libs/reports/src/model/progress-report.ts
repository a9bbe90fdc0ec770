import { Injectable } from '@nestjs/common';
import { ComplianceViewsService, ParkPeriodView, ParkStatus } from '@hp/compliance';
import { addDays, DomainError, localDayOf, Reason } from '@hp/contracts';
import { summarizeVerdicts, WasteKpi, WasteViewsService } from '@hp/waste';
import { ReportPeriod, trendMonths } from './report-period';

/** Why a park does not meet the standard, as data: the renderers word it in the report's language. */
export type NotMeetingReason =
  | {
      readonly kind: 'exceedance';
      readonly where: string;
      readonly days: number;
      readonly latestDay: string | null;
      /** The latest such day's verdict reasons (codes; the catalogue words them in the report's language). */
      readonly details: readonly Reason[];
    }
  | {
      readonly kind: 'low_compliance';
      readonly where: string;
      readonly compliant: number;
      readonly days: number;
      readonly insufficient: number;
      readonly missing: number;
      readonly noPermit: number;
      /** The share of compliant days the rule requires (0-1). */
      readonly minShare: number;
    }
  | {
      readonly kind: 'suspected_exceedance';
      readonly where: string;
      readonly days: number;
      readonly latestDay: string | null;
      /** The latest such day's verdict reasons (codes; the catalogue words them in the report's language). */
      readonly details: readonly Reason[];
    }
  | { readonly kind: 'no_permit'; readonly where: string }
  | { readonly kind: 'no_plant' }
  | { readonly kind: 'not_judged' };

export interface ParkComplianceRow {
  readonly parkCode: string;
  readonly parkName: string;
  readonly operating: boolean;
  readonly status: ParkStatus;
  readonly outlets: number;
  readonly days: number;
  readonly compliantDays: number;
  readonly exceedanceDays: number;
  readonly insufficientDays: number;
  readonly suspectedDays: number;
  readonly missingDays: number;
  readonly noPermitDays: number;
}

/** An officer's review of readings the flat-line screen set aside (a suspected exceedance), as recorded. */
export interface SetAsideReviewRow {
  readonly parkCode: string;
  readonly stationCode: string;
  readonly day: string;
  readonly parameterCode: string;
  readonly decision: 'confirmed' | 'rejected';
  readonly setAsideRecords: number;
  readonly reviewer: string;
  readonly reviewedAt: Date;
  readonly note: string;
}

export interface WastewaterFigures {
  readonly operatingParks: number;
  readonly parksMeeting: number;
  /** parksMeeting / operatingParks (null without operating parks or judged days). */
  readonly share: number | null;
}

export interface WasteGap {
  readonly parkCode: string;
  readonly parkName: string;
  readonly lotCode: string;
  readonly generatorCode: string | null;
  readonly wasteCode: string | null;
  readonly state: string;
  readonly kg: number;
  readonly violations: readonly { readonly code: string; readonly reason: string }[];
}

/** Everything a progress report says, independent of language and format. */
export interface ProgressReport {
  readonly period: ReportPeriod;
  /** null: the whole city. */
  readonly scope: { readonly parkCode: string; readonly parkName: string } | null;
  readonly generatedAt: Date;
  /** Last local day whose wastewater verdicts count (the period's last day, or today while it runs). */
  readonly judgedThrough: string;
  readonly daysJudged: number;
  readonly wastewater: WastewaterFigures & {
    readonly parks: readonly ParkComplianceRow[];
    readonly notMeeting: readonly {
      readonly parkCode: string;
      readonly parkName: string;
      readonly status: ParkStatus;
      /** The status rests on a provisional day (today so far, or a day inside its late-data window). */
      readonly provisional: boolean;
      readonly reasons: readonly NotMeetingReason[];
    }[];
    readonly trend: readonly (WastewaterFigures & { readonly month: string })[];
    /** Every review of set-aside readings of the period, oldest first. */
    readonly setAsideReviews: readonly SetAsideReviewRow[];
  };
  readonly waste: {
    readonly total: WasteKpi;
    readonly parks: readonly (WasteKpi & { readonly parkCode: string; readonly parkName: string })[];
    /** City reports only: lots whose generator belongs to no registered park. */
    readonly withoutPark: WasteKpi | null;
    readonly gaps: readonly WasteGap[];
    readonly trend: readonly {
      readonly month: string;
      readonly generatedKg: number;
      readonly treatedConformingKg: number;
      readonly share: number | null;
    }[];
  };
}

/**
 * Gathers a progress report from the compliance and hazardous-waste views (the same figures their APIs
 * serve), for the whole city or one park.
 */
@Injectable()
export class ProgressReportBuilder {
  constructor(
    private readonly compliance: ComplianceViewsService,
    private readonly waste: WasteViewsService,
  ) {}

  async build(period: ReportPeriod, parkCode: string | null, now = new Date()): Promise<ProgressReport> {
    const today = localDayOf(now);
    const inScope = <T extends { parkCode: string }>(rows: readonly T[]): T[] =>
      rows.filter((r) => parkCode === null || r.parkCode === parkCode);
    const parks = inScope(await this.compliance.parks(period.from, period.to, today));
    if (parkCode !== null && parks.length === 0) throw DomainError.notFound('park', parkCode);
    const months = trendMonths(period);
    const monthly = await Promise.all(
      months.map(async (m) => ({
        month: m.key,
        parks: inScope(await this.compliance.parks(m.from, m.to, today)),
        waste: await this.waste.kpi('month', m.from, now),
      })),
    );
    const wasteKpi = await this.waste.kpi(period.kind, period.from, now);
    const wasteParks = inScope(wasteKpi.parks);
    const total = parkCode === null ? wasteKpi.city : (wasteParks[0] ?? emptyWasteKpi());
    const gaps: WasteGap[] = [];
    for (const p of wasteParks.filter((w) => w.nonConformingLots > 0)) {
      const view = await this.waste.park(p.parkCode, period.kind, period.from, now);
      for (const lot of view.nonConforming) gaps.push({ parkCode: p.parkCode, parkName: p.parkName, ...lot });
    }
    const judgedThrough = addDays(period.to, -1) < today ? addDays(period.to, -1) : today;
    return {
      period,
      scope: parkCode === null ? null : { parkCode, parkName: parks[0].parkName },
      generatedAt: now,
      judgedThrough,
      daysJudged: parks[0]?.stations[0]?.days ?? judgedDays(period, today),
      wastewater: {
        ...figures(parks),
        parks: parks.map(row),
        notMeeting: parks
          .filter((p) => p.operating && p.status !== 'met')
          .map((p) => ({
            parkCode: p.parkCode,
            parkName: p.parkName,
            status: p.status,
            provisional: p.provisional,
            reasons: reasonsOf(p),
          })),
        trend: monthly.map((m) => ({ month: m.month, ...figures(m.parks) })),
        setAsideReviews: (
          await this.compliance.setAsideReviews(parkCode === null ? null : [parkCode], period.from, period.to)
        ).map((r) => ({
          parkCode: r.parkCode,
          stationCode: r.stationCode,
          day: r.day,
          parameterCode: r.parameterCode,
          decision: r.decision,
          setAsideRecords: r.setAsideRecords,
          reviewer: r.reviewer,
          reviewedAt: r.reviewedAt,
          note: r.note,
        })),
      },
      waste: {
        total,
        parks: wasteParks,
        withoutPark: parkCode === null ? wasteKpi.withoutPark : null,
        gaps,
        trend: monthly.map((m) => {
          const k = parkCode === null ? m.waste.city : (inScope(m.waste.parks)[0] ?? emptyWasteKpi());
          return {
            month: m.month,
            generatedKg: k.generatedKg,
            treatedConformingKg: k.treatedConformingKg,
            share: k.share,
          };
        }),
      },
    };
  }
}

function judgedDays(period: ReportPeriod, today: string): number {
  let n = 0;
  for (let d = period.from; d < period.to && d <= today; d = addDays(d, 1)) n++;
  return n;
}

function figures(parks: readonly ParkPeriodView[]): WastewaterFigures {
  const operating = parks.filter((p) => p.operating);
  const meeting = operating.filter((p) => p.status === 'met').length;
  return {
    operatingParks: operating.length,
    parksMeeting: meeting,
    share: operating.length > 0 ? meeting / operating.length : null,
  };
}

function row(p: ParkPeriodView): ParkComplianceRow {
  const sum = (
    key:
      | 'compliantDays'
      | 'exceedanceDays'
      | 'insufficientDays'
      | 'suspectedDays'
      | 'missingDays'
      | 'noPermitDays',
  ) => p.stations.reduce((n, s) => n + s[key], 0);
  return {
    parkCode: p.parkCode,
    parkName: p.parkName,
    operating: p.operating,
    status: p.status,
    outlets: p.stations.length,
    days: p.stations[0]?.days ?? 0,
    compliantDays: sum('compliantDays'),
    exceedanceDays: sum('exceedanceDays'),
    insufficientDays: sum('insufficientDays'),
    suspectedDays: sum('suspectedDays'),
    missingDays: sum('missingDays'),
    noPermitDays: sum('noPermitDays'),
  };
}

/** The compliance view's judgement, restated per outlet station as data. */
function reasonsOf(p: ParkPeriodView): NotMeetingReason[] {
  if (p.status === 'no_operating_plant') return [{ kind: 'no_plant' }];
  const reasons: NotMeetingReason[] = [];
  for (const s of p.stations) {
    const where = `${s.plantCode}/${s.stationCode}`;
    // An exceedance, else a suspected one awaiting review, is what the station is named for.
    const problem = s.exceedanceDays > 0 ? 'exceedance' : s.suspectedDays > 0 ? 'suspected_exceedance' : null;
    if (problem) {
      const latest = s.recentProblems.find((r) => r.verdict === problem);
      reasons.push({
        kind: problem,
        where,
        days: problem === 'exceedance' ? s.exceedanceDays : s.suspectedDays,
        latestDay: latest?.day ?? null,
        details: latest?.reasons ?? [],
      });
    } else if (s.days > 0 && s.noPermitDays === s.days) {
      reasons.push({ kind: 'no_permit', where });
    } else if (s.days > 0 && s.compliantDays < p.minCompliantDayShare * s.days) {
      reasons.push({
        kind: 'low_compliance',
        where,
        compliant: s.compliantDays,
        days: s.days,
        insufficient: s.insufficientDays,
        missing: s.missingDays,
        noPermit: s.noPermitDays,
        minShare: p.minCompliantDayShare,
      });
    }
  }
  if (reasons.length === 0 && p.stations.every((s) => s.days === 0)) reasons.push({ kind: 'not_judged' });
  return reasons;
}

/** The figures of no lot at all (a park without hazardous waste in the period). */
function emptyWasteKpi(): WasteKpi {
  return summarizeVerdicts([]);
}
