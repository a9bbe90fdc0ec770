import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { addDays, localDayOf, localDayStart, reason } from '@hp/contracts';
import { AlertHistory, AlertLifecycle, AlertRule, AlertsReader } from '@hp/alerting';
import { PermitLimitsService } from '@hp/compliance';
import { DATABASE, Database } from '@hp/storage';
import { RegistryReader, StationRef } from '@hp/registry';
import { dayScore, QUIET, stepSignal } from '../rules/hysteresis';
import { RULE_CHECKS } from '../rules/rules';
import { DayContext, DqReading, DqRule, DqRuleCode, num } from '../rules/rule-types';
import {
  DataQualityRepository,
  DaySignal,
  StationDayQuality,
  StoredSignalState,
} from '../storage/data-quality.repository';
import { StationInputsRepository } from '../storage/station-inputs.repository';

const HOUR_MS = 3_600_000;

export interface DataQualityOptions {
  /** A local day is evaluated once it has closed and this late-data window has passed. */
  readonly lateDataWindowMs: number;
  /** How many closed days back a station with no evaluated day starts from (the trend's length). */
  readonly initialDays: number;
  readonly now: () => Date;
}

export const DATA_QUALITY_OPTIONS = 'DATA_QUALITY_OPTIONS';
export const DEFAULT_DATA_QUALITY_OPTIONS: DataQualityOptions = {
  lateDataWindowMs: HOUR_MS,
  initialDays: 30,
  now: () => new Date(),
};

/** The subject of a station's data-quality alert for one rule (one open alert per rule and station). */
export const dataQualitySubject = (stationId: number, code: DqRuleCode) => `station:${stationId}/dq:${code}`;

/**
 * Evaluates the data-quality rules per station and closed local day, in day order: each rule's finding
 * steps its hysteresis; a signal raised or cleared opens or resolves an alert through the alert lifecycle
 * (rules of kind data_quality, scoped like any alert rule); the day's score and findings are stored.
 */
@Injectable()
export class DataQualityEvaluator {
  private readonly log = new Logger(DataQualityEvaluator.name);
  private readonly options: DataQualityOptions;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly limits: PermitLimitsService,
    private readonly lifecycle: AlertLifecycle,
    @Optional() @Inject(DATA_QUALITY_OPTIONS) options: Partial<DataQualityOptions> | null,
  ) {
    this.options = { ...DEFAULT_DATA_QUALITY_OPTIONS, ...(options ?? {}) };
  }

  /** The last local day that has closed and whose late-data window has passed. */
  lastClosedDay(now: Date = this.options.now()): string {
    return addDays(localDayOf(new Date(now.getTime() - this.options.lateDataWindowMs)), -1);
  }

  /**
   * Every active station's closed days not yet evaluated, oldest day first across the stations, at most
   * `maxDays` station-days (the rest on the next pass); returns how many station-days were evaluated.
   * A backlog (a first pass over weeks of history) is read a day at a time, each day's readings once (the
   * days a rule looks back on are kept from the days before), with the event loop's turn between
   * station-days, so other requests to the (embedded, single-connection) database are served throughout.
   */
  async evaluateDue(maxDays = Infinity): Promise<number> {
    const lastClosed = this.lastClosedDay();
    const [refs, evaluated] = await Promise.all([
      new RegistryReader(this.db).stations.listRefs(),
      new DataQualityRepository(this.db).lastEvaluatedDays(),
    ]);
    const inputs = new StationInputsRepository(this.db);
    const due: { ref: StationRef; next: string; cache: DayReadings }[] = [];
    for (const ref of refs.filter((r) => r.active)) {
      const last = evaluated.get(ref.id);
      let from: string;
      if (last) from = addDays(last, 1);
      else {
        const earliest = localDayStart(addDays(lastClosed, 1 - this.options.initialDays));
        const first = await inputs.firstReadingSince(ref.id, earliest);
        if (!first) continue;
        from = localDayOf(first);
      }
      if (from <= lastClosed) due.push({ ref, next: from, cache: new DayReadings(inputs, ref.id) });
    }
    let count = 0;
    while (due.length > 0 && count < maxDays) {
      // The station furthest behind goes next, so every station's days advance together.
      const station = due.reduce((a, b) => (b.next < a.next ? b : a));
      try {
        await this.evaluateDay(station.ref.id, station.next, station.cache);
        count++;
        station.next = addDays(station.next, 1);
        if (station.next > lastClosed) due.splice(due.indexOf(station), 1);
      } catch (error) {
        // One station's failure must not hold up the others; its day is tried again on the next pass.
        this.log.error(`data quality of station ${station.ref.code} failed: ${(error as Error).message}`);
        due.splice(due.indexOf(station), 1);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return count;
  }

  /**
   * Evaluates one station-day after the previous one (its hysteresis continues from the stored state).
   * `readings`: the station's day readings already read (evaluateDue's, day after day).
   */
  async evaluateDay(
    stationId: number,
    day: string,
    readings: DayReadings = new DayReadings(new StationInputsRepository(this.db), stationId),
  ): Promise<StationDayQuality> {
    const now = this.options.now();
    const repo = new DataQualityRepository(this.db);
    const [rules, states, ref] = await Promise.all([
      repo.rules(),
      repo.states(stationId),
      this.station(stationId),
    ]);
    const ctx = await this.context(stationId, day, rules, readings);
    const signals: DaySignal[] = [];
    const next: StoredSignalState[] = [];
    const changes: { code: DqRuleCode; change: 'raised' | 'cleared'; params: Record<string, unknown> }[] = [];
    for (const rule of rules) {
      const finding = rule.enabled
        ? RULE_CHECKS[rule.code](ctx, rule.settings)
        : { holds: false, params: {} };
      const before = states.get(rule.code) ?? { ...QUIET, ruleCode: rule.code, lastDay: day, params: {} };
      // A disabled rule clears at once: it no longer vouches for its signal.
      const stepped = stepSignal(
        before,
        finding.holds,
        rule.raiseAfter,
        rule.enabled ? rule.clearAfter : 1,
        day,
      );
      const params = stepped.state.raised ? (finding.holds ? finding.params : before.params) : {};
      next.push({ ...stepped.state, ruleCode: rule.code, lastDay: day, params });
      signals.push({
        code: rule.code,
        holds: finding.holds,
        raised: stepped.state.raised,
        params: finding.params,
      });
      if (stepped.change) changes.push({ code: rule.code, change: stepped.change, params: { ...params } });
    }
    const weights = new Map(rules.map((r) => [r.code, r.weight]));
    const score = dayScore(
      signals.filter((s) => s.raised).map((s) => ({ weight: weights.get(s.code) ?? 0 })),
    );
    const result: StationDayQuality = { day, score, signals };

    // A day of a history written straight to the database (the demo's) is judged and stored, but its
    // signals open or resolve no alert: only the current days page anyone.
    if (changes.length > 0 && ref && !(await new AlertHistory(this.db).cut())?.isHistoryDay(day)) {
      const alertRules = (await new AlertsReader(this.db).rules.listEnabled()).filter(
        (r) => r.kind === 'data_quality' && inScope(r, ref.parkId, stationId),
      );
      for (const c of changes)
        for (const rule of alertRules) {
          const subject = dataQualitySubject(stationId, c.code);
          if (c.change === 'raised')
            await this.lifecycle.raise({
              ruleId: rule.id,
              subject,
              kind: 'data_quality',
              severity: rule.severity,
              parkId: ref.parkId,
              stationId,
              // The signal's findings stay in details; the catalogue words the reason.
              reason: reason('ALERT_DATA_QUALITY', { station: ref.code, signal: c.code, day }),
              details: { code: c.code, day, params: c.params },
              at: now,
            });
          else await this.lifecycle.resolveCause(rule.id, subject, now);
        }
    }
    await this.db.transaction(async (tx) => {
      const inTx = new DataQualityRepository(tx);
      for (const state of next) await inTx.saveState(stationId, state);
      await inTx.saveDay(stationId, result);
    });
    return result;
  }

  private async station(stationId: number): Promise<(StationRef & { parkId: number | null }) | null> {
    const [refs, parks] = await Promise.all([
      new RegistryReader(this.db).stations.listRefs(),
      new RegistryReader(this.db).parks.list(),
    ]);
    const ref = refs.find((r) => r.id === stationId);
    if (!ref) return null;
    return { ...ref, parkId: parks.find((p) => p.code === ref.parkCode)?.id ?? null };
  }

  private async context(
    stationId: number,
    day: string,
    rules: readonly DqRule[],
    days: DayReadings,
  ): Promise<DayContext> {
    const inputs = new StationInputsRepository(this.db);
    const settings = (code: DqRuleCode) => rules.find((r) => r.code === code)?.settings ?? {};
    const dayStart = localDayStart(day);
    const dayEnd = localDayStart(addDays(day, 1));
    const lookback = Math.max(0, Math.floor(num(settings('REPEATED_DAY'), 'lookbackDays', 7)));
    const hoursBefore = num(settings('INSPECTION_GAP'), 'hoursBefore', 24) * HOUR_MS;
    const hoursAfter = num(settings('INSPECTION_GAP'), 'hoursAfter', 24) * HOUR_MS;
    const baselineDays = num(settings('INSPECTION_GAP'), 'baselineDays', 7);
    const earlierDays = Array.from({ length: lookback }, (_, i) => addDays(day, i - lookback));
    days.keepFrom(earlierDays[0] ?? day);
    const readings = await days.of(day);
    const earlier: { day: string; readings: DqReading[] }[] = [];
    for (const d of earlierDays) {
      const list = await days.of(d);
      if (list.length > 0) earlier.push({ day: d, readings: list });
    }
    const [limits, schedules, inspections] = await Promise.all([
      this.limits.forStation(stationId, day),
      inputs.schedules(stationId),
      inputs.inspections(
        stationId,
        new Date(dayStart.getTime() - hoursAfter),
        new Date(dayEnd.getTime() + hoursBefore),
      ),
    ]);
    const baselinePerHour = new Map<number, number>();
    for (const i of inspections) {
      const windowStart = new Date(i.startsAt.getTime() - hoursBefore);
      const from = new Date(windowStart.getTime() - baselineDays * 24 * HOUR_MS);
      baselinePerHour.set(
        i.id,
        (await inputs.validCount(stationId, from, windowStart)) / (baselineDays * 24),
      );
    }
    return {
      day,
      dayStart,
      dayEnd,
      readings,
      earlierDays: earlier,
      limits: limits.limits,
      schedules,
      inspections,
      baselinePerHour,
    };
  }
}

/**
 * One station's readings by local day, each day read once: a day's evaluation looks back on the days before
 * it (REPEATED_DAY), which the previous days' evaluations have read already.
 */
export class DayReadings {
  private readonly days = new Map<string, DqReading[]>();

  constructor(
    private readonly inputs: StationInputsRepository,
    private readonly stationId: number,
  ) {}

  async of(day: string): Promise<DqReading[]> {
    let readings = this.days.get(day);
    if (!readings) {
      readings = await this.inputs.readings(
        this.stationId,
        localDayStart(day),
        localDayStart(addDays(day, 1)),
      );
      this.days.set(day, readings);
    }
    return readings;
  }

  /** Forgets the days before `day` (no later evaluation looks back on them). */
  keepFrom(day: string): void {
    for (const d of this.days.keys()) if (d < day) this.days.delete(d);
  }
}

function inScope(rule: AlertRule, parkId: number | null, stationId: number): boolean {
  if (rule.stationId !== null && rule.stationId !== stationId) return false;
  return rule.parkId === null || rule.parkId === parkId;
}
