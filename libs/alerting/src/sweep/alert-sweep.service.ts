import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { JOB_QUEUE, JobQueue, OnJob } from '@hp/queue';
import { Reason, reason } from '@hp/contracts';
import { DATABASE, Database, SqlSession } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { ComplianceReader } from '@hp/compliance';
import { AlertRulesRepository } from '../storage/alert-rules.repository';
import { AlertOccurrence, AlertRule, AlertRuleKind } from '../storage/alerting.types';
import { DEFAULT_WASTE_POLICY, WASTE_POLICY, WastePolicy, WasteReader, WasteViewsService } from '@hp/waste';
import { deviceSubject, lotSubject, stationDaySubject, stationSubject } from '../evaluation/subjects';
import { ALERT_SWEEP_EVERY_MS, ALERT_SWEEP_JOB } from '../jobs/alerting-jobs';
import { AlertLifecycle } from '../lifecycle/alert-lifecycle.service';
import { settingsOf } from '../rules/rule-settings';
import { ReadingsReader } from '@hp/readings';
import { AlertHistory } from './alert-history';

const MINUTE_MS = 60_000;
/** Watermarks are re-read with this overlap: a transaction that started earlier may commit later. */
const WATERMARK_OVERLAP_MS = 10 * MINUTE_MS;
/** A chain of a written history is judged once no event of it has arrived for this long (< the overlap). */
const HISTORY_SETTLE_MS = 2 * MINUTE_MS;

/**
 * The time-driven alerts, run by the `alert.sweep` job every ALERT_SWEEP_EVERY_MS: stations without data,
 * devices offline, hazardous-waste lots turning non-conforming (new events or a deadline passing), daily
 * verdicts turning to exceedance; then escalations and reminders. Each (rule, subject) is a latch whose
 * phase is persisted: it opens once while its condition holds and resolves once when it stops.
 */
@Injectable()
export class AlertSweep implements OnModuleInit {
  private readonly log = new Logger(AlertSweep.name);
  private readonly wastePolicy: WastePolicy;
  /**
   * When this process began watching. Silence is counted from here at the earliest: a station or device
   * quiet only because the platform (or its simulators, or the broker) has just started is not yet
   * silent; one still quiet a whole interval after the start is. An alert already firing keeps its
   * silence from the last reading, so a restart neither opens nor resolves anything by itself.
   */
  startedAt = new Date();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly lifecycle: AlertLifecycle,
    private readonly waste: WasteViewsService,
    @Optional() @Inject(WASTE_POLICY) wastePolicy: WastePolicy | null,
  ) {
    this.wastePolicy = wastePolicy ?? DEFAULT_WASTE_POLICY;
  }

  async onModuleInit(): Promise<void> {
    await this.queue.schedule(
      ALERT_SWEEP_JOB,
      { requestedAt: new Date().toISOString() },
      ALERT_SWEEP_EVERY_MS,
    );
  }

  @OnJob(ALERT_SWEEP_JOB)
  async runSweep(): Promise<void> {
    await this.sweep(new Date());
  }

  /** One pass; returns how many latches changed. */
  async sweep(now: Date): Promise<number> {
    const rules = await new AlertRulesRepository(this.db).listEnabled();
    const of = (kind: AlertRuleKind) => rules.filter((r) => r.kind === kind);
    const phases = new Map(
      (await new AlertRulesRepository(this.db).states()).map((s) => [`${s.ruleId}|${s.subject}`, s.phase]),
    );
    // A history written straight to the database (the demo's) is judged, but what it held before its cut
    // opens no alert: it would page everyone at once for months that nobody lived through.
    const history = await new AlertHistory(this.db).cut();
    let changed = 0;
    const isFiring = (rule: AlertRule, subject: string) => phases.get(`${rule.id}|${subject}`) === 'firing';
    /** Since when a subject last seen at `seen` counts as quiet (see startedAt). */
    const quietSince = (rule: AlertRule, subject: string, seen: Date | null | undefined) => {
      const last = seen?.getTime() ?? -Infinity;
      return isFiring(rule, subject) ? last : Math.max(last, this.startedAt.getTime());
    };
    const latch = async (
      rule: AlertRule,
      subject: string,
      holds: boolean,
      occurrence: () => AlertOccurrence,
    ) => {
      const firing = phases.get(`${rule.id}|${subject}`) === 'firing';
      if (holds === firing) return;
      const save = (tx: SqlSession) =>
        new AlertRulesRepository(tx).saveState({
          ruleId: rule.id,
          subject,
          phase: holds ? 'firing' : 'normal',
          since: null,
          lastAt: now,
          lastValue: null,
        });
      if (holds) await this.lifecycle.raise(occurrence(), save);
      else await this.lifecycle.resolveCause(rule.id, subject, now, save);
      phases.set(`${rule.id}|${subject}`, holds ? 'firing' : 'normal');
      changed++;
    };
    const base = (
      rule: AlertRule,
      subject: string,
      parkId: number | null,
      stationId: number | null,
      reason: Reason,
      details: Record<string, unknown>,
    ): AlertOccurrence => ({
      ruleId: rule.id,
      subject,
      kind: rule.kind,
      severity: rule.severity,
      parkId,
      stationId,
      reason,
      details,
      at: now,
    });

    if (of('no_data').length > 0) {
      const [refs, parks] = await Promise.all([
        new RegistryReader(this.db).stations.listRefs(),
        new RegistryReader(this.db).parks.list(),
      ]);
      const parkIds = new Map(parks.map((p) => [p.code, p.id]));
      const longest = Math.max(...of('no_data').map((r) => settingsOf(r).minutes));
      const last = new Map(
        (
          await new ReadingsReader(this.db).readings.lastReadingTimes(
            new Date(now.getTime() - 2 * longest * MINUTE_MS),
          )
        ).map((l) => [l.stationId, l.last]),
      );
      for (const rule of of('no_data')) {
        const minutes = settingsOf(rule).minutes;
        for (const ref of refs.filter((r) => r.active)) {
          const parkId = parkIds.get(ref.parkCode) ?? null;
          if (!inScope(rule, parkId, ref.id)) continue;
          const seen = last.get(ref.id);
          const since = quietSince(rule, stationSubject(ref.id), seen);
          const silent = now.getTime() - since > minutes * MINUTE_MS;
          await latch(rule, stationSubject(ref.id), silent, () =>
            base(
              rule,
              stationSubject(ref.id),
              parkId,
              ref.id,
              reason('ALERT_NO_DATA', {
                station: ref.code,
                minutes,
                lastReading: seen?.toISOString() ?? null,
              }),
              {
                lastReading: seen?.toISOString() ?? null,
              },
            ),
          );
        }
      }
    }

    if (of('device_offline').length > 0) {
      const devices = await new RegistryReader(this.db).devices.listPresence();
      for (const rule of of('device_offline')) {
        const minutes = settingsOf(rule).minutes;
        for (const d of devices.filter((x) => x.online !== null && inScope(rule, x.parkId, x.stationId))) {
          const offline =
            d.online === false &&
            d.presenceAt !== null &&
            now.getTime() - quietSince(rule, deviceSubject(d.code), d.presenceAt) > minutes * MINUTE_MS;
          await latch(rule, deviceSubject(d.code), offline, () =>
            base(
              rule,
              deviceSubject(d.code),
              d.parkId,
              d.stationId,
              reason('ALERT_DEVICE_OFFLINE', {
                device: d.code,
                since: d.presenceAt?.toISOString() ?? null,
                minutes,
              }),
              {},
            ),
          );
        }
      }
    }

    if (of('waste_violation').length > 0) {
      const rulesRepo = new AlertRulesRepository(this.db);
      const since = new Date((await rulesRepo.watermark('waste_lots'))?.getTime() ?? 0);
      const from = new Date(Math.max(0, since.getTime() - WATERMARK_OVERLAP_MS));
      const codes = await new WasteReader(this.db).lots.changedOrDueIn(
        from,
        now,
        this.wastePolicy.maxStorageDays,
        this.wastePolicy.manifestCloseDays,
      );
      for (const code of codes) {
        const lot = await this.waste.lot(code, now);
        // A chain treated and closed before the history's cut is history: its findings stay on the lot, and
        // an alert opened while its events were still arriving (the chain looked open) resolves.
        const historic = history !== null && lot.events.every((e) => history.isHistoryTime(e.occurredAt));
        const past = historic && lot.lot.state === 'treated';
        // A historic chain whose events are still arriving (its gateways' backlog) is judged once they
        // have settled: half-arrived, a chain closed long ago looks open and overdue. Seen again next sweep.
        const arriving = lot.events.some((e) => now.getTime() - e.receivedAt.getTime() < HISTORY_SETTLE_MS);
        if (historic && !past && arriving) continue;
        for (const rule of of('waste_violation').filter((r) => inScope(r, lot.lot.parkId, null))) {
          await latch(rule, lotSubject(code), !past && lot.standing === 'non_conforming', () =>
            base(
              rule,
              lotSubject(code),
              lot.lot.parkId,
              null,
              reason('ALERT_WASTE_VIOLATION', {
                lot: code,
                generator: lot.lot.generatorCode,
                violations: lot.violations.length,
                findings: lot.violations.map((v) => v.code).join(', '),
              }),
              {
                violations: lot.violations,
                generator: lot.lot.generatorCode,
              },
            ),
          );
        }
      }
      await rulesRepo.setWatermark('waste_lots', now);
    }

    if (of('daily_exceedance').length > 0) {
      const rulesRepo = new AlertRulesRepository(this.db);
      const since = (await rulesRepo.watermark('compliance_station_days'))?.getTime() ?? 0;
      const [refs, parks] = await Promise.all([
        new RegistryReader(this.db).stations.listRefs(),
        new RegistryReader(this.db).parks.list(),
      ]);
      const parkIds = new Map(parks.map((p) => [p.code, p.id]));
      const stations = new Map(
        refs.map((r) => [r.id, { code: r.code, parkId: parkIds.get(r.parkCode) ?? null }]),
      );
      const days = await new ComplianceReader(this.db).stationDays.changedSince(
        new Date(Math.max(0, since - WATERMARK_OVERLAP_MS)),
        10_000,
      );
      for (const day of days) {
        const past = history?.isHistoryDay(day.day) ?? false;
        const station = stations.get(day.stationId);
        for (const rule of of('daily_exceedance').filter((r) =>
          inScope(r, station?.parkId ?? null, day.stationId),
        )) {
          const subject = stationDaySubject(day.stationId, day.day);
          // A suspected exceedance alerts too: an officer must confirm or reject it; rejected, it resolves.
          const exceeded = !past && (day.verdict === 'exceedance' || day.verdict === 'suspected_exceedance');
          await latch(rule, subject, exceeded, () =>
            base(
              rule,
              subject,
              station?.parkId ?? null,
              day.stationId,
              // The day's reasons stay codes in details; notices word them too (alertReasonTexts).
              reason('ALERT_DAILY_EXCEEDANCE', {
                station: station?.code ?? String(day.stationId),
                day: day.day,
                verdict: day.verdict === 'exceedance' ? 'exceedance' : 'suspected_exceedance',
                reasons: day.reasons.length,
              }),
              {
                day: day.day,
                verdict: day.verdict,
                reasons: day.reasons,
              },
            ),
          );
        }
      }
      await rulesRepo.setWatermark('compliance_station_days', now);
    }

    const queued = await this.lifecycle.sweepDue(now);
    if (changed + queued > 0)
      this.log.log(
        `alert sweep: ${changed} alert(s) opened or resolved, ${queued} escalation/reminder notice(s)`,
      );
    return changed;
  }
}

function inScope(rule: AlertRule, parkId: number | null, stationId: number | null): boolean {
  if (rule.stationId !== null && rule.stationId !== stationId) return false;
  return rule.parkId === null || rule.parkId === parkId;
}
