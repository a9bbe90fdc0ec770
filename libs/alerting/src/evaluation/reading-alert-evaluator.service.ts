import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { localDayOf } from '@hp/contracts';
import { permitLimit, shippedCatalogue, STANDARDS_CATALOGUE, StandardsCatalogue } from '@hp/compliance';
import {
  AlertRule,
  AlertRuleKind,
  AlertRulesRepository,
  DATABASE,
  Database,
  DischargePermitsRepository,
  NewReading,
  ParksRepository,
  ReadingsRepository,
  StationsRepository,
} from '@hp/storage';
import { AlertLifecycle } from '../lifecycle/alert-lifecycle.service';
import { RuleSettings, settingsOf } from '../rules/rule-settings';
import { HysteresisState, NORMAL, Observation, step } from './hysteresis';
import { stationParameterSubject } from './subjects';

/** Rules and station limits are read again this often (a rule or permit edit applies within it). */
export const ALERT_RULES_REFRESH_MS = 15_000;
/**
 * The evaluation watermark trails the last evaluated commit by this much, so a batch still being written
 * when it moved is evaluated again after a crash (evaluation is idempotent).
 */
const WATERMARK_MARGIN_MS = 60_000;
const WATERMARK = 'readings_evaluated';
/** Recovery looks at readings of this many days back at most (the ingestion backfill window). */
const RECOVERY_DAYS = 60;
const RECOVERY_CHUNK = 20_000;
const READING_KINDS: readonly AlertRuleKind[] = [
  'threshold',
  'window_mean',
  'rate_of_change',
  'status_stuck',
];

interface Limit {
  readonly min: number | null;
  readonly max: number | null;
  readonly basis: string;
}

interface StationInfo {
  readonly parkId: number | null;
  readonly stationCode: string;
  /** Permit limits by parameter, for today's permit. */
  readonly limits: Map<string, Limit | null>;
}

/** Recent valid values of one station parameter (window means and rates). */
interface Series {
  points: { t: number; v: number }[];
  primed: boolean;
}

/**
 * Evaluates the reading rules (threshold, window mean, rate of change, status stuck) on every committed
 * batch of readings, right after the commit (ingestion calls onCommitted). Each (rule, station/parameter)
 * runs the hysteresis machine; its state is persisted on every phase change, so a restart loses no
 * pending duration, and an observation not newer than the last one applied changes nothing. Batches are
 * evaluated one after another, off the ingestion path: a slow evaluation never holds an acknowledgement.
 */
@Injectable()
export class ReadingAlertEvaluator implements OnApplicationBootstrap {
  private readonly log = new Logger(ReadingAlertEvaluator.name);
  private readonly catalogue: StandardsCatalogue;
  private rules: AlertRule[] = [];
  private rulesAt = 0;
  private stations = new Map<number, StationInfo>();
  private refs = new Map<number, { code: string; parkId: number | null }>();
  private readonly states = new Map<string, HysteresisState>();
  private statesLoaded = false;
  private readonly series = new Map<string, Series>();
  private chain: Promise<void> = Promise.resolve();
  /** Batches evaluated (for tests and metrics). */
  evaluated = 0;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly lifecycle: AlertLifecycle,
    @Optional() @Inject(STANDARDS_CATALOGUE) catalogue: StandardsCatalogue | null,
  ) {
    this.catalogue = catalogue ?? shippedCatalogue();
  }

  /** Ingestion's hook: queues the batch for evaluation and returns at once. */
  onCommitted(rows: readonly NewReading[]): void {
    if (rows.length === 0) return;
    const committedBy = Date.now();
    this.chain = this.chain
      .then(() => this.evaluate(rows))
      .then(() => this.advanceWatermark(committedBy))
      .catch((error: unknown) => this.log.error(`alert evaluation failed: ${(error as Error).message}`));
  }

  /**
   * After a restart: evaluates again what was stored since the watermark, so readings committed just
   * before a crash, but never evaluated, still raise their alerts. Idempotent: observations not newer
   * than a rule's last one are ignored.
   */
  async onApplicationBootstrap(): Promise<void> {
    const rules = new AlertRulesRepository(this.db);
    const since = await rules.watermark(WATERMARK);
    if (!since) {
      await rules.setWatermark(WATERMARK, new Date(Date.now() - WATERMARK_MARGIN_MS));
      return;
    }
    let notBefore = new Date(Date.now() - RECOVERY_DAYS * 86_400_000);
    const readings = new ReadingsRepository(this.db);
    let recovered = 0;
    for (;;) {
      const rows = await readings.receivedSince(since, notBefore, RECOVERY_CHUNK);
      await this.evaluate(rows);
      recovered += rows.length;
      const last = rows[rows.length - 1]?.time;
      // A full chunk: go on from its last time (rows at that very time are read twice: harmless).
      if (rows.length < RECOVERY_CHUNK || !last || last.getTime() === notBefore.getTime()) break;
      notBefore = last;
    }
    if (recovered > 0)
      this.log.log(`evaluated ${recovered} reading(s) stored since ${since.toISOString()} again`);
  }

  private watermarkAt = 0;

  /** Moves the watermark (at most once a second): batches committed before it are evaluated. */
  private async advanceWatermark(committedBy: number): Promise<void> {
    if (committedBy - this.watermarkAt < 1_000) return;
    this.watermarkAt = committedBy;
    await new AlertRulesRepository(this.db).setWatermark(
      WATERMARK,
      new Date(committedBy - WATERMARK_MARGIN_MS),
    );
  }

  /** Resolves when every batch handed over so far is evaluated. */
  idle(): Promise<void> {
    return this.chain;
  }

  async evaluate(rows: readonly NewReading[]): Promise<void> {
    await this.refresh();
    const sorted = [...rows].sort((a, b) => a.time.getTime() - b.time.getTime());
    for (const row of sorted) {
      const station = await this.station(row.stationId);
      if (!station) continue;
      for (const rule of this.rules) {
        if (!READING_KINDS.includes(rule.kind) || !applies(rule, row, station)) continue;
        const settings = settingsOf(rule);
        const observation = await this.observe(rule, settings, row, station);
        if (observation) await this.apply(rule, settings, row, station, observation.o, observation.describe);
      }
    }
    this.evaluated++;
  }

  private async observe(
    rule: AlertRule,
    s: RuleSettings,
    row: NewReading,
    station: StationInfo,
  ): Promise<{ o: Observation; describe: () => string } | null> {
    const at = row.time;
    if (rule.kind === 'status_stuck') {
      return {
        o: { at, trigger: row.status !== 0, clear: row.status === 0 },
        describe: () =>
          `${row.parameterCode} has reported status ${row.status === 1 ? '01 (calibrating)' : '02 (device error)'} for over ${s.minutes} min`,
      };
    }
    if (row.status !== 0) return null; // only valid measurements judge a value
    if (rule.kind === 'threshold') {
      const limit = limitFor(s, station, row.parameterCode);
      if (!limit) return null;
      return {
        o: { at, trigger: outside(row.value, limit), clear: clearOf(row.value, limit, s) },
        describe: () => `${row.parameterCode} ${row.value} is outside the limit (${limit.basis})`,
      };
    }
    const points = await this.seriesOf(row, rule.kind === 'window_mean' ? s.windowMinutes : 60);
    if (rule.kind === 'window_mean') {
      const limit = limitFor(s, station, row.parameterCode);
      if (!limit) return null;
      const from = at.getTime() - s.windowMinutes * 60_000;
      const inWindow = points.filter((p) => p.t > from && p.t <= at.getTime());
      const mean = inWindow.reduce((sum, p) => sum + p.v, 0) / Math.max(1, inWindow.length);
      return {
        o: { at, trigger: outside(mean, limit), clear: clearOf(mean, limit, s) },
        describe: () =>
          `${row.parameterCode} ${s.windowMinutes}-min mean ${round(mean)} is outside the limit (${limit.basis})`,
      };
    }
    // rate_of_change: against the previous valid value.
    const previous = [...points].reverse().find((p) => p.t < at.getTime());
    if (!previous) return null;
    const rate = Math.abs(row.value - previous.v) / ((at.getTime() - previous.t) / 60_000);
    return {
      o: { at, trigger: rate > s.maxChangePerMinute, clear: rate <= s.clearRatio * s.maxChangePerMinute },
      describe: () =>
        `${row.parameterCode} changed by ${round(rate)} per minute, more than ${s.maxChangePerMinute}`,
    };
  }

  private async apply(
    rule: AlertRule,
    s: RuleSettings,
    row: NewReading,
    station: StationInfo,
    o: Observation,
    describe: () => string,
  ): Promise<void> {
    const subject = stationParameterSubject(row.stationId, row.parameterCode);
    const key = `${rule.id}|${subject}`;
    const before = this.states.get(key) ?? NORMAL;
    const forMs = (rule.kind === 'status_stuck' ? s.minutes * 60 : s.forSeconds) * 1000;
    const { state, transition } = step(before, o, { forMs, clearForMs: s.clearForSeconds * 1000 });
    this.states.set(key, state);
    if (state.phase === before.phase && !transition) return;
    const save = (tx: Parameters<NonNullable<Parameters<AlertLifecycle['raise']>[1]>>[0]) =>
      new AlertRulesRepository(tx).saveState({ ruleId: rule.id, subject, ...state, lastValue: row.value });
    if (transition === 'open') {
      await this.lifecycle.raise(
        {
          ruleId: rule.id,
          subject,
          kind: rule.kind,
          severity: rule.severity,
          parkId: station.parkId,
          stationId: row.stationId,
          message: `${station.stationCode}: ${describe()}`,
          details: { parameter: row.parameterCode, value: row.value, readingTime: row.time.toISOString() },
          at: row.time,
        },
        save,
      );
    } else if (transition === 'resolve') {
      await this.lifecycle.resolveCause(rule.id, subject, row.time, save);
    } else {
      await this.db.transaction(save);
    }
  }

  private async refresh(): Promise<void> {
    if (!this.statesLoaded) {
      for (const st of await new AlertRulesRepository(this.db).states()) {
        this.states.set(`${st.ruleId}|${st.subject}`, {
          phase: st.phase,
          since: st.since,
          lastAt: st.lastAt,
        });
      }
      this.statesLoaded = true;
    }
    if (Date.now() - this.rulesAt < ALERT_RULES_REFRESH_MS) return;
    const [rules, refs, parks] = await Promise.all([
      new AlertRulesRepository(this.db).listEnabled(),
      new StationsRepository(this.db).listRefs(),
      new ParksRepository(this.db).list(),
    ]);
    const parkIds = new Map(parks.map((p) => [p.code, p.id]));
    this.rules = rules;
    this.refs = new Map(refs.map((r) => [r.id, { code: r.code, parkId: parkIds.get(r.parkCode) ?? null }]));
    this.stations = new Map();
    this.rulesAt = Date.now();
  }

  /** Drops cached rules and limits, so the next batch reads them again (after an edit, in tests). */
  invalidate(): void {
    this.rulesAt = 0;
  }

  private async station(stationId: number): Promise<StationInfo | null> {
    const cached = this.stations.get(stationId);
    if (cached) return cached;
    const ref = this.refs.get(stationId);
    if (!ref) return null;
    const permit = await new DischargePermitsRepository(this.db).findEffective(
      stationId,
      localDayOf(new Date()),
    );
    const limits = new Map<string, Limit | null>();
    const info: StationInfo = { parkId: ref.parkId, stationCode: ref.code, limits };
    if (permit) {
      for (const parameter of permit.parameters ?? [])
        limits.set(parameter, permitLimit(this.catalogue, permit, parameter));
      for (const own of permit.limits)
        limits.set(own.parameterCode, permitLimit(this.catalogue, permit, own.parameterCode));
    }
    this.stations.set(stationId, info);
    return info;
  }

  /** The recent valid values of a station parameter, primed from the database the first time. */
  private async seriesOf(row: NewReading, minutes: number): Promise<{ t: number; v: number }[]> {
    const key = `${row.stationId}/${row.parameterCode}`;
    let series = this.series.get(key);
    if (!series) {
      series = { points: [], primed: false };
      this.series.set(key, series);
    }
    if (!series.primed) {
      const from = new Date(row.time.getTime() - minutes * 60_000);
      const stored = await new ReadingsRepository(this.db).findRaw(row.stationId, {
        from,
        to: row.time,
        parameter: row.parameterCode,
        limit: 10_000,
      });
      series.points = stored
        .filter((r) => r.status === 0)
        .map((r) => ({ t: r.time.getTime(), v: r.value }))
        .reverse();
      series.primed = true;
    }
    const t = row.time.getTime();
    if (!series.points.some((p) => p.t === t)) {
      series.points.push({ t, v: row.value });
      series.points.sort((a, b) => a.t - b.t);
    }
    const keepFrom = t - Math.max(minutes, 60) * 60_000;
    while (series.points.length > 0 && series.points[0].t < keepFrom) series.points.shift();
    return series.points;
  }
}

function applies(rule: AlertRule, row: NewReading, station: StationInfo): boolean {
  if (rule.stationId !== null && rule.stationId !== row.stationId) return false;
  if (rule.parkId !== null && rule.parkId !== station.parkId) return false;
  return rule.parameter === null || rule.parameter === row.parameterCode;
}

function limitFor(s: RuleSettings, station: StationInfo, parameter: string): Limit | null {
  if (s.max !== undefined || s.min !== undefined) {
    return { min: s.min ?? null, max: s.max ?? null, basis: `rule: ${s.min ?? '-inf'}..${s.max ?? '+inf'}` };
  }
  return station.limits.get(parameter) ?? null;
}

function outside(value: number, limit: Limit): boolean {
  return (limit.max !== null && value > limit.max) || (limit.min !== null && value < limit.min);
}

/** Back well inside: at or below clearRatio x max, or (a range) inside it by clearMargin on both sides. */
function clearOf(value: number, limit: Limit, s: RuleSettings): boolean {
  if (limit.min !== null) {
    return value >= limit.min + s.clearMargin && (limit.max === null || value <= limit.max - s.clearMargin);
  }
  return limit.max === null || value <= s.clearRatio * limit.max;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
