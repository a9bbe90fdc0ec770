import { Injectable } from '@nestjs/common';
import { DomainError, Reason, reason } from '@hp/contracts';
import { DataVersion, ReadingsReader } from '@hp/readings';
import { ParkOutlet, RegistryReader } from '@hp/registry';
import {
  ComplianceParameterDay,
  ComplianceStationDay,
  SetAsideReview,
  StationPeriodSummary,
} from '../storage/compliance.types';
import { ComplianceReader } from '../storage/compliance-reader';
import { ParkStanding, ParksMeetingStandard } from '../storage/park-standings.repository';
import { addDays, daysBetween, localDayOf, monthOf } from '@hp/contracts';
import { Period, periodOf, PeriodKind } from '@hp/contracts';

/** The OpenAPI (JSON schema) description of every `provisional` flag the compliance and open-data views carry. */
export const PROVISIONAL_FLAG_SCHEMA = {
  type: 'boolean',
  description:
    'The standing rests on a provisional verdict: a day in progress judged so far, or a closed day still inside its late-data window. It may change until the day is final; false once every day it rests on is final.',
} as const;

/**
 * A park's standing over a period, decided by one rule in SQL (park_standings_between, migration 0023) that
 * the API, Grafana, reports and open data all read.
 */
export type ParkStatus = ParkStanding['standing'];

export interface StationPeriodView {
  stationId: number;
  stationCode: string;
  plantCode: string;
  days: number;
  compliantDays: number;
  exceedanceDays: number;
  insufficientDays: number;
  /** Days with a set-aside reading beyond the limit not yet confirmed or rejected by an officer. */
  suspectedDays: number;
  noPermitDays: number;
  /** Days of the period so far with no result at all (no data arrived). */
  missingDays: number;
  /** Of the judged days, those still provisional (today so far, or a closed day inside its late-data window). */
  provisionalDays: number;
  /** The station's counts rest on a provisional day (or the period holds today): they may still change. */
  provisional: boolean;
  recentProblems: StationPeriodSummary['reasons'];
}

export interface ParkPeriodView {
  parkCode: string;
  parkName: string;
  operating: boolean;
  hasOperatingPlant: boolean;
  status: ParkStatus;
  /** The rule's share of compliant days an outlet needs (data: compliance_rule_settings). */
  minCompliantDayShare: number;
  /**
   * The status rests on a provisional day (the period holds today, judged so far, or a day still inside its
   * late-data window): it may change until those days are final.
   */
  provisional: boolean;
  /** Why the park does not meet the standard: codes with parameters (the catalogue words them). */
  reasons: Reason[];
  stations: StationPeriodView[];
}

export interface KpiView {
  period: Period;
  /** Days of the period judged so far (the period may not be over). */
  daysJudged: number;
  operatingParks: number;
  parksMeetingStandard: number;
  /** parksMeetingStandard / operatingParks, 0-1 (null without operating parks). */
  share: number | null;
  target: { share: 1; by: '2030-12-31' };
  /** Some operating park's status rests on a provisional day: the share may still change. */
  provisional: boolean;
  notMeeting: {
    parkCode: string;
    parkName: string;
    status: ParkStatus;
    /** The status rests on a provisional day (see ParkPeriodView.provisional). */
    provisional: boolean;
    reasons: Reason[];
  }[];
  /** The same KPI for each of the 12 months up to the period's end. */
  monthlyTrend: {
    month: string;
    operatingParks: number;
    parksMeetingStandard: number;
    share: number | null;
  }[];
}

/** Which data a stored verdict was computed from, and whether newer corrections exist now. */
export interface DayDataVersion extends DataVersion {
  computedAt: Date;
  /** The corrections of the day's readings recorded by now. */
  latest: DataVersion;
  /** Corrections newer than the ones used exist: the verdict is about to be judged again (they marked it). */
  stale: boolean;
}

export interface StationDailyView {
  stationId: number;
  from: string;
  to: string;
  days: (ComplianceStationDay & {
    dataVersion: DayDataVersion;
    parameters: ComplianceParameterDay[];
    /** Officers' reviews of the day's set-aside readings, newest first (the one in force first). */
    setAsideReviews: SetAsideReview[];
  })[];
}

/** A park and the outlet stations it is judged by (those of its operating plants). */
export interface ParkUnit {
  parkCode: string;
  parkName: string;
  operating: boolean;
  outlets: { stationId: number; stationCode: string; plantCode: string }[];
}

@Injectable()
export class ComplianceViewsService {
  constructor(
    private readonly registry: RegistryReader,
    private readonly compliance: ComplianceReader,
    private readonly readings: ReadingsReader,
  ) {}

  /** Every park's compliance over [from, to) (judged up to today). */
  async parks(from: string, to: string, today = localDayOf(new Date())): Promise<ParkPeriodView[]> {
    return this.judgeUnits(await this.parkUnits(), from, to, today);
  }

  async park(
    code: string,
    from: string,
    to: string,
    today = localDayOf(new Date()),
  ): Promise<ParkPeriodView> {
    const unit = (await this.parkUnits()).find((u) => u.parkCode === code);
    if (!unit) throw DomainError.notFound('park', code);
    return (await this.judgeUnits([unit], from, to, today))[0];
  }

  /** The city KPI toward the 2030 target over one period, with the monthly trend. */
  async kpi(kind: PeriodKind, day: string, today = localDayOf(new Date())): Promise<KpiView> {
    const period = periodOf(kind, day);
    const units = await this.parkUnits();
    const parks = await this.judgeUnits(units, period.from, period.to, today);
    const operating = parks.filter((p) => p.operating);
    // The period's standings were just read by the one rule: its KPI is counted from them (not evaluated a
    // second time); the 12 months of the trend by the rule's KPI function, in one query.
    const current = judgedPeriod(period.from, period.to, today);
    const figures = meetingStandardOf(parks, current.days);
    const months = trendMonths(addDays(period.to, -1), today);
    // A month's KPI is its own last trend month: that one is the figures already counted.
    const others = months.filter((m) => m.firstDay !== current.firstDay || m.endDay !== current.endDay);
    const trend = await this.compliance.parkStandings.meetingStandard(others);
    const byMonth = new Map(others.map((m, i) => [m.month, trend[i]]));
    return {
      period,
      daysJudged: current.days,
      operatingParks: figures.operatingParks,
      parksMeetingStandard: figures.parksMeeting,
      share: figures.share,
      target: { share: 1, by: '2030-12-31' },
      provisional: operating.some((p) => p.provisional),
      notMeeting: operating
        .filter((p) => p.status !== 'met')
        .map((p) => ({
          parkCode: p.parkCode,
          parkName: p.parkName,
          status: p.status,
          provisional: p.provisional,
          reasons: p.reasons,
        })),
      monthlyTrend: months.map(({ month }) => {
        const kpi = byMonth.get(month) ?? figures;
        return {
          month,
          operatingParks: kpi.operatingParks,
          parksMeetingStandard: kpi.parksMeeting,
          share: kpi.share,
        };
      }),
    };
  }

  /** A station's daily verdicts with their parameter results and data versions over [from, to). */
  async stationDaily(stationId: number, from: string, to: string): Promise<StationDailyView> {
    const [days, parameters, versions, reviews] = await Promise.all([
      this.compliance.stationDays.listForStation(stationId, from, to),
      this.compliance.parameterDays.listForStation(stationId, from, to),
      this.readings.corrections.versionsByDay(stationId, from, to),
      this.compliance.setAsideReviews.history(stationId, from, to),
    ]);
    return {
      stationId,
      from,
      to,
      days: days.map((d) => {
        const latest = versions.get(d.day) ?? { corrections: 0, lastCorrectionId: null };
        const used = d.dataVersion;
        const stale =
          latest.corrections !== used.corrections || latest.lastCorrectionId !== used.lastCorrectionId;
        return {
          ...d,
          dataVersion: { ...used, latest, stale },
          parameters: parameters.filter((p) => p.day === d.day),
          setAsideReviews: reviews.filter((r) => r.day === d.day),
        };
      }),
    };
  }

  /**
   * Officers' reviews of set-aside readings at the outlets of these parks (every park: null) over [from, to),
   * with the park and station they concern, for the progress reports.
   */
  async setAsideReviews(
    parkCodes: readonly string[] | null,
    from: string,
    to: string,
  ): Promise<(SetAsideReview & { parkCode: string; stationCode: string })[]> {
    const outlets = (await this.parkUnits())
      .filter((u) => parkCodes === null || parkCodes.includes(u.parkCode))
      .flatMap((u) => u.outlets.map((o) => ({ ...o, parkCode: u.parkCode })));
    const byId = new Map(outlets.map((o) => [o.stationId, o]));
    return (await this.compliance.setAsideReviews.historyForStations([...byId.keys()], from, to)).map(
      (r) => ({
        ...r,
        parkCode: byId.get(r.stationId)!.parkCode,
        stationCode: byId.get(r.stationId)!.stationCode,
      }),
    );
  }

  /** Parks' compliance over [from, to): the rule's standing of each, and its outlets' verdict counts. */
  private async judgeUnits(
    units: readonly ParkUnit[],
    from: string,
    to: string,
    today: string,
  ): Promise<ParkPeriodView[]> {
    const { days, endDay: end } = judgedPeriod(from, to, today);
    const [summaries, standings] = await Promise.all([
      this.compliance.stationDays.summarize(
        units.flatMap((u) => u.outlets.map((o) => o.stationId)),
        from,
        end,
      ),
      this.compliance.parkStandings.between(from, end),
    ]);
    const byStation = new Map(summaries.map((s) => [s.stationId, s]));
    const byPark = new Map(standings.map((s) => [s.parkCode, s]));
    return units.map((unit) =>
      judgePark(unit, days, byStation, holdsDay(from, to, today), byPark.get(unit.parkCode)!),
    );
  }

  /** The KPI of the 12 months ending with the month of `lastDay`, by the one rule, in one query. */
  /** Every park with the outlets that count for it; the open data judges park days by the same. */
  async parkUnits(): Promise<ParkUnit[]> {
    const rows = await this.registry.stations.listParkOutlets();
    const units = new Map<string, ParkUnit>();
    for (const r of rows) {
      let unit = units.get(r.parkCode);
      if (!unit) {
        unit = {
          parkCode: r.parkCode,
          parkName: r.parkName,
          operating: r.parkStatus === 'operating',
          outlets: [],
        };
        units.set(r.parkCode, unit);
      }
      if (isOperatingOutlet(r))
        unit.outlets.push({ stationId: r.stationId!, stationCode: r.stationCode!, plantCode: r.plantCode! });
    }
    return [...units.values()];
  }
}

function isOperatingOutlet(r: ParkOutlet): boolean {
  return r.plantStatus === 'operating' && r.stationId !== null;
}

/**
 * The KPI of parks judged over a period of `days` judged days, counted as SQL parks_meeting_standard counts
 * park_standings_between's rows (migration 0023): operating parks, those that met the standard, and the
 * share (null without an operating park or a judged day). kpi-parity.spec holds the two together.
 */
function meetingStandardOf(
  parks: readonly Pick<ParkPeriodView, 'operating' | 'status'>[],
  days: number,
): ParksMeetingStandard {
  const operating = parks.filter((p) => p.operating);
  const meeting = operating.filter((p) => p.status === 'met').length;
  return {
    operatingParks: operating.length,
    parksMeeting: meeting,
    share: operating.length > 0 && days > 0 ? meeting / operating.length : null,
  };
}

/** Judging stops at today: days after it have no data yet. */
/** The local days of [from, to) judged by today, as the rule's SQL functions take them. */
function judgedPeriod(
  from: string,
  to: string,
  today: string,
): { firstDay: string; endDay: string; days: number } {
  const days = judgedDayCount(from, to, today);
  return { firstDay: from, endDay: days > 0 ? judgedEnd(to, today) : from, days };
}

/** The 12 months ending with the month of `lastDay`, each judged by today. */
function trendMonths(
  lastDay: string,
  today: string,
): ({ month: string } & ReturnType<typeof judgedPeriod>)[] {
  const lastMonth = monthOf(lastDay);
  let first = lastMonth.from;
  for (let i = 0; i < 11; i++) first = monthOf(addDays(first, -1)).from;
  const months: ({ month: string } & ReturnType<typeof judgedPeriod>)[] = [];
  for (let month = first; month < lastMonth.to; month = monthOf(month).to)
    months.push({ month: month.slice(0, 7), ...judgedPeriod(month, monthOf(month).to, today) });
  return months;
}

function judgedEnd(to: string, today: string): string {
  const tomorrow = addDays(today, 1);
  return to < tomorrow ? to : tomorrow;
}

/** Today is judged so far (or not yet): a period that holds it is provisional whatever is stored. */
function holdsDay(from: string, to: string, today: string): boolean {
  return from <= today && today < to;
}

/** Days of [from, to) judged by today. */
function judgedDayCount(from: string, to: string, today: string): number {
  const end = judgedEnd(to, today);
  return end > from ? daysBetween(from, end).length : 0;
}

/**
 * A park's view over a period: its standing as the one rule (SQL park_standings_between) decides, and the
 * facts of each outlet that explain it.
 */
function judgePark(
  unit: ParkUnit,
  days: number,
  byStation: ReadonlyMap<number, StationPeriodSummary>,
  holdsToday: boolean,
  standing: Pick<ParkStanding, 'standing' | 'minCompliantDayShare'>,
): ParkPeriodView {
  const stations: StationPeriodView[] = unit.outlets.map((o) => {
    const s = byStation.get(o.stationId);
    const counted = s
      ? s.compliantDays + s.exceedanceDays + s.insufficientDays + s.suspectedDays + s.noPermitDays
      : 0;
    return {
      ...o,
      days,
      compliantDays: s?.compliantDays ?? 0,
      exceedanceDays: s?.exceedanceDays ?? 0,
      insufficientDays: s?.insufficientDays ?? 0,
      suspectedDays: s?.suspectedDays ?? 0,
      noPermitDays: s?.noPermitDays ?? 0,
      missingDays: Math.max(0, days - counted),
      provisionalDays: s?.provisionalDays ?? 0,
      provisional: holdsToday || (s?.provisionalDays ?? 0) > 0,
      recentProblems: s?.reasons ?? [],
    };
  });
  const status = standing.standing;
  const share = standing.minCompliantDayShare;
  const reasons: Reason[] = [];
  const latestDay = (s: StationPeriodView, verdict: string) =>
    s.recentProblems.find((p) => p.verdict === verdict)?.day ?? null;
  if (status === 'no_operating_plant') reasons.push(reason('PARK_NO_OPERATING_PLANT', {}));
  else if (days === 0) reasons.push(reason('PARK_NOT_JUDGED', {}));
  for (const s of stations) {
    const station = `${s.plantCode}/${s.stationCode}`;
    if (s.exceedanceDays > 0)
      reasons.push(
        reason('PARK_STATION_EXCEEDANCE', {
          station,
          days: s.exceedanceDays,
          latestDay: latestDay(s, 'exceedance'),
        }),
      );
    if (s.suspectedDays > 0)
      reasons.push(
        reason('PARK_STATION_SUSPECTED', {
          station,
          days: s.suspectedDays,
          latestDay: latestDay(s, 'suspected_exceedance'),
        }),
      );
    if (status !== 'no_permit' && status !== 'insufficient_data') continue;
    if (s.noPermitDays > 0 && s.noPermitDays === s.days)
      reasons.push(reason('PARK_STATION_NO_PERMIT', { station }));
    else if (days > 0 && s.compliantDays < share * days)
      reasons.push(
        reason('PARK_STATION_LOW_COMPLIANCE', {
          station,
          compliantDays: s.compliantDays,
          days,
          insufficientDays: s.insufficientDays,
          missingDays: s.missingDays,
          noPermitDays: s.noPermitDays,
          minShare: share,
        }),
      );
  }
  return {
    parkCode: unit.parkCode,
    parkName: unit.parkName,
    operating: unit.operating,
    hasOperatingPlant: stations.length > 0,
    status,
    minCompliantDayShare: share,
    provisional: holdsToday || stations.some((s) => s.provisional),
    reasons,
    stations,
  };
}
