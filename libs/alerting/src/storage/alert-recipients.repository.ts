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

/** A recipient's columns in table order (name .. user_id), defaults filled in. */
function columnsOf(input: AlertRecipientInput): unknown[] {
  return [
    input.name,
    input.role,
    input.parkId ?? null,
    input.level ?? 0,
    input.minSeverity ?? 'info',
    input.email ?? null,
    input.webhookUrl ?? null,
    input.userId ?? null,
  ];
}

/** Who is told of alerts (by role, park and escalation level), and the silences that keep them quiet. */
export class AlertRecipientsRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(input: AlertRecipientInput): Promise<AlertRecipient> {
    const result = await this.db.query<{ id: number }>(
      `INSERT INTO alert_recipients (name, role, park_id, level, min_severity, email, webhook_url, user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      columnsOf(input),
    );
    return (await this.db.query<AlertRecipient>(`${RECIPIENT} WHERE id = $1`, [result.rows[0].id])).rows[0];
  }

  async find(id: number): Promise<AlertRecipient | null> {
    return (await this.db.query<AlertRecipient>(`${RECIPIENT} WHERE id = $1`, [id])).rows[0] ?? null;
  }

  /** Replaces what a recipient says; null when there is no such recipient. */
  async update(id: number, input: AlertRecipientInput): Promise<AlertRecipient | null> {
    const result = await this.db.query(
      `UPDATE alert_recipients SET name = $2, role = $3, park_id = $4, level = $5, min_severity = $6,
         email = $7, webhook_url = $8, user_id = $9 WHERE id = $1`,
      [id, ...columnsOf(input)],
    );
    return result.rowCount > 0 ? this.find(id) : null;
  }

  /** Removes a recipient (its past notifications keep their rows, without it); false when none. */
  async remove(id: number): Promise<boolean> {
    return (await this.db.query(`DELETE FROM alert_recipients WHERE id = $1`, [id])).rowCount > 0;
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

  async findSilence(id: number): Promise<AlertSilence | null> {
    return (await this.db.query<AlertSilence>(`${SILENCE} WHERE id = $1`, [id])).rows[0] ?? null;
  }

  /** Ends a silence that has begun at this moment (alerts after it notify again). */
  async endSilence(id: number, at: Date): Promise<AlertSilence | null> {
    await this.db.query(`UPDATE alert_silences SET ends_at = $2 WHERE id = $1 AND starts_at < $2`, [
      id,
      at.toISOString(),
    ]);
    return this.findSilence(id);
  }

  /** Withdraws a silence that has not begun. */
  async deleteSilence(id: number): Promise<void> {
    await this.db.query(`DELETE FROM alert_silences WHERE id = $1`, [id]);
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
