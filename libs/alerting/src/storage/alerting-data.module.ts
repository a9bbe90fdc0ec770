import { Global, Module } from '@nestjs/common';
import { repositoryProviders } from '@hp/storage';
import { AlertConfiguration } from '../rules/alert-configuration.service';
import { AlertOutboxRepository } from './alert-outbox.repository';
import { AlertRecipientsRepository } from './alert-recipients.repository';
import { AlertRulesRepository } from './alert-rules.repository';
import { AlertsReader } from './alerts.reader';
import { AlertsRepository } from './alerts.repository';
import { NotificationsRepository } from './notifications.repository';
import { AlertSubscriptionsRepository } from './alert-subscriptions.repository';

const REPOSITORIES = [
  AlertRulesRepository,
  AlertsRepository,
  AlertOutboxRepository,
  AlertRecipientsRepository,
  NotificationsRepository,
  AlertSubscriptionsRepository,
];

/**
 * Alerting's tables (alert_rules, alert_rule_states, alert_watermarks, alerts, alert_recipients,
 * alert_silences, alert_outbox, alert_dead_letters, notifications, alert_subscriptions; docs/architecture.md): the repositories, for alerting's
 * own services, and the reader and configuration service other projects use. Needs the global StorageModule.
 */
@Global()
@Module({
  providers: [...repositoryProviders(REPOSITORIES), AlertsReader, AlertConfiguration],
  exports: [...REPOSITORIES, AlertsReader, AlertConfiguration],
})
export class AlertingDataModule {}
