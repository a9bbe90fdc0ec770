-- Quarantine: every refused telemetry message, or message with refused readings, with its raw bytes,
-- topic, MQTT client id and reasons, so an operator can see exactly what was wrong. Valid readings of
-- the same message are stored in readings as usual.
CREATE TABLE quarantined_messages (
  id          bigserial PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  topic       text NOT NULL,
  client_id   text,
  -- Summary of the first problem, for lists; every problem is in `problems`.
  reason      text NOT NULL,
  -- [{ "index": <reading index or null for the whole message>, "reason": "..." }]
  problems    jsonb NOT NULL,
  payload     bytea NOT NULL
);
CREATE INDEX quarantined_messages_received_idx ON quarantined_messages (received_at DESC);

-- Compliance windows to recompute: one row per station and local day (Asia/Ho_Chi_Minh) that received
-- readings since the compliance engine last looked, written in the same transaction as the readings.
CREATE TABLE recompute_marks (
  station_id integer NOT NULL,
  day        date NOT NULL,
  marked_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, day)
);
