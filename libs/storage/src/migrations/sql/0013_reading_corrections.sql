-- Data integrity: a stored reading is never changed. A wrong reading is corrected by a new record that says
-- what the value (or status) should have been, or that the reading is withdrawn (declared invalid: it no
-- longer counts at all, not even as a record received), with a reason and an author. The original stays in
-- readings as received; compliance judges the latest correction of each reading where there is one. Each
-- stored daily verdict records the data version (the corrections of that station-day) it was computed from.

-- Readings refuse UPDATE, whatever the SQL. A row trigger: it is cloned onto every chunk of the TimescaleDB
-- hypertable (an UPDATE naming a chunk is refused too), it never fires on INSERT or COPY, and
-- INSERT ... ON CONFLICT DO NOTHING updates nothing. DELETE stays possible for retention (plain PostgreSQL
-- deletes old rows; TimescaleDB drops whole chunks, which fires no row trigger anyway).
CREATE FUNCTION readings_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'readings are never updated in place: record a correction in reading_corrections'
    USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER readings_no_update BEFORE UPDATE ON readings
  FOR EACH ROW EXECUTE FUNCTION readings_refuse_update();

CREATE TABLE reading_corrections (
  id              bigserial PRIMARY KEY,
  -- The corrected reading: readings' unique key (no foreign key: readings may be a hypertable).
  station_id      integer NOT NULL,
  parameter_code  text NOT NULL,
  time            timestamptz NOT NULL,
  -- Either the value and status the reading should have had, or a withdrawal (both null).
  withdrawn       boolean NOT NULL DEFAULT false,
  value           double precision,
  status          smallint CHECK (status IN (0, 1, 2)),
  -- The reading as received, copied here so the record of a correction outlives the readings' retention.
  original_value  double precision NOT NULL,
  original_status smallint NOT NULL,
  reason          text NOT NULL CHECK (btrim(reason) <> ''),
  -- The signed-in user's username (never taken from a request body).
  author          text NOT NULL CHECK (btrim(author) <> ''),
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- The previous correction of the same reading, if any: each reading's corrections form one chain.
  supersedes      bigint UNIQUE,
  CHECK (CASE WHEN withdrawn THEN value IS NULL AND status IS NULL
              ELSE value IS NOT NULL AND status IS NOT NULL AND value <> 'NaN'::float8
                   AND value NOT IN ('Infinity'::float8, '-Infinity'::float8) END),
  -- Only for the foreign key below: a correction supersedes one of the same reading.
  CONSTRAINT reading_corrections_reading_key UNIQUE (id, station_id, parameter_code, time),
  CONSTRAINT reading_corrections_supersedes_fkey FOREIGN KEY (supersedes, station_id, parameter_code, time)
    REFERENCES reading_corrections (id, station_id, parameter_code, time)
);
-- One first correction per reading, and (UNIQUE supersedes) one successor per correction: two officers
-- correcting the same reading at once cannot fork its history; the later one is told to look again.
CREATE UNIQUE INDEX reading_corrections_first_idx ON reading_corrections (station_id, parameter_code, time)
  WHERE supersedes IS NULL;
-- A station's corrections over a time range (effective values, data versions, the history list).
CREATE INDEX reading_corrections_station_time_idx ON reading_corrections (station_id, time);

-- Corrections are evidence: append-only like audit_log.
CREATE FUNCTION reading_corrections_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'reading_corrections is append-only: % refused; record a new correction instead', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER reading_corrections_no_update_or_delete BEFORE UPDATE OR DELETE ON reading_corrections
  FOR EACH ROW EXECUTE FUNCTION reading_corrections_append_only();
CREATE TRIGGER reading_corrections_no_truncate BEFORE TRUNCATE ON reading_corrections
  FOR EACH STATEMENT EXECUTE FUNCTION reading_corrections_append_only();

-- The data version a stored verdict was computed from: how many corrections of the station-day's readings
-- existed, and the highest of their ids (null: none). computed_at says when. Days judged before this
-- migration had no corrections to use: 0 / null is their true version.
ALTER TABLE compliance_station_days
  ADD COLUMN corrections_used   integer NOT NULL DEFAULT 0,
  ADD COLUMN last_correction_id bigint;
