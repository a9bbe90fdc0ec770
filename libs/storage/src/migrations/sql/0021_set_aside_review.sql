-- No exceedance hidden (issue 16.3). The automatic flat-line screen sets readings aside instead of dropping
-- them without a trace: a judged day counts and names what it set aside, and a set-aside value beyond the
-- limit makes the day a "suspected exceedance" until an officer confirms or rejects it.

-- Flat-line run length per parameter (identical consecutive values of one local day from which all of them
-- are set aside); 0: the parameter is never screened. Defaults are design defaults (domain.md 2.4 [U]):
-- Flow from a fixed-rate pump, and Temp and pH at instrument resolution, repeat for an hour legitimately.
-- A parameter not listed takes its permit's flatline_records. Data, not code: an operator may change them.
CREATE TABLE flatline_defaults (
  parameter_code text PRIMARY KEY,
  run_records    integer NOT NULL CHECK (run_records = 0 OR run_records >= 2)
);
INSERT INTO flatline_defaults (parameter_code, run_records) VALUES
  ('Flow', 0),   -- a fixed-rate pump's flow is steady by design
  ('Temp', 36),  -- 3 h at 5 min: effluent temperature drifts slowly, at 0.1 degC resolution
  ('pH', 24);    -- 2 h at 5 min: a buffered effluent holds a pH reading at 0.01 resolution for an hour

-- A permit's own flat-line run length for one parameter (0: never screened), beside its limit and windows.
ALTER TABLE permit_parameter_limits
  ADD COLUMN flatline_records integer CHECK (flatline_records IS NULL OR flatline_records = 0 OR flatline_records >= 2),
  DROP CONSTRAINT permit_parameter_limits_check,
  ADD CONSTRAINT permit_parameter_limits_states_a_rule
    CHECK (min_value IS NOT NULL OR max_value IS NOT NULL OR windows IS NOT NULL OR flatline_records IS NOT NULL);

-- What the screen set aside on a judged parameter-day, and the review in force when it was judged.
ALTER TABLE compliance_parameter_days
  ADD COLUMN flatline_records   integer,           -- the run length the day was screened with (0: none)
  ADD COLUMN set_aside_records  integer NOT NULL DEFAULT 0,
  ADD COLUMN set_aside_max      double precision,
  ADD COLUMN set_aside_min      double precision,
  ADD COLUMN set_aside_beyond_limit boolean NOT NULL DEFAULT false,
  ADD COLUMN review_decision    text CHECK (review_decision IN ('confirmed', 'rejected')),
  DROP CONSTRAINT compliance_parameter_days_verdict_check,
  ADD CONSTRAINT compliance_parameter_days_verdict_check
    CHECK (verdict IN ('compliant', 'exceedance', 'insufficient_data', 'suspected_exceedance'));

ALTER TABLE compliance_station_days
  DROP CONSTRAINT compliance_station_days_verdict_check,
  ADD CONSTRAINT compliance_station_days_verdict_check
    CHECK (verdict IN ('compliant', 'exceedance', 'insufficient_data', 'suspected_exceedance', 'no_permit'));

-- An officer's review of a suspected exceedance, append-only (the latest per station, day and parameter is in
-- force). 'confirmed': the set-aside readings are real measurements and are judged as valid; 'rejected': they
-- are instrument faults and stay set aside. A review holds for the set-aside readings it saw: when late data
-- changes how many there are, the day is suspected again until reviewed anew.
CREATE TABLE set_aside_reviews (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id        integer NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
  day               date NOT NULL,
  parameter_code    text NOT NULL,
  decision          text NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
  set_aside_records integer NOT NULL CHECK (set_aside_records > 0),
  note              text NOT NULL CHECK (btrim(note) <> ''),
  reviewer          text NOT NULL,
  reviewed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX set_aside_reviews_station_day ON set_aside_reviews (station_id, day, parameter_code, id);
