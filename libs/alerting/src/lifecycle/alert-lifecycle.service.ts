import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError, formatReason, Reason, ReasonLanguage } from '@hp/contracts';
import { DATABASE, Database, SqlSession } from '@hp/storage';
import { AlertOutboxRepository } from '../storage/alert-outbox.repository';
import { AlertRecipientsRepository } from '../storage/alert-recipients.repository';
import { AlertSubscriptionsRepository } from '../storage/alert-subscriptions.repository';
import { TOPIC_OF_KIND } from '../rules/alert-topics';
import { AlertsRepository } from '../storage/alerts.repository';
import { AlertOccurrence, AlertRecord, NewOutboxMessage, OutboxEvent } from '../storage/alerting.types';
import { alertMessage } from './alert-view';
import { AuditTrail } from '@hp/audit';
import { ALERT_SETTINGS, AlertSettings, DEFAULT_ALERT_SETTINGS } from './alert-settings';

const MINUTE_MS = 60_000;

/** Work to do in the same transaction as an alert change (e.g. saving the rule's evaluation state). */
export type InTransaction = (tx: SqlSession) => Promise<void>;

/**
 * The alert lifecycle: open (or count a repeat), acknowledge, resolve, escalate, remind. Every change and
 * the notifications it causes are written in ONE transaction (alerts + alert_outbox), so an alert never
 * changes without its notifications being queued, and a notification never leaves for an alert that
 * rolled back. A repeat of an open alert notifies nobody; an alert opened inside a silence or maintenance
 * window is recorded and notifies nobody.
 */
@Injectable()
export class AlertLifecycle {
  private readonly settings: AlertSettings;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Optional() @Inject(ALERT_SETTINGS) settings: AlertSettings | null,
  ) {
    this.settings = settings ?? DEFAULT_ALERT_SETTINGS;
  }

  async raise(o: AlertOccurrence, also?: InTransaction): Promise<{ alert: AlertRecord; opened: boolean }> {
    return this.db.transaction(async (tx) => {
      const recipients = new AlertRecipientsRepository(tx);
      const silenced = await recipients.isSilenced(o.parkId, o.stationId, o.kind, o.at);
      const result = await new AlertsRepository(tx).openOrRepeat(o, silenced);
      if (result.opened && !silenced) {
        await this.notify(tx, result.alert, 'opened', [0]);
        await this.schedule(tx, result.alert, 0, o.at);
      }
      await also?.(tx);
      return result;
    });
  }

  /** Resolves the unresolved alert of a rule and subject (its cause is gone); null when none is open. */
  async resolveCause(
    ruleId: number,
    subject: string,
    at: Date,
    also?: InTransaction,
  ): Promise<AlertRecord | null> {
    return this.db.transaction(async (tx) => {
      const alert = await new AlertsRepository(tx).resolveOpen(ruleId, subject, at);
      if (alert && !alert.silenced)
        await this.notify(tx, alert, 'resolved', levelsUpTo(alert.escalationLevel));
      await also?.(tx);
      return alert;
    });
  }

  async acknowledge(id: number, by: string): Promise<AlertRecord> {
    return this.byHand(id, 'acknowledged', by);
  }

  async resolve(id: number, by: string): Promise<AlertRecord> {
    return this.byHand(id, 'resolved', by);
  }

  /** Escalations and reminders whose time has come; returns how many notifications were queued. */
  async sweepDue(now: Date): Promise<number> {
    const due = await new AlertsRepository(this.db).due(now, 500);
    let queued = 0;
    for (const alert of due) {
      queued += await this.db.transaction(async (tx) => {
        const escalate = alert.nextEscalationAt !== null && alert.nextEscalationAt <= now;
        const level = escalate ? alert.escalationLevel + 1 : alert.escalationLevel;
        const n = escalate
          ? await this.notify(tx, alert, 'escalated', [level])
          : await this.notify(tx, alert, 'reminder', levelsUpTo(level));
        await this.schedule(tx, { ...alert, escalationLevel: level }, level, now);
        return n;
      });
    }
    return queued;
  }

  private async byHand(id: number, to: 'acknowledged' | 'resolved', by: string): Promise<AlertRecord> {
    return this.db.transaction(async (tx) => {
      const alerts = new AlertsRepository(tx);
      const before = await alerts.find(id);
      const changed = await alerts.transition(id, to, by, new Date());
      if (!changed) {
        const current = await alerts.find(id);
        if (!current) throw new DomainError('NOT_FOUND', `no alert ${id}`);
        throw new DomainError('CONFLICT', `alert ${id} is ${current.status}; it cannot become ${to}`);
      }
      if (to === 'resolved' && !changed.silenced) {
        await this.notify(tx, changed, 'resolved', levelsUpTo(changed.escalationLevel));
      }
      await new AuditTrail(tx).append({
        actor: by,
        action: to === 'acknowledged' ? 'alert.acknowledge' : 'alert.resolve',
        subject: `alert:${id}`,
        before: { status: before?.status },
        after: { status: changed.status },
      });
      return changed;
    });
  }

  /** Next escalation (when a higher level exists) and next reminder of an open alert. */
  private async schedule(tx: SqlSession, alert: AlertRecord, level: number, from: Date): Promise<void> {
    const higher = (await new AlertRecipientsRepository(tx).maxLevel()) > level;
    await new AlertsRepository(tx).setSchedule(alert.id, {
      escalationLevel: level,
      nextEscalationAt: higher
        ? new Date(from.getTime() + this.settings.escalateAfterMinutes * MINUTE_MS)
        : null,
      nextReminderAt: new Date(from.getTime() + this.settings.remindEveryMinutes * MINUTE_MS),
    });
  }

  /** Queues one message per channel of each recipient of these levels; returns how many. */
  private async notify(
    tx: SqlSession,
    alert: AlertRecord,
    event: OutboxEvent,
    levels: number[],
  ): Promise<number> {
    const recipients = new AlertRecipientsRepository(tx);
    const messages: NewOutboxMessage[] = [];
    const payload = notificationPayload(alert, event);
    const toUser = { alertId: alert.id, event, recipientId: null, payload };
    for (const level of levels) {
      for (const r of await recipients.forAlert(alert.parkId, level, alert.severity)) {
        if (r.email && this.settings.smtpUrl) {
          messages.push({
            alertId: alert.id,
            event,
            channel: 'email',
            recipientId: r.id,
            target: r.email,
            payload,
          });
        }
        if (r.webhookUrl) {
          messages.push({
            alertId: alert.id,
            event,
            channel: 'webhook',
            recipientId: r.id,
            target: r.webhookUrl,
            payload,
          });
        }
        if (r.userId) {
          messages.push({
            alertId: alert.id,
            event,
            channel: 'in_app',
            recipientId: r.id,
            target: inAppTarget(r.userId),
            payload,
          });
        }
      }
    }
    // "Notify me": the users subscribed to this kind of alert of this park, told of its opening and
    // resolution (escalations and reminders follow the recipients' levels), once per channel and address.
    if (event === 'opened' || event === 'resolved') {
      const subscribers = await new AlertSubscriptionsRepository(tx).forAlert(
        alert.parkId,
        TOPIC_OF_KIND[alert.kind],
        alert.severity,
      );
      // A subscriber who is a recipient too is told once per channel and address.
      const told = new Set(messages.map((m) => `${m.channel} ${m.target}`));
      const tell = (channel: 'in_app' | 'email', target: string) => {
        if (!told.has(`${channel} ${target}`)) messages.push({ ...toUser, channel, target });
        told.add(`${channel} ${target}`);
      };
      for (const s of subscribers) {
        if (s.inApp) tell('in_app', inAppTarget(s.userId));
        if (s.email && this.settings.smtpUrl) tell('email', s.email);
      }
    }
    const grafana = this.settings.grafana;
    if (grafana?.url && grafana.token && (event === 'opened' || event === 'resolved')) {
      messages.push({
        alertId: alert.id,
        event,
        channel: 'grafana',
        recipientId: null,
        target: grafana.url,
        payload,
      });
    }
    await new AlertOutboxRepository(tx).insertMany(messages);
    return messages.length;
  }
}

/** The outbox target of a user's in-app notification. */
export function inAppTarget(userId: number): string {
  return `user:${userId}`;
}

function levelsUpTo(level: number): number[] {
  return Array.from({ length: level + 1 }, (_, i) => i);
}

/**
 * The reason codes an alert's details carry (a judged day's reasons, a waste lot's violations), worded in
 * Vietnamese and English by the one message catalogue; nothing when it carries none.
 */
export function alertReasonTexts(details: Readonly<Record<string, unknown>>): {
  reasonTexts?: Record<ReasonLanguage, string[]>;
} {
  const reasons = details['reasons'] ?? details['violations'];
  if (!Array.isArray(reasons) || reasons.length === 0) return {};
  const texts = (lang: ReasonLanguage) => (reasons as Reason[]).map((r) => formatReason(r, lang));
  return { reasonTexts: { vi: texts('vi'), en: texts('en') } };
}

/** What a notification says (the webhook body; the e-mail is written from it). */
export function notificationPayload(alert: AlertRecord, event: OutboxEvent): Record<string, unknown> {
  return {
    event,
    alert: {
      id: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      status: event === 'resolved' ? 'resolved' : alert.status,
      subject: alert.subject,
      parkId: alert.parkId,
      stationId: alert.stationId,
      // Why, as data and worded by the catalogue: `message` in Vietnamese (as earlier receivers read it),
      // `messages` in each language.
      reason: alert.reason,
      message: alertMessage(alert, 'vi'),
      messages: { vi: alertMessage(alert, 'vi'), en: alertMessage(alert, 'en') },
      details: alert.details,
      // The reasons in details (a day's, a lot's) worded by the catalogue, Vietnamese first.
      ...alertReasonTexts(alert.details),
      firstSeen: alert.firstSeen.toISOString(),
      lastSeen: alert.lastSeen.toISOString(),
      occurrences: alert.occurrences,
      escalationLevel: alert.escalationLevel,
    },
  };
}
