-- A device's last message as ingestion saw it (its kind: telemetry, gateway, status), kept in memory per
-- process and written every few seconds, never once per reading; the admin device list shows it.
ALTER TABLE devices ADD COLUMN last_message_at timestamptz;
ALTER TABLE devices ADD COLUMN last_message_kind text;
