-- Alert annotations on Grafana travel through the outbox like the other notifications.
ALTER TABLE alert_outbox DROP CONSTRAINT alert_outbox_channel_check;
ALTER TABLE alert_outbox ADD CONSTRAINT alert_outbox_channel_check CHECK (channel IN ('email', 'webhook', 'grafana'));
