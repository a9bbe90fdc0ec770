import { DynamicModule, Global, Module } from '@nestjs/common';
import { READINGS_COMMITTED_LISTENER } from '@hp/ingestion';
import { DEFAULT_WASTE_POLICY, WastePolicy, WasteViewsModule } from '@hp/waste';
import { AlertParkResolver } from './access/park-resolvers';
import { AlertsController } from './api/alerts.controller';
import { MAIL_CATCHER, MailboxController } from './api/mailbox.controller';
import { NotificationPreferencesController } from './api/notification-preferences.controller';
import { NotificationsController } from './api/notifications.controller';
import { MailCatcher } from './delivery/mail-catcher';
import { AlertDelivery } from './delivery/alert-delivery.service';
import { OutboxRelay } from './delivery/outbox-relay.service';
import { ReadingAlertEvaluator } from './evaluation/reading-alert-evaluator.service';
import { AlertLifecycle } from './lifecycle/alert-lifecycle.service';
import { ALERT_SETTINGS, AlertSettings, DEFAULT_ALERT_SETTINGS } from './lifecycle/alert-settings';
import { AlertSweep } from './sweep/alert-sweep.service';

const settingsProvider = (settings: AlertSettings) => ({ provide: ALERT_SETTINGS, useValue: settings });

/** The alert API: list, live stream, acknowledge, resolve, rules, recipients, silences, "notify me". */
@Module({})
export class AlertingApiModule {
  static forRoot(settings: AlertSettings = DEFAULT_ALERT_SETTINGS): DynamicModule {
    return {
      module: AlertingApiModule,
      controllers: [AlertsController, NotificationsController, NotificationPreferencesController],
      // AlertParkResolver: the park of an alert, for the access guard.
      providers: [settingsProvider(settings), AlertLifecycle, AlertParkResolver],
    };
  }
}

/** In the ingestion process: reading rules evaluated right after each committed batch. */
@Global()
@Module({})
export class AlertingIngestionModule {
  static forRoot(settings: AlertSettings = DEFAULT_ALERT_SETTINGS): DynamicModule {
    return {
      module: AlertingIngestionModule,
      providers: [
        settingsProvider(settings),
        AlertLifecycle,
        ReadingAlertEvaluator,
        { provide: READINGS_COMMITTED_LISTENER, useExisting: ReadingAlertEvaluator },
      ],
      exports: [READINGS_COMMITTED_LISTENER, ReadingAlertEvaluator],
    };
  }
}

/** In the worker: the outbox relay, delivery per channel, and the time-driven sweep. Needs the JobQueue. */
@Module({})
export class AlertingWorkerModule {
  static forRoot(
    settings: AlertSettings = DEFAULT_ALERT_SETTINGS,
    wastePolicy: WastePolicy = DEFAULT_WASTE_POLICY,
  ): DynamicModule {
    return {
      module: AlertingWorkerModule,
      imports: [WasteViewsModule.forRoot(wastePolicy)],
      providers: [settingsProvider(settings), AlertLifecycle, AlertDelivery, OutboxRelay, AlertSweep],
      exports: [OutboxRelay, AlertSweep],
    };
  }
}

/** The demo's mail catcher page (/api/dev/mailbox), only where bootstrap started a catcher. */
@Module({})
export class AlertingMailboxModule {
  static forCatcher(catcher: MailCatcher): DynamicModule {
    return {
      module: AlertingMailboxModule,
      controllers: [MailboxController],
      providers: [{ provide: MAIL_CATCHER, useValue: catcher }],
    };
  }
}
