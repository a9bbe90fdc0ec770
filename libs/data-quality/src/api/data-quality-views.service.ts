import { Inject, Injectable } from '@nestjs/common';
import { DomainError, isWaterParameterCode, localDayStart } from '@hp/contracts';
import { DATABASE, Database } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { ALL_PARAMETERS } from '../rules/calibration';
import { CalibrationSchedule, DQ_RULE_CODES, DqRule, DqRuleCode } from '../rules/rule-types';
import { DataQualityRepository, DaySignal } from '../storage/data-quality.repository';
import { InspectionRecord, StationInputsRepository } from '../storage/station-inputs.repository';
import { InspectionBody, RuleBody, ScheduleBody } from './data-quality.schemas';

export interface StationDataQualityView {
  readonly stationId: number;
  readonly from: string;
  readonly to: string;
  /** The latest evaluated day in the range and its score; null when none was evaluated. */
  readonly current: { readonly day: string; readonly score: number } | null;
  /** Daily scores, oldest first. */
  readonly days: readonly { readonly day: string; readonly score: number }[];
  /** Signals raised now, with the day they were raised and their latest parameters. */
  readonly active: readonly {
    readonly code: DqRuleCode;
    readonly sinceDay: string | null;
    readonly params: unknown;
  }[];
  /** Each day in the range on which a rule held, latest first (codes and parameters, never prose). */
  readonly recent: readonly (DaySignal & { readonly day: string })[];
}

/** Reads and edits of the data-quality API. */
@Injectable()
export class DataQualityViews {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async station(stationId: number, from: string, to: string): Promise<StationDataQualityView> {
    await this.requireStation(stationId);
    const repo = new DataQualityRepository(this.db);
    const [days, states] = await Promise.all([repo.days(stationId, from, to), repo.states(stationId)]);
    const last = days[days.length - 1];
    return {
      stationId,
      from,
      to,
      current: last ? { day: last.day, score: last.score } : null,
      days: days.map((d) => ({ day: d.day, score: d.score })),
      active: [...states.values()]
        .filter((s) => s.raised)
        .sort((a, b) => a.ruleCode.localeCompare(b.ruleCode))
        .map((s) => ({ code: s.ruleCode, sinceDay: s.sinceDay, params: s.params })),
      recent: days
        .flatMap((d) => d.signals.filter((s) => s.holds).map((s) => ({ ...s, day: d.day })))
        .reverse(),
    };
  }

  rules(): Promise<DqRule[]> {
    return new DataQualityRepository(this.db).rules();
  }

  /** Changes what the body states of a rule (its schema checked the fields and their ranges). */
  async updateRule(code: string, body: RuleBody): Promise<DqRule> {
    if (!(DQ_RULE_CODES as readonly string[]).includes(code))
      throw DomainError.notFound('data-quality rule', code);
    const updated = await new DataQualityRepository(this.db).updateRule(code as DqRuleCode, body);
    if (!updated) throw DomainError.notFound('data-quality rule', code);
    return updated;
  }

  async schedules(stationId: number): Promise<CalibrationSchedule[]> {
    await this.requireStation(stationId);
    return new StationInputsRepository(this.db).schedules(stationId);
  }

  /**
   * Declares (or with `{ "schedule": null }`, drops) a station's calibration schedule for a parameter or ALL.
   * The body's schema checked each field; which fields a declaration needs is checked here.
   */
  async setSchedule(
    stationId: number,
    parameter: string,
    body: ScheduleBody,
    by: string,
  ): Promise<CalibrationSchedule[]> {
    if (parameter !== ALL_PARAMETERS && !isWaterParameterCode(parameter))
      throw DomainError.invalid(
        'parameter',
        `must be a Circular 10/2021 parameter code or ${ALL_PARAMETERS}`,
      );
    const drop = 'schedule' in body;
    const fields = ['everyDays', 'anchorDay', 'windowStart', 'windowMinutes'] as const;
    if (drop) {
      const extra = Object.keys(body).find((k) => k !== 'schedule');
      if (extra) throw DomainError.invalid(extra, 'must be left out when the schedule is dropped');
    } else {
      const missing = fields.find((name) => body[name] === undefined);
      if (missing) throw DomainError.invalid(missing, 'is required');
    }
    await this.requireStation(stationId);
    const inputs = new StationInputsRepository(this.db);
    if (drop) await inputs.clearSchedule(stationId, parameter);
    else
      await inputs.setSchedule(
        stationId,
        {
          parameterCode: parameter,
          everyDays: body.everyDays!,
          anchorDay: body.anchorDay!,
          windowStart: body.windowStart!,
          windowMinutes: body.windowMinutes!,
          maxPerDay: body.maxPerDay ?? 1,
        },
        by,
      );
    return inputs.schedules(stationId);
  }

  async inspections(stationId: number): Promise<InspectionRecord[]> {
    await this.requireStation(stationId);
    return new StationInputsRepository(this.db).inspections(
      stationId,
      new Date(0),
      localDayStart('2200-01-01'),
    );
  }

  async addInspection(stationId: number, body: InspectionBody, by: string): Promise<InspectionRecord> {
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    if (endsAt <= startsAt) throw DomainError.invalid('endsAt', 'must be after startsAt');
    await this.requireStation(stationId);
    return new StationInputsRepository(this.db).addInspection(
      stationId,
      { startsAt, endsAt, reference: body.reference ?? null },
      by,
    );
  }

  private async requireStation(stationId: number): Promise<void> {
    if (!(await new RegistryReader(this.db).stations.listRefs()).some((s) => s.id === stationId))
      throw DomainError.notFound('station', stationId);
  }
}
