import type { AlertRuleKind } from '../storage/alerting.types';

/**
 * What a user may subscribe to ("notify me"): groups of rule kinds a person thinks in. Every rule kind is in
 * exactly one topic, so a new kind must be placed here (the type holds it).
 */
export const ALERT_TOPICS = ['exceedance', 'no_data', 'waste', 'data_quality'] as const;
export type AlertTopic = (typeof ALERT_TOPICS)[number];

export const TOPIC_OF_KIND: Readonly<Record<AlertRuleKind, AlertTopic>> = {
  threshold: 'exceedance',
  window_mean: 'exceedance',
  rate_of_change: 'exceedance',
  daily_exceedance: 'exceedance',
  no_data: 'no_data',
  device_offline: 'no_data',
  status_stuck: 'no_data',
  waste_violation: 'waste',
  data_quality: 'data_quality',
};
