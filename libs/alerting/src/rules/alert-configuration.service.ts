import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@hp/audit';
import { DomainError } from '@hp/contracts';
import { DATABASE, Database, SqlSession } from '@hp/storage';
import { AlertRecipientsRepository } from '../storage/alert-recipients.repository';
import { AlertRulesRepository } from '../storage/alert-rules.repository';
import {
  AlertRecipient,
  AlertRecipientInput,
  AlertRule,
  AlertRuleInput,
  AlertSilence,
  AlertSilenceInput,
} from '../storage/alerting.types';

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

  addRecipient(input: AlertRecipientInput, by: string): Promise<AlertRecipient> {
    return this.audited(by, 'alert-recipient.add', `alert-recipient:${input.name}`, async (tx) => ({
      before: null,
      after: await new AlertRecipientsRepository(tx).insert(input),
    })).catch((error: unknown) => {
      // foreign_key_violation: the park or user named does not exist.
      if ((error as { code?: string }).code === '23503')
        throw new DomainError('INVALID_ARGUMENT', 'parkId or userId names no park or user');
      throw error;
    });
  }

  /** A silence or maintenance window: alerts are recorded, nobody is notified. */
  addSilence(input: AlertSilenceInput, by: string): Promise<AlertSilence> {
    return this.audited(by, 'alert-silence.add', `alert-silence:${input.reason}`, async (tx) => ({
      before: null,
      after: await new AlertRecipientsRepository(tx).addSilence(input),
    }));
  }

  /** A change and its audit entry in one transaction. */
  private audited<T>(
    actor: string,
    action: string,
    subject: string,
    change: (tx: SqlSession) => Promise<{ before: unknown; after: T }>,
  ): Promise<T> {
    return this.db.transaction(async (tx) => {
      const { before, after } = await change(tx);
      await new AuditTrail(tx).append({ actor, action, subject, before, after });
      return after;
    });
  }
}
