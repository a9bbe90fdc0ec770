import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@hp/audit';
import { DomainError } from '@hp/contracts';
import { DATABASE, Database, SqlSession } from '@hp/storage';
import { AlertRecipientsRepository } from '../storage/alert-recipients.repository';
import { AlertRulesRepository } from '../storage/alert-rules.repository';
import { AlertSubscriptionsRepository } from '../storage/alert-subscriptions.repository';
import {
  AlertRecipient,
  AlertRecipientInput,
  AlertRule,
  AlertRuleInput,
  AlertSilence,
  AlertSilenceInput,
  AlertSubscription,
  AlertSubscriptionInput,
} from '../storage/alerting.types';

/** What an edit of a rule may change (its code and kind stay). */
export type AlertRuleChanges = Partial<
  Pick<AlertRule, 'severity' | 'parkId' | 'stationId' | 'parameter' | 'settings' | 'enabled'>
>;

/** A silence as listed: whether it is still to come, in force or over. */
export type SilenceState = 'upcoming' | 'active' | 'ended' | 'withdrawn';

/** foreign_key_violation: a park, station or user named does not exist. */
function refusedReference(fields: string) {
  return (error: unknown): never => {
    if ((error as { code?: string }).code === '23503')
      throw new DomainError('INVALID_ARGUMENT', `${fields} names nothing that exists`, {
        field: fields.split(' ')[0],
      });
    throw error;
  };
}

/**
 * Who is alerted of what: rules, recipients, silences. Each change is recorded in the audit log with who
 * made it, in the same transaction (the alert settings routes, and tests and seeds that set alerting up).
 */
@Injectable()
export class AlertConfiguration {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Creates a rule, or replaces the one with the same code. */
  saveRule(input: AlertRuleInput, by: string): Promise<AlertRule> {
    return this.audited(by, 'alert-rule.save', `alert-rule:${input.code}`, async (tx) => {
      const rules = new AlertRulesRepository(tx);
      const before = (await rules.list()).find((r) => r.code === input.code) ?? null;
      return { before, after: await rules.upsert(input) };
    });
  }

  /** Changes a rule by its id (its severity, scope, settings; `enabled: false` disables it). */
  editRule(id: number, changes: AlertRuleChanges, by: string): Promise<AlertRule> {
    return this.audited(by, 'alert-rule.edit', `alert-rule:${id}`, async (tx) => {
      const rules = new AlertRulesRepository(tx);
      const before = await rules.find(id);
      if (!before) throw DomainError.notFound('alert rule', id);
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      return { before, after: await rules.upsert({ ...before, ...defined }) };
    }).catch(refusedReference('parkId or stationId'));
  }

  addRecipient(input: AlertRecipientInput, by: string): Promise<AlertRecipient> {
    return this.audited(by, 'alert-recipient.add', `alert-recipient:${input.name}`, async (tx) => ({
      before: null,
      after: await new AlertRecipientsRepository(tx).insert(input),
    })).catch(refusedReference('parkId or userId'));
  }

  editRecipient(id: number, input: AlertRecipientInput, by: string): Promise<AlertRecipient> {
    return this.audited(by, 'alert-recipient.edit', `alert-recipient:${id}`, async (tx) => {
      const recipients = new AlertRecipientsRepository(tx);
      const before = await recipients.find(id);
      const after = before && (await recipients.update(id, input));
      if (!after) throw DomainError.notFound('alert recipient', id);
      return { before, after };
    }).catch(refusedReference('parkId or userId'));
  }

  /** Removes a recipient: nobody is told through it any more. */
  removeRecipient(id: number, by: string): Promise<AlertRecipient> {
    return this.audited<AlertRecipient>(by, 'alert-recipient.remove', `alert-recipient:${id}`, async (tx) => {
      const recipients = new AlertRecipientsRepository(tx);
      const before = await recipients.find(id);
      if (!before || !(await recipients.remove(id))) throw DomainError.notFound('alert recipient', id);
      return { before, after: null, result: before };
    });
  }

  /** A silence or maintenance window: alerts are recorded, nobody is notified. */
  addSilence(input: AlertSilenceInput, by: string): Promise<AlertSilence> {
    return this.audited(by, 'alert-silence.add', `alert-silence:${input.reason}`, async (tx) => ({
      before: null,
      after: await new AlertRecipientsRepository(tx).addSilence(input),
    })).catch(refusedReference('parkId or stationId'));
  }

  /**
   * Ends a silence early: one in force ends now; one still to come is withdrawn. One already over is a
   * conflict (nothing to end).
   */
  endSilence(id: number, by: string, now = new Date()): Promise<AlertSilence & { state: SilenceState }> {
    return this.audited<AlertSilence & { state: SilenceState }>(
      by,
      'alert-silence.end',
      `alert-silence:${id}`,
      async (tx) => {
        const silences = new AlertRecipientsRepository(tx);
        const before = await silences.findSilence(id);
        if (!before) throw DomainError.notFound('alert silence', id);
        if (before.endsAt <= now) throw new DomainError('CONFLICT', `alert silence ${id} is already over`);
        if (before.startsAt >= now) {
          await silences.deleteSilence(id);
          return { before, after: null, result: { ...before, state: 'withdrawn' as const } };
        }
        const after = (await silences.endSilence(id, now))!;
        return { before, after, result: { ...after, state: 'ended' as const } };
      },
    );
  }

  /** A user's own subscription ("notify me"), replaced whole. */
  saveSubscription(userId: number, input: AlertSubscriptionInput, by: string): Promise<AlertSubscription> {
    return this.audited(by, 'alert-subscription.save', `user:${by}`, async (tx) => {
      const subscriptions = new AlertSubscriptionsRepository(tx);
      const before = await subscriptions.find(userId);
      return { before, after: await subscriptions.save(userId, input) };
    });
  }

  /** A change and its audit entry in one transaction. */
  /** `result` answers the caller where it is not `after` (a removal records after: null). */
  private audited<T>(
    actor: string,
    action: string,
    subject: string,
    change: (
      tx: SqlSession,
    ) => Promise<{ before: unknown; after: T } | { before: unknown; after: unknown; result: T }>,
  ): Promise<T> {
    return this.db.transaction(async (tx) => {
      const done = await change(tx);
      await new AuditTrail(tx).append({ actor, action, subject, before: done.before, after: done.after });
      return 'result' in done ? done.result : done.after;
    });
  }
}
