import type { PlatformConfig } from '@hp/config';

/** The alert settings, and the Grafana that alert openings and resolutions are annotated on. */
export type AlertSettings = PlatformConfig['alerts'] & { readonly grafana?: PlatformConfig['grafana'] };

export const ALERT_SETTINGS = Symbol('ALERT_SETTINGS');

export const DEFAULT_ALERT_SETTINGS: AlertSettings = Object.freeze({
  smtpUrl: undefined,
  mailFrom: 'alerts@hp-envmon.local',
  webhookSecret: undefined,
  escalateAfterMinutes: 30,
  remindEveryMinutes: 60,
});
