import { SqlExecutor } from '@hp/storage';
import { AlertOccurrence, AlertRecord, AlertStatus } from './alerting.types';

const SELECT = `SELECT id::int AS id, rule_id AS "ruleId", subject, kind, severity, park_id AS "parkId",
  station_id AS "stationId", status, reason, details, first_seen AS "firstSeen", last_seen AS "lastSeen",
  occurrences, silenced, escalation_level AS "escalationLevel", next_escalation_at AS "nextEscalationAt",
  next_reminder_at AS "nextReminderAt", acknowledged_at AS "acknowledgedAt", acknowledged_by AS "acknowledgedBy",
  resolved_at AS "resolvedAt", updated_at AS "updatedAt" FROM alerts`;

/** Where a reader of alert changes stands: the last change seen (updated_at as UTC text to the microsecond, id). */
export interface AlertChangeCursor {
  readonly at: string;
  readonly id: number;
}

/** A timestamptz as ISO 8601 UTC text with all six fractional digits PostgreSQL keeps. */
const FULL_PRECISION = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface AlertSchedule {
  escalationLevel: number;
  nextEscalationAt: Date | null;
  nextReminderAt: Date | null;
}

/** The alert lifecycle: open, acknowledged, resolved; one unresolved alert per rule and subject. */
export class AlertsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Opens an alert, or counts a repeat on the unresolved one of the same rule and subject.
   * `opened` is true only when a new alert row was created.
   */
  async openOrRepeat(
    o: AlertOccurrence,
    silenced: boolean,
  ): Promise<{ alert: AlertRecord; opened: boolean }> {
    const result = await this.db.query<{ id: number; opened: boolean }>(
      `INSERT INTO alerts (rule_id, subject, kind, severity, park_id, station_id, status, reason, details,
                           first_seen, last_seen, silenced)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7::jsonb, $8::jsonb, $9, $9, $10)
       ON CONFLICT (rule_id, subject) WHERE status <> 'resolved' DO UPDATE SET
         last_seen = GREATEST(alerts.last_seen, EXCLUDED.last_seen), occurrences = alerts.occurrences + 1,
         reason = EXCLUDED.reason, details = EXCLUDED.details, updated_at = clock_timestamp()
       RETURNING id::int AS id, (xmax = 0) AS opened`,
      [
        o.ruleId,
        o.subject,
        o.kind,
        o.severity,
        o.parkId,
        o.stationId,
        JSON.stringify(o.reason),
        JSON.stringify(o.details),
        o.at.toISOString(),
        silenced,
      ],
    );
    const { id, opened } = result.rows[0];
    return { alert: (await this.find(id))!, opened };
  }

  /** Resolves the unresolved alert of a rule and subject; null when there is none. */
  async resolveOpen(ruleId: number, subject: string, at: Date): Promise<AlertRecord | null> {
    const result = await this.db.query<{ id: number }>(
      `UPDATE alerts SET status = 'resolved', resolved_at = $3, next_escalation_at = NULL, next_reminder_at = NULL,
         updated_at = clock_timestamp()
       WHERE rule_id = $1 AND subject = $2 AND status <> 'resolved' RETURNING id::int AS id`,
      [ruleId, subject, at.toISOString()],
    );
    return result.rows[0] ? this.find(result.rows[0].id) : null;
  }

  /** Moves an alert to acknowledged or resolved by hand; null when it is not in a state that allows it. */
  async transition(
    id: number,
    to: Exclude<AlertStatus, 'open'>,
    by: string,
    at: Date,
  ): Promise<AlertRecord | null> {
    const result = await this.db.query<{ id: number }>(
      to === 'acknowledged'
        ? `UPDATE alerts SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3,
             next_escalation_at = NULL, next_reminder_at = NULL, updated_at = clock_timestamp()
           WHERE id = $1 AND status = 'open' RETURNING id::int AS id`
        : `UPDATE alerts SET status = 'resolved', resolved_at = $2,
             acknowledged_by = COALESCE(acknowledged_by, $3), next_escalation_at = NULL, next_reminder_at = NULL,
             updated_at = clock_timestamp()
           WHERE id = $1 AND status <> 'resolved' RETURNING id::int AS id`,
      [id, at.toISOString(), by],
    );
    return result.rows[0] ? this.find(result.rows[0].id) : null;
  }

  async setSchedule(id: number, schedule: AlertSchedule): Promise<void> {
    await this.db.query(
      `UPDATE alerts SET escalation_level = $2, next_escalation_at = $3, next_reminder_at = $4,
         updated_at = clock_timestamp() WHERE id = $1`,
      [
        id,
        schedule.escalationLevel,
        schedule.nextEscalationAt?.toISOString() ?? null,
        schedule.nextReminderAt?.toISOString() ?? null,
      ],
    );
  }

  async find(id: number): Promise<AlertRecord | null> {
    return (await this.db.query<AlertRecord>(`${SELECT} WHERE id = $1`, [id])).rows[0] ?? null;
  }

  async list(filter: { status?: AlertStatus; parkId?: number; limit: number }): Promise<AlertRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    if (filter.parkId !== undefined) where.push(`park_id = $${params.push(filter.parkId)}`);
    return (
      await this.db.query<AlertRecord>(
        `${SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY last_seen DESC, id DESC LIMIT $${params.push(filter.limit)}`,
        params,
      )
    ).rows;
  }

  /** How many alerts (of any status) a rule opened, or were opened for some stations. */
  async count(filter: { ruleId?: number; stationIds?: readonly number[] }): Promise<number> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.ruleId !== undefined) where.push(`rule_id = $${params.push(filter.ruleId)}`);
    if (filter.stationIds) where.push(`station_id = ANY ($${params.push(filter.stationIds)}::int[])`);
    const result = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM alerts ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return result.rows[0].n;
  }

  /** A cursor at the database's present moment: a reader starting now sees the changes from here on. */
  async changeCursorNow(): Promise<AlertChangeCursor> {
    const result = await this.db.query<{ at: string }>(`SELECT ${FULL_PRECISION('clock_timestamp()')} AS at`);
    return { at: result.rows[0].at, id: 0 };
  }

  /**
   * Alert changes after a cursor, oldest first (the live stream), each with the cursor just past it. The
   * cursor keeps updated_at as text at PostgreSQL's microsecond precision plus the id: a JS Date would drop
   * the microseconds, and the last change would come back on every read.
   */
  async changedSince(
    after: AlertChangeCursor,
    limit: number,
  ): Promise<{ alert: AlertRecord; cursor: AlertChangeCursor }[]> {
    const rows = (
      await this.db.query<AlertRecord & { changeAt: string }>(
        `${SELECT.replace(/ FROM alerts$/, `, ${FULL_PRECISION('updated_at')} AS "changeAt" FROM alerts`)}
          WHERE updated_at >= $1::timestamptz AND (updated_at > $1::timestamptz OR id > $2)
          ORDER BY updated_at, id LIMIT $3`,
        [after.at, after.id, limit],
      )
    ).rows;
    return rows.map(({ changeAt, ...alert }) => ({ alert, cursor: { at: changeAt, id: alert.id } }));
  }

  /** Open, notified alerts whose escalation or reminder time has come. */
  async due(now: Date, limit: number): Promise<AlertRecord[]> {
    return (
      await this.db.query<AlertRecord>(
        `${SELECT} WHERE status = 'open' AND NOT silenced
           AND (next_escalation_at <= $1 OR next_reminder_at <= $1)
         ORDER BY id LIMIT $2`,
        [now.toISOString(), limit],
      )
    ).rows;
  }

  /** Unresolved alerts of some kinds (for the sweeps that resolve them when their cause is gone). */
  async unresolvedOfKind(kind: string): Promise<AlertRecord[]> {
    return (await this.db.query<AlertRecord>(`${SELECT} WHERE kind = $1 AND status <> 'resolved'`, [kind]))
      .rows;
  }
}
