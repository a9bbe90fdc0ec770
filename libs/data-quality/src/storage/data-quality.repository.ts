import { SqlExecutor } from '@hp/storage';
import { SignalState } from '../rules/hysteresis';
import { DqRule, DqRuleCode } from '../rules/rule-types';

/** One rule's finding on an evaluated station-day, as stored and served (codes and parameters only). */
export interface DaySignal {
  readonly code: DqRuleCode;
  readonly holds: boolean;
  readonly raised: boolean;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface StationDayQuality {
  readonly day: string;
  readonly score: number;
  readonly signals: readonly DaySignal[];
}

export interface StoredSignalState extends SignalState {
  readonly ruleCode: DqRuleCode;
  readonly lastDay: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export type DqRulePatch = Partial<
  Pick<DqRule, 'raiseAfter' | 'clearAfter' | 'weight' | 'enabled' | 'settings'>
>;

/** The data-quality rules (dq_rules), each station's hysteresis states and its evaluated days. */
export class DataQualityRepository {
  constructor(private readonly db: SqlExecutor) {}

  async rules(): Promise<DqRule[]> {
    const { rows } = await this.db.query<DqRule>(
      `SELECT code, raise_after AS "raiseAfter", clear_after AS "clearAfter", weight, enabled, settings, evidence
         FROM dq_rules ORDER BY code`,
    );
    return rows;
  }

  /** Changes what a patch states of a rule; null when no rule has this code. */
  async updateRule(code: DqRuleCode, patch: DqRulePatch): Promise<DqRule | null> {
    const { rows } = await this.db.query<DqRule>(
      `UPDATE dq_rules SET raise_after = COALESCE($2, raise_after), clear_after = COALESCE($3, clear_after),
              weight = COALESCE($4, weight), enabled = COALESCE($5, enabled),
              settings = COALESCE($6::jsonb, settings), updated_at = now()
        WHERE code = $1
        RETURNING code, raise_after AS "raiseAfter", clear_after AS "clearAfter", weight, enabled, settings, evidence`,
      [
        code,
        patch.raiseAfter ?? null,
        patch.clearAfter ?? null,
        patch.weight ?? null,
        patch.enabled ?? null,
        patch.settings === undefined ? null : JSON.stringify(patch.settings),
      ],
    );
    return rows[0] ?? null;
  }

  async states(stationId: number): Promise<Map<DqRuleCode, StoredSignalState>> {
    const { rows } = await this.db.query<StoredSignalState>(
      `SELECT rule_code AS "ruleCode", raised, streak, since_day AS "sinceDay", last_day AS "lastDay", params
         FROM dq_signal_states WHERE station_id = $1`,
      [stationId],
    );
    return new Map(rows.map((r) => [r.ruleCode, r]));
  }

  async saveState(stationId: number, state: StoredSignalState): Promise<void> {
    await this.db.query(
      `INSERT INTO dq_signal_states (station_id, rule_code, raised, streak, since_day, last_day, params)
       VALUES ($1, $2, $3, $4, $5::date, $6::date, $7::jsonb)
       ON CONFLICT (station_id, rule_code) DO UPDATE SET raised = EXCLUDED.raised, streak = EXCLUDED.streak,
         since_day = EXCLUDED.since_day, last_day = EXCLUDED.last_day, params = EXCLUDED.params`,
      [
        stationId,
        state.ruleCode,
        state.raised,
        state.streak,
        state.sinceDay,
        state.lastDay,
        JSON.stringify(state.params),
      ],
    );
  }

  async saveDay(stationId: number, day: StationDayQuality): Promise<void> {
    await this.db.query(
      `INSERT INTO dq_station_days (station_id, day, score, signals) VALUES ($1, $2::date, $3, $4::jsonb)
       ON CONFLICT (station_id, day) DO UPDATE
         SET score = EXCLUDED.score, signals = EXCLUDED.signals, evaluated_at = now()`,
      [stationId, day.day, day.score, JSON.stringify(day.signals)],
    );
  }

  /** The station's evaluated days in [from, to), oldest first. */
  async days(stationId: number, from: string, to: string): Promise<StationDayQuality[]> {
    const { rows } = await this.db.query<StationDayQuality>(
      `SELECT day::text AS day, score, signals FROM dq_station_days
        WHERE station_id = $1 AND day >= $2::date AND day < $3::date ORDER BY day`,
      [stationId, from, to],
    );
    return rows;
  }

  /** The last day evaluated for each station that has one. */
  async lastEvaluatedDays(): Promise<Map<number, string>> {
    const { rows } = await this.db.query<{ stationId: number; day: string }>(
      `SELECT station_id AS "stationId", max(day)::text AS day FROM dq_station_days GROUP BY station_id`,
    );
    return new Map(rows.map((r) => [r.stationId, r.day]));
  }
}
