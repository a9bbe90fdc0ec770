-- Compliance: what a permit judges and how, and the stored results of judging each station's local day
-- (Asia/Ho_Chi_Minh). Results are derived data: recomputing a station-day replaces its rows.

-- How a permit judges. Defaults are design defaults (domain.md 2.4 [U]), stated on each permit so an
-- inspector reads the rule that produced a verdict next to it.
ALTER TABLE discharge_permits
  ADD COLUMN parameters      text[] NOT NULL DEFAULT '{Temp,pH,TSS,COD,NH4}', -- parameters judged
  ADD COLUMN windows         text[] NOT NULL DEFAULT '{hour,day}'
                             CHECK (windows <@ '{hour,day}'::text[] AND cardinality(windows) > 0),
  ADD COLUMN min_capture     numeric NOT NULL DEFAULT 0.75 CHECK (min_capture > 0 AND min_capture <= 1),
  ADD COLUMN flatline_records integer NOT NULL DEFAULT 12 CHECK (flatline_records >= 2);

-- A permit's own rule for one parameter: its limit, overriding the standard's C x Kq x Kf, and/or its
-- averaging windows, overriding the permit's.
CREATE TABLE permit_parameter_limits (
  permit_id      integer NOT NULL REFERENCES discharge_permits (id) ON DELETE CASCADE,
  parameter_code text NOT NULL,
  min_value      double precision,
  max_value      double precision,
  windows        text[] CHECK (windows <@ '{hour,day}'::text[] AND cardinality(windows) > 0),
  PRIMARY KEY (permit_id, parameter_code),
  CHECK (min_value IS NOT NULL OR max_value IS NOT NULL OR windows IS NOT NULL),
  CHECK (min_value IS NULL OR max_value IS NULL OR max_value >= min_value)
);

-- One row per station, local day and judged parameter.
CREATE TABLE compliance_parameter_days (
  station_id         integer NOT NULL,
  day                date NOT NULL,
  parameter_code     text NOT NULL,
  permit_id          integer NOT NULL,
  limit_min          double precision,
  limit_max          double precision,
  expected_records   integer NOT NULL,
  total_records      integer NOT NULL,
  valid_records      integer NOT NULL,  -- status 00 and not flat-lined
  capture            double precision NOT NULL, -- valid / expected
  mean_value         double precision,  -- of the valid records
  max_value          double precision,
  min_value          double precision,
  hour_windows_valid integer NOT NULL,
  hour_exceedances   integer NOT NULL,
  day_window_valid   boolean NOT NULL,
  day_exceedance     boolean NOT NULL,
  verdict            text NOT NULL CHECK (verdict IN ('compliant', 'exceedance', 'insufficient_data')),
  computed_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, day, parameter_code)
);

-- One row per station and local day: the worst of its parameters, or no_permit.
CREATE TABLE compliance_station_days (
  station_id  integer NOT NULL,
  day         date NOT NULL,
  permit_id   integer,
  verdict     text NOT NULL CHECK (verdict IN ('compliant', 'exceedance', 'insufficient_data', 'no_permit')),
  -- Human reasons for anything but compliant, e.g. "COD hourly mean 163.2 > 150 mg/L (2 hours)".
  reasons     text[] NOT NULL DEFAULT '{}',
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, day)
);
CREATE INDEX compliance_station_days_day_idx ON compliance_station_days (day, station_id);
