import { Injectable } from '@nestjs/common';
import { ComplianceViewsService, ParkPeriodView, ParkStatus } from '@hp/compliance';
import { addDays, DomainError, localDayOf, Reason } from '@hp/contracts';
import { summarizeVerdicts, WasteFinding, WasteKpi, WasteViewsService } from '@hp/waste';
import { ReportPeriod, trendMonths } from './report-period';

/**
 * Why a park does not meet the standard: the compliance view's own reason (one source: the dashboard, the KPI
 * API and this report give the same), and for a station named for an exceedance, the latest such day's verdict
 * reasons. Codes with parameters; the renderers word them in the report's language.
 */
export interface NotMeetingReason {
  readonly reason: Reason;
  readonly details: readonly Reason[];
}

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
  readonly violations: readonly WasteFinding[];
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

/** The park's reasons, each exceedance (or suspected one) with the verdict reasons of its latest day. */
function reasonsOf(p: ParkPeriodView): NotMeetingReason[] {
  const verdictOf: Partial<Record<string, string>> = {
    PARK_STATION_EXCEEDANCE: 'exceedance',
    PARK_STATION_SUSPECTED: 'suspected_exceedance',
  };
  return p.reasons.map((reason) => {
    const verdict = verdictOf[reason.code];
    const named = 'station' in reason.params ? reason.params.station : null;
    const station = p.stations.find((s) => `${s.plantCode}/${s.stationCode}` === named);
    const latest = verdict ? station?.recentProblems.find((r) => r.verdict === verdict) : undefined;
    return { reason, details: latest?.reasons ?? [] };
  });
}

/** The figures of no lot at all (a park without hazardous waste in the period). */
function emptyWasteKpi(): WasteKpi {
  return summarizeVerdicts([]);
}
