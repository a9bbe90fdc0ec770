import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, SqlExecutor } from '@hp/storage';
import { AlertOutboxRepository } from './alert-outbox.repository';
import { AlertRecipientsRepository } from './alert-recipients.repository';
import { AlertRulesRepository } from './alert-rules.repository';
import { AlertSubscriptionsRepository } from './alert-subscriptions.repository';
import { AlertsRepository } from './alerts.repository';

export type AlertReads = Pick<
  AlertsRepository,
  'find' | 'list' | 'count' | 'changeCursorNow' | 'changedSince'
>;
export type AlertRuleReads = Pick<AlertRulesRepository, 'list' | 'listEnabled'>;
export type AlertRecipientReads = Pick<AlertRecipientsRepository, 'list' | 'silences'>;
export type AlertSubscriptionReads = Pick<AlertSubscriptionsRepository, 'find'>;
export type AlertNotificationReads = Pick<AlertOutboxRepository, 'listForAlert' | 'deadLetters'>;

/**
 * What other features, apps and tests read of alerting's tables: alerts, rules, recipients and silences,
 * and the notifications of an alert. Read only; changes go through AlertLifecycle and AlertConfiguration.
 */
@Injectable()
export class AlertsReader {
  readonly alerts: AlertReads;
  readonly rules: AlertRuleReads;
  readonly recipients: AlertRecipientReads;
  readonly notifications: AlertNotificationReads;
  /** Each user's own subscription ("notify me"). */
  readonly subscriptions: AlertSubscriptionReads;

  constructor(@Inject(DATABASE) db: SqlExecutor) {
    this.alerts = new AlertsRepository(db);
    this.rules = new AlertRulesRepository(db);
    this.recipients = new AlertRecipientsRepository(db);
    this.notifications = new AlertOutboxRepository(db);
    this.subscriptions = new AlertSubscriptionsRepository(db);
  }
}
