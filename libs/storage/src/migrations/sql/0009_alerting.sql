-- Alerting: rules, their persisted evaluation state, the alert lifecycle, recipients and silences, and the
-- outbox that carries every notification to the queue in the same transaction as the alert change.

CREATE TABLE alert_rules (
  id         serial PRIMARY KEY,
  code       text NOT NULL UNIQUE,
  kind       text NOT NULL CHECK (kind IN ('threshold', 'window_mean', 'rate_of_change', 'no_data',
                                           'device_offline', 'status_stuck', 'waste_violation',
                                           'daily_exceedance')),
  -- Scope: a station, a park, or (both null) everywhere.
  park_id    integer REFERENCES parks (id) ON DELETE CASCADE,
  station_id integer REFERENCES stations (id) ON DELETE CASCADE,
  -- Parameter code; null: every parameter the station's permit limits.
  parameter  text,
  severity   text NOT NULL DEFAULT 'warning' CHECK (severity IN ('info', 'warning', 'critical')),
  -- Kind-specific settings (alert-rule-settings.ts), e.g. {"forSeconds":300,"clearRatio":0.9}.
  settings   jsonb NOT NULL DEFAULT '{}',
  enabled    boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Where each (rule, subject) stands between observations, so a restart loses no pending duration.
CREATE TABLE alert_rule_states (
  rule_id    integer NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
  subject    text NOT NULL,
  phase      text NOT NULL CHECK (phase IN ('normal', 'pending', 'firing', 'clearing')),
  since      timestamptz,
  last_at    timestamptz,
  last_value double precision,
  PRIMARY KEY (rule_id, subject)
);

-- Sweep watermarks (last computed_at / updated_at seen), by name.
CREATE TABLE alert_watermarks (
  name text PRIMARY KEY,
  at   timestamptz NOT NULL
);

CREATE TABLE alerts (
  id                 bigserial PRIMARY KEY,
  rule_id            integer NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
  subject            text NOT NULL,
  kind               text NOT NULL,
  severity           text NOT NULL,
  park_id            integer REFERENCES parks (id),
  station_id         integer REFERENCES stations (id),
  status             text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  message            text NOT NULL,
  details            jsonb NOT NULL DEFAULT '{}',
  first_seen         timestamptz NOT NULL,
  last_seen          timestamptz NOT NULL,
  occurrences        integer NOT NULL DEFAULT 1,
  -- Opened during a silence or maintenance window: recorded, nobody notified.
  silenced           boolean NOT NULL DEFAULT false,
  escalation_level   integer NOT NULL DEFAULT 0,
  next_escalation_at timestamptz,
  next_reminder_at   timestamptz,
  acknowledged_at    timestamptz,
  acknowledged_by    text,
  resolved_at        timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- One open (or acknowledged) alert per rule and subject: a repeat updates it.
CREATE UNIQUE INDEX alerts_one_open_idx ON alerts (rule_id, subject) WHERE status <> 'resolved';
CREATE INDEX alerts_updated_idx ON alerts (updated_at);
CREATE INDEX alerts_due_idx ON alerts (next_escalation_at, next_reminder_at) WHERE status = 'open';

CREATE TABLE alert_recipients (
  id           serial PRIMARY KEY,
  name         text NOT NULL,
  role         text NOT NULL,
  -- null: every park.
  park_id      integer REFERENCES parks (id) ON DELETE CASCADE,
  -- 0 is notified first; level n+1 when an alert stays unacknowledged past the escalation delay.
  level        integer NOT NULL DEFAULT 0 CHECK (level >= 0),
  min_severity text NOT NULL DEFAULT 'info' CHECK (min_severity IN ('info', 'warning', 'critical')),
  email        text,
  webhook_url  text,
  CHECK (email IS NOT NULL OR webhook_url IS NOT NULL)
);

CREATE TABLE alert_silences (
  id         serial PRIMARY KEY,
  park_id    integer REFERENCES parks (id) ON DELETE CASCADE,
  station_id integer REFERENCES stations (id) ON DELETE CASCADE,
  -- null: every kind.
  rule_kind  text,
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
  reason     text NOT NULL,
  created_by text
);

CREATE TABLE alert_outbox (
  id          bigserial PRIMARY KEY,
  alert_id    bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  event       text NOT NULL CHECK (event IN ('opened', 'escalated', 'reminder', 'resolved')),
  channel     text NOT NULL CHECK (channel IN ('email', 'webhook')),
  recipient_id integer REFERENCES alert_recipients (id) ON DELETE SET NULL,
  target      text NOT NULL,
  payload     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  relayed_at  timestamptz,
  delivered_at timestamptz,
  attempts    integer NOT NULL DEFAULT 0
);
CREATE INDEX alert_outbox_unrelayed_idx ON alert_outbox (id) WHERE relayed_at IS NULL;

-- Notifications whose retries ran out, kept for an operator to look at and re-send.
CREATE TABLE alert_dead_letters (
  outbox_id bigint PRIMARY KEY REFERENCES alert_outbox (id) ON DELETE CASCADE,
  channel   text NOT NULL,
  target    text NOT NULL,
  error     text NOT NULL,
  attempts  integer NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
