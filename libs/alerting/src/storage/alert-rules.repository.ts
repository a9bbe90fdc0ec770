import { SqlExecutor } from '@hp/storage';
import { AlertRule, AlertRuleInput, AlertRuleState, AlertPhase } from './alerting.types';

const RULE = `SELECT id, code, kind, park_id AS "parkId", station_id AS "stationId", parameter, severity, settings,
  enabled FROM alert_rules`;

/** Alert rules, and the evaluation state of each (rule, subject) between observations. */
export class AlertRulesRepository {
  constructor(private readonly db: SqlExecutor) {}

  async upsert(input: AlertRuleInput): Promise<AlertRule> {
    const result = await this.db.query<{ id: number }>(
      `INSERT INTO alert_rules (code, kind, park_id, station_id, parameter, severity, settings, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
       ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, park_id = EXCLUDED.park_id,
         station_id = EXCLUDED.station_id, parameter = EXCLUDED.parameter, severity = EXCLUDED.severity,
         settings = EXCLUDED.settings, enabled = EXCLUDED.enabled
       RETURNING id`,
      [
        input.code,
        input.kind,
        input.parkId ?? null,
        input.stationId ?? null,
        input.parameter ?? null,
        input.severity ?? 'warning',
        JSON.stringify(input.settings ?? {}),
        input.enabled ?? true,
      ],
    );
    return (await this.db.query<AlertRule>(`${RULE} WHERE id = $1`, [result.rows[0].id])).rows[0];
  }

  async find(id: number): Promise<AlertRule | null> {
    return (await this.db.query<AlertRule>(`${RULE} WHERE id = $1`, [id])).rows[0] ?? null;
  }

  async list(): Promise<AlertRule[]> {
    return (await this.db.query<AlertRule>(`${RULE} ORDER BY id`)).rows;
  }

  async listEnabled(): Promise<AlertRule[]> {
    return (await this.db.query<AlertRule>(`${RULE} WHERE enabled ORDER BY id`)).rows;
  }

  async states(): Promise<AlertRuleState[]> {
    return (
      await this.db.query<AlertRuleState>(
        `SELECT rule_id AS "ruleId", subject, phase, since, last_at AS "lastAt", last_value AS "lastValue"
           FROM alert_rule_states`,
      )
    ).rows;
  }

  async saveState(state: AlertRuleState): Promise<void> {
    await this.db.query(
      `INSERT INTO alert_rule_states (rule_id, subject, phase, since, last_at, last_value)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (rule_id, subject) DO UPDATE SET phase = EXCLUDED.phase, since = EXCLUDED.since,
         last_at = EXCLUDED.last_at, last_value = EXCLUDED.last_value`,
      [
        state.ruleId,
        state.subject,
        state.phase,
        state.since?.toISOString() ?? null,
        state.lastAt?.toISOString() ?? null,
        state.lastValue,
      ],
    );
  }

  async phaseOf(ruleId: number, subject: string): Promise<AlertPhase | null> {
    return (
      (
        await this.db.query<{ phase: AlertPhase }>(
          `SELECT phase FROM alert_rule_states WHERE rule_id = $1 AND subject = $2`,
          [ruleId, subject],
        )
      ).rows[0]?.phase ?? null
    );
  }

  async watermark(name: string): Promise<Date | null> {
    return (
      (await this.db.query<{ at: Date }>(`SELECT at FROM alert_watermarks WHERE name = $1`, [name])).rows[0]
        ?.at ?? null
    );
  }

  async setWatermark(name: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO alert_watermarks (name, at) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET at = GREATEST(alert_watermarks.at, EXCLUDED.at)`,
      [name, at.toISOString()],
    );
  }
}
