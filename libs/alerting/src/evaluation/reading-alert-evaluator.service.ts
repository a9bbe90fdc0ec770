import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { localDayOf, Reason, reason } from '@hp/contracts';
import {
  PermitLimitsService,
  shippedCatalogue,
  STANDARDS_CATALOGUE,
  StandardsCatalogue,
} from '@hp/compliance';
import { DATABASE, Database } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { AlertRulesRepository } from '../storage/alert-rules.repository';
import { AlertRule, AlertRuleKind } from '../storage/alerting.types';
import { NewReading, ReadingsReader } from '@hp/readings';
import { AlertLifecycle } from '../lifecycle/alert-lifecycle.service';
import { RuleSettings, settingsOf } from '../rules/rule-settings';
import { HysteresisState, NORMAL, Observation, step } from './hysteresis';
import { EvaluationMetrics } from './evaluation-metrics';
import { stationParameterSubject } from './subjects';

/** Rules and station limits are read again this often (a rule or permit edit applies within it). */
export const ALERT_RULES_REFRESH_MS = 15_000;
const WATERMARK = 'readings_evaluated';
/** Recovery looks at readings of this many days back at most (the ingestion backfill window). */
const RECOVERY_DAYS = 60;
const RECOVERY_CHUNK = 20_000;

/** How the evaluator holds batches waiting for it, and retries a failed evaluation. */
export interface ReadingEvaluationOptions {
  /**
   * Readings held in memory waiting for evaluation. Beyond, the waiting batches are dropped from memory and
   * read back from the database after the watermark (the durable path) once the evaluator catches up.
   */
  readonly maxQueuedReadings: number;
  /** A failed evaluation is tried again after this, doubled per consecutive failure up to retryMaxMs. */
  readonly retryFirstMs: number;
  readonly retryMaxMs: number;
  /**
   * The persisted watermark trails the last evaluated commit by this much, so a batch still being written
   * when it moved is evaluated again after a crash (evaluation is idempotent).
   */
  readonly watermarkMarginMs: number;
}
export const READING_EVALUATION_OPTIONS = Symbol('READING_EVALUATION_OPTIONS');
export const DEFAULT_READING_EVALUATION: ReadingEvaluationOptions = {
  maxQueuedReadings: 200_000,
  retryFirstMs: 1_000,
  retryMaxMs: 60_000,
  watermarkMarginMs: 60_000,
};

/** A committed batch waiting for evaluation; committedBy: a time at or after its commit. */
interface QueuedBatch {
  readonly rows: readonly NewReading[];
  readonly committedBy: number;
}

const READING_KINDS: readonly AlertRuleKind[] = [
  'threshold',
  'window_mean',
  'rate_of_change',
  'status_stuck',
];

interface Limit {
  readonly min: number | null;
  readonly max: number | null;
  /** How the permit's limit is made up; '' for a limit the rule sets itself. */
  readonly basis: string;
}

interface StationInfo {
  readonly parkId: number | null;
  readonly stationCode: string;
  /** Permit limits by parameter, for today's permit. */
  readonly limits: Map<string, Limit | null>;
  /** The units of the permit's standard, by parameter ('' where unknown). */
  readonly units: Map<string, string>;
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
 *
 * Nothing is dropped: the persisted watermark (readings received before it are evaluated) moves only past
 * batches evaluated successfully. A failed batch stays first in line and is tried again after a back-off;
 * batches behind it wait, in a bounded queue: when it is full, the queue is let go and the readings are
 * read back from the database after the watermark instead (as after a restart, which retries a failure too).
 */
@Injectable()
export class ReadingAlertEvaluator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(ReadingAlertEvaluator.name);
  /** The limits /api/stations/:id/limits shows: only what the permit judges, at its exact values. */
  private readonly permitLimits: PermitLimitsService;
  /** The standards, for the unit of each limit. */
  private readonly catalogue: StandardsCatalogue;
  private readonly options: ReadingEvaluationOptions;
  private readonly metrics = new EvaluationMetrics();
  private rules: AlertRule[] = [];
  private rulesAt = 0;
  private stations = new Map<number, StationInfo>();
  private refs = new Map<number, { code: string; parkId: number | null }>();
  private readonly states = new Map<string, HysteresisState>();
  private statesLoaded = false;
  private readonly series = new Map<string, Series>();
  private readonly queue: QueuedBatch[] = [];
  /** Readings in `queue`. */
  private queued = 0;
  /**
   * Set when committed readings are in neither the queue nor evaluated (the queue overflowed, or recovery
   * at start failed): the time of the oldest such commit. They are read back from after the watermark.
   */
  private behindSince: number | null = null;
  /** A catch-up is under way and batches arrived that did not fit: one more round after it. */
  private catchUpAgain = false;
  /** The loop that works the queue down; null when idle. */
  private draining: Promise<void> | null = null;
  private consecutiveFailures = 0;
  private retryTimer: { timer: NodeJS.Timeout; wake: () => void } | null = null;
  private stopped = false;
  private watermarkAt = 0;
  /** Batches evaluated (for tests and metrics). */
  evaluated = 0;
  /** Evaluations (batches or catch-ups) that failed and were retried. */
  failures = 0;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly lifecycle: AlertLifecycle,
    @Optional() @Inject(STANDARDS_CATALOGUE) catalogue: StandardsCatalogue | null,
    @Optional() @Inject(READING_EVALUATION_OPTIONS) options: Partial<ReadingEvaluationOptions> | null = null,
  ) {
    this.permitLimits = new PermitLimitsService(new RegistryReader(db), catalogue);
    this.catalogue = catalogue ?? shippedCatalogue();
    this.options = { ...DEFAULT_READING_EVALUATION, ...(options ?? {}) };
    this.metrics.track(this);
  }

  /** Ingestion's hook: queues the batch for evaluation and returns at once. */
  onCommitted(rows: readonly NewReading[]): void {
    if (rows.length === 0 || this.stopped) return;
    const committedBy = Date.now();
    if (this.behindSince === null && this.queued + rows.length > this.options.maxQueuedReadings) {
      // Full: let the waiting batches go; they are stored, and read back from after the watermark.
      this.behindSince = this.queue[0]?.committedBy ?? committedBy;
      this.metrics.spilled.inc(this.queue.length + 1);
      this.log.warn(
        `alert evaluation is ${this.queued} reading(s) behind; reading them back from the database instead`,
      );
      this.queue.length = 0;
      this.queued = 0;
    }
    if (this.behindSince !== null && this.queued + rows.length > this.options.maxQueuedReadings) {
      // Still catching up and full again: the catch-up's next round reads these too.
      this.metrics.spilled.inc();
      this.catchUpAgain = true;
    } else {
      this.queue.push({ rows, committedBy });
      this.queued += rows.length;
    }
    this.kick();
  }

  /**
   * After a restart: evaluates again what was stored since the watermark, so readings committed just
   * before a crash, but never evaluated (or whose evaluation failed), still raise their alerts. Idempotent:
   * observations not newer than a rule's last one are ignored. A failure here is retried in the background.
   */
  async onApplicationBootstrap(): Promise<void> {
    const rules = new AlertRulesRepository(this.db);
    const since = await rules.watermark(WATERMARK);
    if (!since) {
      await rules.setWatermark(WATERMARK, new Date(Date.now() - this.options.watermarkMarginMs));
      return;
    }
    try {
      await this.catchUp();
    } catch (error) {
      this.behindSince = this.behindSince ?? Date.now();
      this.failed(error, 'recovery of unevaluated readings');
      this.kick();
    }
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  /** Stops evaluating (what is not evaluated stays after the watermark, for the next start). */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.queued = 0;
    this.retryTimer?.wake();
    this.metrics.untrack(this);
  }

  /** Resolves when every batch handed over so far is evaluated (or the evaluator is stopped). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Readings waiting in memory for evaluation. */
  get queuedReadings(): number {
    return this.queued;
  }

  /** Milliseconds since the oldest committed reading not yet evaluated was committed (0: none). */
  lagMs(now = Date.now()): number {
    const oldest = this.behindSince ?? this.queue[0]?.committedBy ?? null;
    return oldest === null ? 0 : Math.max(0, now - oldest);
  }

  private kick(): void {
    if (this.draining || this.stopped) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
  }

  /** Works the queue down, one batch at a time; a failure waits its back-off and tries the same work again. */
  private async drain(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.behindSince !== null) {
          this.catchUpAgain = false;
          const covered = this.queue.length;
          await this.catchUp();
          // The catch-up read every batch queued before it began; later ones may have committed after its read.
          this.dropQueued(covered);
          if (!this.catchUpAgain) this.behindSince = null;
        } else if (this.queue.length > 0) {
          const batch = this.queue[0];
          await this.evaluate(batch.rows);
          this.dropQueued(1);
          await this.advanceWatermark(batch.committedBy);
        } else {
          return;
        }
        this.consecutiveFailures = 0;
      } catch (error) {
        this.failed(error, this.behindSince !== null ? 'catch-up' : 'batch');
        await this.backOff();
      }
    }
  }

  private dropQueued(count: number): void {
    for (const batch of this.queue.splice(0, count)) this.queued -= batch.rows.length;
  }

  private failed(error: unknown, what: string): void {
    this.failures++;
    this.consecutiveFailures++;
    this.metrics.failures.inc();
    this.log.error(
      `alert evaluation (${what}) failed, attempt ${this.consecutiveFailures}; retrying, the watermark stays: ${(error as Error).message}`,
    );
  }

  private backOff(): Promise<void> {
    const delay = Math.min(
      this.options.retryMaxMs,
      this.options.retryFirstMs * 2 ** Math.min(this.consecutiveFailures - 1, 30),
    );
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.retryTimer = null;
        resolve();
      };
      const timer = setTimeout(wake, delay);
      timer.unref(); // a pending retry never keeps a process alive
      this.retryTimer = { timer, wake };
    });
  }

  /**
   * Evaluates every reading received after the watermark (as far back as the backfill window), then moves
   * the watermark to when this began; throws, leaving the watermark, when any of it fails.
   */
  private async catchUp(): Promise<void> {
    const startedAt = Date.now();
    const rules = new AlertRulesRepository(this.db);
    const since = (await rules.watermark(WATERMARK)) ?? new Date(0);
    let notBefore = new Date(startedAt - RECOVERY_DAYS * 86_400_000);
    const readings = new ReadingsReader(this.db).readings;
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
    await rules.setWatermark(WATERMARK, new Date(startedAt - this.options.watermarkMarginMs));
    if (recovered > 0)
      this.log.log(`evaluated ${recovered} reading(s) stored since ${since.toISOString()} again`);
  }

  /** Moves the watermark (at most once a second): batches committed before it are evaluated. */
  private async advanceWatermark(committedBy: number): Promise<void> {
    if (committedBy - this.watermarkAt < 1_000) return;
    try {
      await new AlertRulesRepository(this.db).setWatermark(
        WATERMARK,
        new Date(committedBy - this.options.watermarkMarginMs),
      );
      this.watermarkAt = committedBy;
    } catch (error) {
      // Evaluated all the same: a watermark left behind only means more is evaluated again after a restart.
      this.log.warn(`alert evaluation watermark not moved: ${(error as Error).message}`);
    }
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
  ): Promise<{ o: Observation; describe: () => Reason } | null> {
    const at = row.time;
    const about = {
      station: station.stationCode,
      parameter: row.parameterCode,
      time: at.toISOString(),
    };
    const unit = station.units.get(row.parameterCode) ?? '';
    if (rule.kind === 'status_stuck') {
      return {
        o: { at, trigger: row.status !== 0, clear: row.status === 0 },
        describe: () =>
          reason('ALERT_STATUS_STUCK', {
            ...about,
            status: row.status === 1 ? 'calibrating' : 'device_error',
            minutes: s.minutes,
          }),
      };
    }
    if (row.status !== 0) return null; // only valid measurements judge a value
    if (rule.kind === 'threshold') {
      const limit = limitFor(s, station, row.parameterCode);
      if (!limit) return null;
      return {
        o: { at, trigger: outside(row.value, limit), clear: clearOf(row.value, limit, s) },
        describe: () =>
          reason('ALERT_THRESHOLD', {
            ...about,
            value: row.value,
            ...crossed(row.value, limit),
            unit,
            basis: limit.basis,
          }),
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
          reason('ALERT_WINDOW_MEAN', {
            ...about,
            windowMinutes: s.windowMinutes,
            mean: round(mean),
            ...crossed(mean, limit),
            unit,
            basis: limit.basis,
          }),
      };
    }
    // rate_of_change: against the previous valid value.
    const previous = [...points].reverse().find((p) => p.t < at.getTime());
    if (!previous) return null;
    const rate = Math.abs(row.value - previous.v) / ((at.getTime() - previous.t) / 60_000);
    return {
      o: { at, trigger: rate > s.maxChangePerMinute, clear: rate <= s.clearRatio * s.maxChangePerMinute },
      describe: () =>
        reason('ALERT_RATE_OF_CHANGE', {
          ...about,
          ratePerMinute: round(rate),
          maxPerMinute: s.maxChangePerMinute,
          unit,
        }),
    };
  }

  private async apply(
    rule: AlertRule,
    s: RuleSettings,
    row: NewReading,
    station: StationInfo,
    o: Observation,
    describe: () => Reason,
  ): Promise<void> {
    const subject = stationParameterSubject(row.stationId, row.parameterCode);
    const key = `${rule.id}|${subject}`;
    const before = this.states.get(key) ?? NORMAL;
    const forMs = (rule.kind === 'status_stuck' ? s.minutes * 60 : s.forSeconds) * 1000;
    const { state, transition } = step(before, o, { forMs, clearForMs: s.clearForSeconds * 1000 });
    if (state.phase === before.phase && !transition) {
      this.states.set(key, state);
      return;
    }
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
          reason: describe(),
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
    // Only once stored: a failed write leaves the state as it was, so the retry makes the same transition.
    this.states.set(key, state);
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
      new RegistryReader(this.db).stations.listRefs(),
      new RegistryReader(this.db).parks.list(),
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
    const permit = await new RegistryReader(this.db).permits.findEffective(stationId, localDayOf(new Date()));
    const limits = new Map<string, Limit | null>();
    const units = new Map<string, string>();
    const info: StationInfo = { parkId: ref.parkId, stationCode: ref.code, limits, units };
    // Only the parameters the permit judges: a permit row or a standard limit of another parameter is no limit.
    if (permit)
      for (const l of this.permitLimits.judged(permit).limits) {
        limits.set(l.parameter, l);
        units.set(l.parameter, this.catalogue.parameter(permit.standardVersion, l.parameter)?.unit ?? '');
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
      const stored = await new ReadingsReader(this.db).readings.findRaw(row.stationId, {
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
    return { min: s.min ?? null, max: s.max ?? null, basis: '' };
  }
  return station.limits.get(parameter) ?? null;
}

/** The side of its limit a value beyond it lies on, and that side's value. */
function crossed(value: number, limit: Limit): { bound: 'max' | 'min'; limit: number } {
  return limit.max !== null && value > limit.max
    ? { bound: 'max', limit: limit.max }
    : { bound: 'min', limit: limit.min ?? limit.max ?? 0 };
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
