-- Data capture follows each parameter's measurement cadence (domain.md 7.1): COD and NH4 analysers are batch
-- instruments (a result every 15 / 30 min, domain.md 2.3), so counting 288 five-minute records a day for
-- every parameter made 75 % capture unreachable. Expected records = seconds of the day / cadence.

-- Default cadence per parameter (Circular 10/2021 practice, the analysers' response times in domain.md 2.3
-- [V2]; the simulator sends the same). Data, not code: an operator may change a default here.
CREATE TABLE parameter_cadence_defaults (
  parameter_code  text PRIMARY KEY,
  -- Whole records per day: the cadence divides the day.
  cadence_seconds integer NOT NULL CHECK (cadence_seconds > 0 AND 86400 % cadence_seconds = 0)
);
INSERT INTO parameter_cadence_defaults (parameter_code, cadence_seconds) VALUES
  ('Flow', 300), ('Temp', 300), ('pH', 300), ('TSS', 300), ('Color', 300),
  ('COD', 900),
  ('NH4', 1800), ('TN', 1800), ('TP', 1800), ('TOC', 1800), ('Cl', 1800);

-- A station's own cadence for a parameter (its analyser's cycle), overriding the default.
CREATE TABLE station_parameter_cadences (
  station_id      integer NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  parameter_code  text NOT NULL,
  cadence_seconds integer NOT NULL CHECK (cadence_seconds > 0 AND 86400 % cadence_seconds = 0),
  PRIMARY KEY (station_id, parameter_code)
);

-- The one rule for a station's cadence of a parameter (the compliance engine and the Grafana capture panel
-- both ask it): the station's own, else the parameter's default, else the station's expected interval.
CREATE FUNCTION parameter_cadence_seconds(p_station_id integer, p_parameter_code text) RETURNS integer
  LANGUAGE sql STABLE AS $$
  SELECT COALESCE(
    (SELECT cadence_seconds FROM station_parameter_cadences
      WHERE station_id = p_station_id AND parameter_code = p_parameter_code),
    (SELECT cadence_seconds FROM parameter_cadence_defaults WHERE parameter_code = p_parameter_code),
    (SELECT expected_interval_seconds FROM stations WHERE id = p_station_id))
$$;

-- The cadence a parameter's day was judged by, beside its expected records.
ALTER TABLE compliance_parameter_days ADD COLUMN cadence_seconds integer;

-- A day in progress is judged "so far" (records expected up to judged_until) and stays provisional until the
-- local day has closed and its late-data window has passed; then it is judged whole and final. Days judged
-- before this migration were judged whole.
ALTER TABLE compliance_station_days
  ADD COLUMN provisional  boolean NOT NULL DEFAULT false,
  ADD COLUMN judged_until timestamptz;
CREATE INDEX compliance_station_days_provisional_idx ON compliance_station_days (day) WHERE provisional;
