-- Progress reports on the 2030 targets: who receives them by e-mail, each generated report with its files
-- (kept in the database, so the api and worker processes share them without a shared disk), and which
-- subscriber got which report (a retried job does not send twice).

CREATE TABLE report_subscriptions (
  id           serial PRIMARY KEY,
  email        text NOT NULL CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$' AND length(email) <= 254),
  language     text NOT NULL CHECK (language IN ('vi', 'en')),
  period_kinds text[] NOT NULL
    CHECK (cardinality(period_kinds) > 0 AND period_kinds <@ ARRAY['month', 'quarter', 'year']::text[]),
  formats      text[] NOT NULL
    CHECK (cardinality(formats) > 0 AND formats <@ ARRAY['pdf', 'xlsx', 'csv']::text[]),
  -- One park's report only; null: the whole city.
  park_id      integer REFERENCES parks (id) ON DELETE CASCADE,
  created_by   text,
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE report_runs (
  id           serial PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('month', 'quarter', 'year')),
  -- '2026-10', '2026-Q4', '2026'.
  period       text NOT NULL,
  language     text NOT NULL CHECK (language IN ('vi', 'en')),
  -- A park code, or '' for the whole city (part of the key, so not null).
  scope        text NOT NULL DEFAULT '',
  period_from  date NOT NULL,
  period_to    date NOT NULL,
  status       text NOT NULL CHECK (status IN ('ready', 'failed')),
  trigger      text NOT NULL CHECK (trigger IN ('schedule', 'request')),
  requested_by text,
  generated_at timestamptz NOT NULL,
  error        text,
  -- [{format, filename, contentType, bytes, sha256}] of the files below.
  files        jsonb NOT NULL DEFAULT '[]',
  pdf          bytea,
  xlsx         bytea,
  csv          bytea,
  -- Generating a period again replaces its run: one report per period, language and scope.
  UNIQUE (kind, period, language, scope)
);

CREATE TABLE report_deliveries (
  run_id          integer NOT NULL REFERENCES report_runs (id) ON DELETE CASCADE,
  subscription_id integer NOT NULL REFERENCES report_subscriptions (id) ON DELETE CASCADE,
  sent_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, subscription_id)
);
