-- Registry administration (issue 18.2): parks, plants and stations are registered through the API, with a
-- Vietnamese name beside the English one and coordinates; a retired station keeps its history; a permit
-- can be superseded by a corrected version (the old row stays, marked) and names its document.

ALTER TABLE parks
  ADD COLUMN latitude  double precision CHECK (latitude IS NULL OR latitude BETWEEN 8.0 AND 23.5),
  ADD COLUMN longitude double precision CHECK (longitude IS NULL OR longitude BETWEEN 102.0 AND 110.0);

ALTER TABLE treatment_plants
  ADD COLUMN name_vi text;

ALTER TABLE stations
  ADD COLUMN name_vi    text,
  ADD COLUMN latitude   double precision CHECK (latitude IS NULL OR latitude BETWEEN 8.0 AND 23.5),
  ADD COLUMN longitude  double precision CHECK (longitude IS NULL OR longitude BETWEEN 102.0 AND 110.0),
  -- From this day on the station is no longer expected to report (active is false); its data stays.
  ADD COLUMN retired_on date,
  ADD CONSTRAINT stations_retired_inactive CHECK (retired_on IS NULL OR NOT active);

-- A superseded permit no longer applies to any day: the version that supersedes it (supersedes = its id)
-- does. Only permits in force (not superseded) are unique per station and first day.
ALTER TABLE discharge_permits
  ADD COLUMN document_ref  text CHECK (document_ref IS NULL OR btrim(document_ref) <> ''),
  ADD COLUMN supersedes    integer REFERENCES discharge_permits (id),
  ADD COLUMN superseded_at timestamptz,
  DROP CONSTRAINT discharge_permits_station_id_effective_from_key;
CREATE UNIQUE INDEX discharge_permits_in_force_first_day
  ON discharge_permits (station_id, effective_from) WHERE superseded_at IS NULL;
CREATE UNIQUE INDEX discharge_permits_supersedes ON discharge_permits (supersedes) WHERE supersedes IS NOT NULL;
