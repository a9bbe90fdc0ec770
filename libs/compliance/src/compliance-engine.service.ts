import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { WATER_PARAMETERS } from '@hp/contracts';
import { Database, DATABASE } from '@hp/storage';
import { DischargePermit, RegistryReader, Station } from '@hp/registry';
import { DataVersion, HourWindowStats, ReadingsReader, ReadingsWriter, TakenMark } from '@hp/readings';
import { ComplianceParameterDaysRepository } from './storage/compliance-parameter-days.repository';
import { ComplianceStationDaysRepository } from './storage/compliance-station-days.repository';
import { SetAsideDecision, SetAsideReview, StationDayWarning } from './storage/compliance.types';
import { SetAsideReviewsRepository } from './storage/set-aside-reviews.repository';
import { addDays, daysBetween, localDayOf, localDayStart } from '@hp/contracts';
import { judgeStationDay, StationDayJudgement } from './judgement/judge-day';
import { RecomputeOutcomeMetrics } from './recompute-metrics';
import {
  flowBandWarning,
  permitFlatlineRecords,
  permitKfBand,
  permitLimit,
  permitWindows,
} from './standards/permit-limits';
import { Limit, shippedCatalogue, StandardsCatalogue } from './standards/standards-catalogue';

export const STANDARDS_CATALOGUE = Symbol('STANDARDS_CATALOGUE');

/** Days read and written per query and transaction when recomputing a long range. */
export const RECOMPUTE_CHUNK_DAYS = 31;

/** Marks handled per pass of recomputeMarked(). */
export const RECOMPUTE_MARKS_PER_PASS = 1000;

/** Back-off of a station-day whose recompute failed: doubled per failure from the first delay, capped. */
export interface RecomputeRetryPolicy {
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
}
export const RECOMPUTE_RETRY_POLICY = Symbol('RECOMPUTE_RETRY_POLICY');
/** One minute (the recompute job's period), then 2, 4, ... at most an hour between tries. */
export const DEFAULT_RECOMPUTE_RETRY: RecomputeRetryPolicy = { firstRetryMs: 60_000, maxRetryMs: 3_600_000 };

/** When a judged day is final, and the clock it is judged by. */
export interface ComplianceJudgingOptions {
  /**
   * A local day stays provisional this long after it closes (late data from loggers' buffers), then its
   * verdict is final (judged again only when new data or corrections arrive).
   */
  readonly lateDataWindowMs: number;
  /** The clock (tests judge "as of" a moment). */
  readonly now?: () => Date;
}
export const COMPLIANCE_JUDGING = Symbol('COMPLIANCE_JUDGING');
/** 60 minutes: the default of COMPLIANCE_LATE_DATA_WINDOW_MINUTES. */
export const DEFAULT_COMPLIANCE_JUDGING: ComplianceJudgingOptions = { lateDataWindowMs: 3_600_000 };

/** A provisional station-day is judged again when its verdict is older than this (so "so far" moves on). */
export const PROVISIONAL_REFRESH_MS = 5 * 60_000;

/** What one pass of recomputeMarked() did with the marks it took. */
export interface RecomputePassResult {
  /** Marks taken (judged, kept for a retry, or dropped). */
  taken: number;
  judged: number;
  /** Kept marked: their recompute failed, retried after back-off. */
  failed: number;
  /** Their station was deleted since it was marked. */
  dropped: number;
}

const UNITS: ReadonlyMap<string, string> = new Map(WATER_PARAMETERS.map((p) => [p.code, p.unit]));

/**
 * Judges stations' local days from their readings and stores the results. Recomputing is idempotent: a
 * station-day's results are replaced as a whole, so late or corrected data (the marks ingestion leaves)
 * is handled by recomputing the marked days.
 */
@Injectable()
export class ComplianceEngine {
  private readonly logger = new Logger(ComplianceEngine.name);
  private readonly catalogue: StandardsCatalogue;
  private readonly retry: RecomputeRetryPolicy;
  private readonly outcomes = new RecomputeOutcomeMetrics();
  private readonly judging: ComplianceJudgingOptions;
  private readonly stationDays: ComplianceStationDaysRepository;
  private readonly reviews: SetAsideReviewsRepository;
  /** What the last recomputeMarked() pass did with its marks. */
  lastPass: RecomputePassResult = { taken: 0, judged: 0, failed: 0, dropped: 0 };

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly reader: ReadingsReader,
    private readonly registry: RegistryReader,
    private readonly writer: ReadingsWriter,
    @Optional() @Inject(STANDARDS_CATALOGUE) catalogue: StandardsCatalogue | null,
    @Optional() @Inject(RECOMPUTE_RETRY_POLICY) retry: RecomputeRetryPolicy | null = null,
    @Optional() @Inject(COMPLIANCE_JUDGING) judging: ComplianceJudgingOptions | null = null,
  ) {
    this.catalogue = catalogue ?? shippedCatalogue();
    this.retry = retry ?? DEFAULT_RECOMPUTE_RETRY;
    this.judging = judging ?? DEFAULT_COMPLIANCE_JUDGING;
    this.stationDays = new ComplianceStationDaysRepository(db);
    this.reviews = new SetAsideReviewsRepository(db);
  }

  private now(): Date {
    return this.judging.now?.() ?? new Date();
  }

  /** An engine over a database outside Nest (CLI, benchmark, tests). */
  static forDatabase(
    db: Database,
    catalogue: StandardsCatalogue | null = null,
    retry: RecomputeRetryPolicy | null = null,
    judging: ComplianceJudgingOptions | null = null,
  ): ComplianceEngine {
    return new ComplianceEngine(
      db,
      new ReadingsReader(db),
      new RegistryReader(db),
      new ReadingsWriter(db),
      catalogue,
      retry,
      judging,
    );
  }

  /**
   * Recomputes [fromDay, toDay) for every active station, `concurrency` stations at a time (each on its
   * own connection); returns stations and station-days judged.
   */
  async recomputeAll(
    fromDay: string,
    toDay: string,
    concurrency = 1,
  ): Promise<{ stations: number; stationDays: number }> {
    const stations = (await this.registry.stations.listRefs()).filter((s) => s.active);
    let stationDays = 0;
    let next = 0;
    const readFlatlineDefaults = this.flatlineDefaultsOfBatch();
    const worker = async () => {
      while (next < stations.length) {
        const judged = await this.recomputeStationIn(
          stations[next++].id,
          fromDay,
          toDay,
          readFlatlineDefaults,
        );
        stationDays += judged; // after the await: `x += await f()` would add to a stale x
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    return { stations: stations.length, stationDays };
  }

  /** Recomputes every local day of [fromDay, toDay) of one station; returns the days judged. */
  async recomputeStation(stationId: number, fromDay: string, toDay: string): Promise<number> {
    return this.recomputeStationIn(stationId, fromDay, toDay, this.flatlineDefaultsOfBatch());
  }

  private async recomputeStationIn(
    stationId: number,
    fromDay: string,
    toDay: string,
    readFlatlineDefaults: FlatlineDefaultsOfBatch,
  ): Promise<number> {
    const station = await this.registry.stations.findById(stationId);
    if (!station) throw new Error(`station ${stationId} does not exist`);
    return this.recomputeStationOf(station, fromDay, toDay, readFlatlineDefaults);
  }

  /**
   * flatline_defaults for one batch of recomputes (the stations of recomputeAll, the runs of a
   * recomputeMarked pass), read when the first of them judges and then shared. A failed read is not kept:
   * the next station reads again, failing or judging as it would have on its own.
   */
  private flatlineDefaultsOfBatch(): FlatlineDefaultsOfBatch {
    let read: Promise<Map<string, number>> | undefined;
    return () =>
      (read ??= this.reviews.flatlineDefaults().catch((error: unknown) => {
        read = undefined;
        throw error;
      }));
  }

  private async recomputeStationOf(
    station: { id: number; expectedIntervalSeconds: number },
    fromDay: string,
    toDay: string,
    readFlatlineDefaults: FlatlineDefaultsOfBatch,
  ): Promise<number> {
    const stationId = station.id;
    const permits = await this.registry.permits.listOverlapping([stationId], fromDay, toDay);
    // Each judged parameter's measurement cadence at this station (registered, else its default).
    const cadences = new Map(
      [
        ...(await this.registry.cadences.forStation(stationId, [
          ...new Set(permits.flatMap((p) => p.parameters)),
        ])),
      ].map(([code, c]) => [code, c.cadenceSeconds]),
    );
    const flatlineDefaults = await readFlatlineDefaults();
    // One clock reading for the whole run: every day is judged as of the same moment.
    const now = this.now();
    let judged = 0;
    for (let start = fromDay; start < toDay; start = addDays(start, RECOMPUTE_CHUNK_DAYS)) {
      const end = minDay(addDays(start, RECOMPUTE_CHUNK_DAYS), toDay);
      const judgements: StationDayJudgement[] = [];
      // The data version is read before the readings: a correction committed in between may be used but is
      // never counted, so the day shows as stale (never as newer than it is) until its mark gets it judged again.
      const versions = await this.reader.corrections.versionsByDay(stationId, start, end);
      const reviews = reviewsByDay(await this.reviews.inForce(stationId, start, end));
      // One stats query per permit in force in the chunk (its parameters and flat-line rules).
      for (const segment of segmentsByPermit(permits, start, end)) {
        const flatline = new Map(
          (segment.permit?.parameters ?? []).map((code) => [
            code,
            permitFlatlineRecords(segment.permit!, code, flatlineDefaults),
          ]),
        );
        const hours = segment.permit
          ? await this.reader.readings.hourWindowStats(
              stationId,
              segment.permit.parameters,
              segment.from,
              segment.to,
              flatline,
              // Corrections are rare: the join only where the chunk has some.
              { applyCorrections: versions.size > 0 },
            )
          : [];
        const byDay = groupByDay(hours);
        const flows =
          segment.permit && permitKfBand(this.catalogue, segment.permit)
            ? await this.dailyFlows(stationId, segment.from, segment.to, versions.size > 0)
            : new Map<string, DailyFlow>();
        const limits = segment.permit ? this.limitsOf(segment.permit) : new Map<string, Limit>();
        const windows = new Map(
          (segment.permit?.parameters ?? []).map((code) => [code, permitWindows(segment.permit!, code)]),
        );
        for (const day of daysBetween(segment.from, segment.to)) {
          const flowWarning = segment.permit
            ? flowBandWarning(this.catalogue, segment.permit, flows.get(day))
            : null;
          judgements.push(
            withDataVersion(
              versions.get(day),
              flowWarning,
              judgeStationDay({
                stationId,
                day,
                permit: segment.permit,
                cadenceSeconds: cadences,
                defaultCadenceSeconds: station.expectedIntervalSeconds,
                ...this.timingOf(day, now),
                limits,
                windows,
                units: UNITS,
                hours: byDay.get(day) ?? [],
                flatlineRecords: flatline,
                reviews: reviews.get(day),
              }),
            ),
          );
        }
      }
      await this.store(judgements);
      judged += judgements.length;
    }
    return judged;
  }

  /**
   * Recomputes the due station-days ingestion marked, oldest first. Only marks judged successfully are
   * acknowledged: a failed run of days stays marked and is retried after a back-off (so one poisoned station
   * does not spin), and a mark is dropped unjudged only when its station was deleted since. Returns the
   * marks taken (what happened to them: lastPass).
   */
  async recomputeMarked(limit = RECOMPUTE_MARKS_PER_PASS): Promise<number> {
    const marks = await this.writer.takeRecomputeMarks(limit);
    const byStation = new Map<number, TakenMark[]>();
    for (const m of marks) {
      const list = byStation.get(m.stationId);
      if (list) list.push(m);
      else byStation.set(m.stationId, [m]);
    }
    const result: RecomputePassResult = { taken: marks.length, judged: 0, failed: 0, dropped: 0 };
    const readFlatlineDefaults = this.flatlineDefaultsOfBatch();
    const judged: TakenMark[] = [];
    for (const [stationId, stationMarks] of byStation) {
      let station: Station | null;
      try {
        station = await this.registry.stations.findById(stationId);
      } catch (error) {
        await this.keepForRetry(stationId, stationMarks, error);
        result.failed += stationMarks.length;
        continue;
      }
      if (!station) {
        this.logger.warn(
          `station ${stationId} was deleted since it was marked: dropping ${stationMarks.length} mark(s) unjudged`,
        );
        await this.writer.acknowledgeRecomputeMarks(stationMarks);
        this.outcomes.dropped.inc(stationMarks.length);
        result.dropped += stationMarks.length;
        continue;
      }
      // Runs of consecutive days become one range each.
      const sorted = [...stationMarks].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
      let runStart = 0;
      for (let i = 1; i <= sorted.length; i++) {
        if (i < sorted.length && sorted[i].day === addDays(sorted[i - 1].day, 1)) continue;
        const run = sorted.slice(runStart, i);
        try {
          await this.recomputeStationOf(
            station,
            run[0].day,
            addDays(run[run.length - 1].day, 1),
            readFlatlineDefaults,
          );
          judged.push(...run);
        } catch (error) {
          await this.keepForRetry(stationId, run, error);
          result.failed += run.length;
        }
        runStart = i;
      }
    }
    await this.writer.acknowledgeRecomputeMarks(judged);
    result.judged = judged.length;
    this.lastPass = result;
    return marks.length;
  }

  /** A failed run stays marked, due again after the back-off; the failure is logged and counted. */
  private async keepForRetry(stationId: number, marks: readonly TakenMark[], error: unknown): Promise<void> {
    const message = (error as Error).message ?? String(error);
    const attempts = Math.max(...marks.map((m) => m.attempts)) + 1;
    this.logger.error(
      `recompute of station ${stationId} (${marks[0].day}..${marks[marks.length - 1].day}) failed, attempt ${attempts}; kept marked for a retry: ${message}`,
    );
    this.outcomes.failures.inc(marks.length);
    await this.writer.retryRecomputeLater(marks, message, this.retry);
  }

  /**
   * The measured flow of each local day of [fromDay, toDay): the mean of its status-00 Flow records (m3/h).
   * Flat-lines count here: a fixed-rate pump's steady flow is still the flow discharged.
   */
  private async dailyFlows(
    stationId: number,
    fromDay: string,
    toDay: string,
    applyCorrections: boolean,
  ): Promise<Map<string, DailyFlow>> {
    const hours = await this.reader.readings.hourWindowStats(
      stationId,
      ['Flow'],
      fromDay,
      toDay,
      NOT_SCREENED,
      {
        applyCorrections,
      },
    );
    const sums = new Map<string, { sum: number; valid: number }>();
    for (const h of hours) {
      if (h.valid === 0 || h.sum === null) continue;
      const day = sums.get(h.day) ?? { sum: 0, valid: 0 };
      day.sum += h.sum;
      day.valid += h.valid;
      sums.set(h.day, day);
    }
    return new Map(
      [...sums].map(([day, d]) => [day, { meanM3PerHour: d.sum / d.valid, validRecords: d.valid }]),
    );
  }

  /**
   * How far a local day is judged as of `now`: a day in progress only on the records expected so far;
   * provisional until it has closed and its late-data window has passed.
   */
  private timingOf(
    day: string,
    now: Date,
  ): { judgedSecondsOfDay?: number; judgedUntil?: Date; provisional: boolean } {
    const start = localDayStart(day).getTime();
    const end = localDayStart(addDays(day, 1)).getTime();
    const at = now.getTime();
    const provisional = at < end + this.judging.lateDataWindowMs;
    if (at >= end) return { provisional };
    return { judgedSecondsOfDay: Math.floor((at - start) / 1000), judgedUntil: now, provisional };
  }

  /**
   * Marks for judging again what must move without new data: today of every active station without a verdict
   * yet (a station that sent nothing), every day in progress judged up to more than PROVISIONAL_REFRESH_MS
   * ago (so "so far" moves on), and every closed provisional day (so it turns final once its late-data
   * window has passed). Returns the marks made.
   */
  async markProvisionalDays(): Promise<number> {
    const now = this.now();
    const today = localDayOf(now);
    const due = await this.stationDays.provisionalDue(new Date(now.getTime() - PROVISIONAL_REFRESH_MS));
    const active = (await this.registry.stations.listRefs()).filter((s) => s.active).map((s) => s.id);
    const judgedToday = new Set(
      (await this.stationDays.verdicts(active, today, addDays(today, 1))).map((v) => v.stationId),
    );
    const marks = [
      ...due,
      // Active stations without a verdict for today yet (the others are refreshed through `due`).
      ...active.filter((id) => !judgedToday.has(id)).map((stationId) => ({ stationId, day: today })),
    ];
    await this.writer.markForRecompute(marks);
    return marks.length;
  }

  /** Limits of every judged parameter under a permit (parameters without any limit are left out). */
  limitsOf(permit: DischargePermit): Map<string, Limit> {
    const limits = new Map<string, Limit>();
    for (const code of permit.parameters) {
      const limit = permitLimit(this.catalogue, permit, code);
      if (limit) limits.set(code, limit);
    }
    return limits;
  }

  private async store(judgements: readonly StationDayJudgement[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await new ComplianceParameterDaysRepository(tx).replaceDays(
        judgements.map((j) => j.station),
        judgements.flatMap((j) => j.parameters),
      );
      await new ComplianceStationDaysRepository(tx).upsertMany(judgements.map((j) => j.station));
    });
  }
}

/** The default flat-line run length of each parameter, read at most once per batch of recomputes. */
type FlatlineDefaultsOfBatch = () => Promise<ReadonlyMap<string, number>>;

const NO_CORRECTIONS: DataVersion = { corrections: 0, lastCorrectionId: null };

/** Flat-line run length 0: no value is set aside. */
const NOT_SCREENED = 0;

/** Reviews in force by day, then parameter. */
function reviewsByDay(
  reviews: readonly SetAsideReview[],
): Map<string, Map<string, { decision: SetAsideDecision; setAsideRecords: number }>> {
  const byDay = new Map<string, Map<string, { decision: SetAsideDecision; setAsideRecords: number }>>();
  for (const r of reviews) {
    const day = byDay.get(r.day) ?? new Map();
    day.set(r.parameterCode, { decision: r.decision, setAsideRecords: r.setAsideRecords });
    byDay.set(r.day, day);
  }
  return byDay;
}

interface DailyFlow {
  meanM3PerHour: number;
  validRecords: number;
}

function withDataVersion(
  version: DataVersion | undefined,
  flowWarning: StationDayWarning | null,
  judgement: StationDayJudgement,
): StationDayJudgement {
  return {
    ...judgement,
    station: {
      ...judgement.station,
      dataVersion: version ?? NO_CORRECTIONS,
      warnings: [...(judgement.station.warnings ?? []), ...(flowWarning ? [flowWarning] : [])],
    },
  };
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** [from, to) cut where the permit in force changes; days without a permit get permit null. */
export function segmentsByPermit(
  permits: readonly DischargePermit[],
  from: string,
  to: string,
): { from: string; to: string; permit: DischargePermit | null }[] {
  const segments: { from: string; to: string; permit: DischargePermit | null }[] = [];
  let day = from;
  while (day < to) {
    // The permit in force on `day`: the latest that started on or before it and has not ended.
    const inForce =
      [...permits]
        .filter((p) => p.effectiveFrom <= day && (p.effectiveTo === null || p.effectiveTo > day))
        .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0] ?? null;
    // It holds until it ends or a later permit starts, whichever comes first.
    let end = to;
    if (inForce?.effectiveTo && inForce.effectiveTo < end) end = inForce.effectiveTo;
    for (const p of permits) if (p.effectiveFrom > day && p.effectiveFrom < end) end = p.effectiveFrom;
    segments.push({ from: day, to: end, permit: inForce });
    day = end;
  }
  return segments;
}

function groupByDay(hours: readonly HourWindowStats[]): Map<string, HourWindowStats[]> {
  const byDay = new Map<string, HourWindowStats[]>();
  for (const h of hours) {
    const list = byDay.get(h.day);
    if (list) list.push(h);
    else byDay.set(h.day, [h]);
  }
  return byDay;
}
