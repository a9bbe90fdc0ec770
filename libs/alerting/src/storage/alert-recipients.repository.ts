import { SqlExecutor } from '@hp/storage';
import {
  AlertRecipient,
  AlertRecipientInput,
  AlertSeverity,
  AlertSilence,
  AlertSilenceInput,
} from './alerting.types';

const RECIPIENT = `SELECT id, name, role, park_id AS "parkId", level, min_severity AS "minSeverity", email,
  webhook_url AS "webhookUrl", user_id AS "userId" FROM alert_recipients`;
const SILENCE = `SELECT id, park_id AS "parkId", station_id AS "stationId", rule_kind AS "ruleKind", starts_at AS "startsAt",
  ends_at AS "endsAt", reason, created_by AS "createdBy" FROM alert_silences`;
const SEVERITY_RANK = `CASE $3 WHEN 'info' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END`;

/** Who is told of alerts (by role, park and escalation level), and the silences that keep them quiet. */
export class AlertRecipientsRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(input: AlertRecipientInput): Promise<AlertRecipient> {
    const result = await this.db.query<{ id: number }>(
      `INSERT INTO alert_recipients (name, role, park_id, level, min_severity, email, webhook_url, user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        input.name,
        input.role,
        input.parkId ?? null,
        input.level ?? 0,
        input.minSeverity ?? 'info',
        input.email ?? null,
        input.webhookUrl ?? null,
        input.userId ?? null,
      ],
    );
    return (await this.db.query<AlertRecipient>(`${RECIPIENT} WHERE id = $1`, [result.rows[0].id])).rows[0];
  }

  async list(): Promise<AlertRecipient[]> {
    return (await this.db.query<AlertRecipient>(`${RECIPIENT} ORDER BY level, id`)).rows;
  }

  /** Recipients of one escalation level for an alert of a park (or of the whole city) and severity. */
  async forAlert(parkId: number | null, level: number, severity: AlertSeverity): Promise<AlertRecipient[]> {
    return (
      await this.db.query<AlertRecipient>(
        `${RECIPIENT} WHERE level = $2 AND (park_id IS NULL OR park_id = $1)
           AND (CASE min_severity WHEN 'info' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END) <= ${SEVERITY_RANK}
         ORDER BY id`,
        [parkId, level, severity],
      )
    ).rows;
  }

  /** The highest escalation level any recipient has. */
  async maxLevel(): Promise<number> {
    return (
      (await this.db.query<{ n: number | null }>(`SELECT max(level) AS n FROM alert_recipients`)).rows[0].n ??
      0
    );
  }

  async addSilence(input: AlertSilenceInput): Promise<AlertSilence> {
    const result = await this.db.query<{ id: number }>(
      `INSERT INTO alert_silences (park_id, station_id, rule_kind, starts_at, ends_at, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        input.parkId ?? null,
        input.stationId ?? null,
        input.ruleKind ?? null,
        input.startsAt.toISOString(),
        input.endsAt.toISOString(),
        input.reason,
        input.createdBy ?? null,
      ],
    );
    return (await this.db.query<AlertSilence>(`${SILENCE} WHERE id = $1`, [result.rows[0].id])).rows[0];
  }

  async silences(): Promise<AlertSilence[]> {
    return (await this.db.query<AlertSilence>(`${SILENCE} ORDER BY starts_at DESC`)).rows;
  }

  /** Whether a silence or maintenance window covers an alert of this park, station and kind at a moment. */
  async isSilenced(
    parkId: number | null,
    stationId: number | null,
    kind: string,
    at: Date,
  ): Promise<boolean> {
    const result = await this.db.query(
      `SELECT 1 FROM alert_silences WHERE starts_at <= $4 AND ends_at > $4
         AND (park_id IS NULL OR park_id = $1) AND (station_id IS NULL OR station_id = $2)
         AND (rule_kind IS NULL OR rule_kind = $3) LIMIT 1`,
      [parkId, stationId, kind, at.toISOString()],
    );
    return result.rows.length > 0;
  }
}
