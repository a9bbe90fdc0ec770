import type { PlatformConfig } from '@hp/config';

export type AlertSettings = PlatformConfig['alerts'];

export const ALERT_SETTINGS = Symbol('ALERT_SETTINGS');

export const DEFAULT_ALERT_SETTINGS: AlertSettings = Object.freeze({
  smtpUrl: undefined,
  mailFrom: 'alerts@hp-envmon.local',
  webhookSecret: undefined,
  escalateAfterMinutes: 30,
  remindEveryMinutes: 60,
});
