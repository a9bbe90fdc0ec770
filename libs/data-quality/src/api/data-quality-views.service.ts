import { Inject, Injectable } from '@nestjs/common';
import { DomainError, isWaterParameterCode, isDay, localDayStart } from '@hp/contracts';
import { DATABASE, Database, StationsRepository } from '@hp/storage';
import { ALL_PARAMETERS } from '../rules/calibration';
import { CalibrationSchedule, DQ_RULE_CODES, DqRule, DqRuleCode } from '../rules/rule-types';
import { DataQualityRepository, DaySignal } from '../storage/data-quality.repository';
import { InspectionRecord, StationInputsRepository } from '../storage/station-inputs.repository';

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

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_REFERENCE = 200;

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

  async updateRule(code: string, body: unknown): Promise<DqRule> {
    if (!(DQ_RULE_CODES as readonly string[]).includes(code))
      throw DomainError.notFound('data-quality rule', code);
    const b = objectBody(body);
    const int = (name: string, min: number, max: number): number | undefined => {
      const v = b[name];
      if (v === undefined) return undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
        throw DomainError.invalid(name, `must be an integer from ${min} to ${max}`);
      return v;
    };
    const enabled = b['enabled'];
    if (enabled !== undefined && typeof enabled !== 'boolean')
      throw DomainError.invalid('enabled', 'must be true or false');
    const settings = b['settings'];
    if (
      settings !== undefined &&
      (typeof settings !== 'object' || settings === null || Array.isArray(settings))
    )
      throw DomainError.invalid('settings', "must be an object of the rule's thresholds");
    for (const name of Object.keys(b))
      if (!['raiseAfter', 'clearAfter', 'weight', 'enabled', 'settings'].includes(name))
        throw DomainError.invalid(
          name,
          'is not a rule field (raiseAfter, clearAfter, weight, enabled, settings)',
        );
    const updated = await new DataQualityRepository(this.db).updateRule(code as DqRuleCode, {
      raiseAfter: int('raiseAfter', 1, 90),
      clearAfter: int('clearAfter', 1, 90),
      weight: int('weight', 0, 100),
      enabled: enabled as boolean | undefined,
      settings: settings as Record<string, unknown> | undefined,
    });
    if (!updated) throw DomainError.notFound('data-quality rule', code);
    return updated;
  }

  async schedules(stationId: number): Promise<CalibrationSchedule[]> {
    await this.requireStation(stationId);
    return new StationInputsRepository(this.db).schedules(stationId);
  }

  /** Declares (or with a null body, drops) a station's calibration schedule for a parameter or ALL. */
  async setSchedule(
    stationId: number,
    parameter: string,
    body: unknown,
    by: string,
  ): Promise<CalibrationSchedule[]> {
    if (parameter !== ALL_PARAMETERS && !isWaterParameterCode(parameter))
      throw DomainError.invalid(
        'parameter',
        `must be a Circular 10/2021 parameter code or ${ALL_PARAMETERS}`,
      );
    await this.requireStation(stationId);
    const inputs = new StationInputsRepository(this.db);
    if (
      body === null ||
      (typeof body === 'object' && body !== null && (body as Record<string, unknown>)['schedule'] === null)
    ) {
      await inputs.clearSchedule(stationId, parameter);
      return inputs.schedules(stationId);
    }
    const b = objectBody(body);
    const int = (name: string, min: number, max: number, fallback?: number): number => {
      const v = b[name] ?? fallback;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
        throw DomainError.invalid(name, `must be an integer from ${min} to ${max}`);
      return v;
    };
    const anchorDay = b['anchorDay'];
    if (typeof anchorDay !== 'string' || !isDay(anchorDay))
      throw DomainError.invalid('anchorDay', 'must be a local day YYYY-MM-DD on which calibration is due');
    const windowStart = b['windowStart'];
    if (typeof windowStart !== 'string' || !HHMM.test(windowStart))
      throw DomainError.invalid('windowStart', 'must be a local time HH:MM');
    await inputs.setSchedule(
      stationId,
      {
        parameterCode: parameter,
        everyDays: int('everyDays', 1, 366),
        anchorDay,
        windowStart,
        windowMinutes: int('windowMinutes', 1, 1440),
        maxPerDay: int('maxPerDay', 1, 96, 1),
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

  async addInspection(stationId: number, body: unknown, by: string): Promise<InspectionRecord> {
    const b = objectBody(body);
    const instant = (name: string): Date => {
      const v = b[name];
      const t = typeof v === 'string' && /(Z|[+-]\d{2}:\d{2})$/.test(v) ? new Date(v) : null;
      if (!t || Number.isNaN(t.getTime()) || t.getTime() < 0)
        throw DomainError.invalid(name, 'must be an ISO 8601 date-time with its zone');
      return t;
    };
    const startsAt = instant('startsAt');
    const endsAt = instant('endsAt');
    if (endsAt <= startsAt) throw DomainError.invalid('endsAt', 'must be after startsAt');
    const reference = b['reference'] ?? null;
    if (reference !== null && (typeof reference !== 'string' || reference.length > MAX_REFERENCE))
      throw DomainError.invalid('reference', `must be text of at most ${MAX_REFERENCE} characters`);
    await this.requireStation(stationId);
    return new StationInputsRepository(this.db).addInspection(stationId, { startsAt, endsAt, reference }, by);
  }

  private async requireStation(stationId: number): Promise<void> {
    if (!(await new StationsRepository(this.db).listRefs()).some((s) => s.id === stationId))
      throw DomainError.notFound('station', stationId);
  }
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw DomainError.invalid('body', 'must be a JSON object');
  return body as Record<string, unknown>;
}
