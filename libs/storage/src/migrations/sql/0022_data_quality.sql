-- Data-quality signals per station (issue 16.4): rules with hysteresis evaluated per station and local day,
-- a 0-100 score per station-day, each station's declared calibration schedule and announced inspections.
-- Every threshold below is a design default (domain.md 5.2, [U] unless the rule's README line says
-- otherwise): data, not code; PUT /api/data-quality/rules/:code edits them.

-- A signal raised by a rule opens an alert through the alert lifecycle (kind 'data_quality').
ALTER TABLE alert_rules DROP CONSTRAINT alert_rules_kind_check;
ALTER TABLE alert_rules ADD CONSTRAINT alert_rules_kind_check
  CHECK (kind IN ('threshold', 'window_mean', 'rate_of_change', 'no_data', 'device_offline', 'status_stuck',
                  'waste_violation', 'daily_exceedance', 'data_quality'));

CREATE TABLE dq_rules (
  code        text PRIMARY KEY,
  -- Hysteresis: raised after raise_after consecutive evaluated days on which the rule holds, cleared after
  -- clear_after consecutive evaluated days on which it does not.
  raise_after integer NOT NULL CHECK (raise_after BETWEEN 1 AND 90),
  clear_after integer NOT NULL CHECK (clear_after BETWEEN 1 AND 90),
  -- Points taken off the station-day's score (100) while the signal is raised.
  weight      integer NOT NULL CHECK (weight BETWEEN 0 AND 100),
  enabled     boolean NOT NULL DEFAULT true,
  -- Rule-specific thresholds (libs/data-quality/README.md).
  settings    jsonb NOT NULL DEFAULT '{}',
  -- Evidence level of the rule's premise, tagged as shared/reference/domain.md does.
  evidence    text NOT NULL CHECK (evidence IN ('V', 'V2', 'U')),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO dq_rules (code, raise_after, clear_after, weight, evidence, settings) VALUES
  -- Longest run of identical valid values in one local day, in records, per parameter. A fixed-rate pump's
  -- Flow repeats for hours (only a whole day unchanged counts); Temp and pH repeat at instrument resolution.
  ('STUCK_VALUE', 2, 2, 20, 'U',
   '{"runRecords": {"Flow": 288, "Temp": 72, "pH": 72, "TSS": 24, "COD": 16, "NH4": 12, "TN": 12, "TP": 12, "TOC": 12, "Cl": 12, "Color": 24}, "defaultRunRecords": 24}'),
  -- Share of a day's valid values in [bandLow x Cmax, Cmax] with none above Cmax.
  ('NEAR_LIMIT_CLUSTER', 3, 2, 20, 'U', '{"bandLow": 0.9, "minShare": 0.5, "minRecords": 12}'),
  -- A day's series equal to an earlier day's at the same local time (copied data).
  ('REPEATED_DAY', 1, 2, 30, 'U',
   '{"lookbackDays": 7, "minPairs": 24, "minShare": 0.9, "minDistinct": 10, "tolerance": 0}'),
  -- Calibration (status 01) outside the declared schedule, or more episodes a day than allowed.
  ('CALIBRATION_OFF_SCHEDULE', 1, 2, 10, 'V2', '{"episodeGapMinutes": 60, "maxEpisodesWithoutSchedule": 2}'),
  -- Device time vs received time: readings from the future, or a steady offset.
  ('CLOCK_DRIFT', 2, 2, 15, 'V2',
   '{"futureToleranceSeconds": 120, "maxMedianLagSeconds": 900, "maxLagSpreadSeconds": 120, "minRecords": 12}'),
  -- A climb toward Cmax cut by a sharp drop right where the next step would exceed it.
  ('DROP_BEFORE_EXCEEDANCE', 2, 3, 25, 'U', '{"approachRatio": 0.85, "dropRatio": 0.4, "climbSteps": 3, "minEvents": 1}'),
  -- Data gap or capture drop around an announced inspection compared with the station's baseline.
  ('INSPECTION_GAP', 1, 1, 25, 'U',
   '{"hoursBefore": 24, "hoursAfter": 24, "baselineDays": 7, "maxCaptureDrop": 0.3, "gapMinutes": 60}');

-- A station's declared calibration schedule per parameter ('*': every parameter without its own):
-- every every_days days counted from anchor_day, starting at window_start local time for window_minutes.
CREATE TABLE dq_calibration_schedules (
  station_id      integer NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  parameter_code  text NOT NULL,
  every_days      integer NOT NULL CHECK (every_days BETWEEN 1 AND 366),
  anchor_day      date NOT NULL,
  window_start    time NOT NULL,
  window_minutes  integer NOT NULL CHECK (window_minutes BETWEEN 1 AND 1440),
  max_per_day     integer NOT NULL DEFAULT 1 CHECK (max_per_day >= 1),
  updated_by      text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, parameter_code)
);

-- Inspections announced to a station's operator.
CREATE TABLE dq_inspections (
  id          serial PRIMARY KEY,
  station_id  integer NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
  reference   text,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dq_inspections_station_idx ON dq_inspections (station_id, starts_at);

-- Where each (station, rule) stands in its hysteresis, after the last evaluated day.
CREATE TABLE dq_signal_states (
  station_id  integer NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  rule_code   text NOT NULL REFERENCES dq_rules (code) ON DELETE CASCADE,
  raised      boolean NOT NULL DEFAULT false,
  -- Consecutive evaluated days the rule held (while not raised) or did not hold (while raised).
  streak      integer NOT NULL DEFAULT 0,
  since_day   date,
  last_day    date NOT NULL,
  params      jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (station_id, rule_code)
);

-- One evaluated station-day: its score and each rule's finding (codes and parameters, never prose).
CREATE TABLE dq_station_days (
  station_id   integer NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  day          date NOT NULL,
  score        integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  -- [{"code": "STUCK_VALUE", "holds": true, "raised": false, "params": {...}}, ...]
  signals      jsonb NOT NULL,
  evaluated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, day)
);
