-- Reading corrections with review (issue 18.2): an editor proposes a correction of a stored reading (a new
-- value and/or status, or a withdrawal) with a reason code and a note; a second editor approves or rejects
-- it. Only an approved proposal becomes a reading_corrections row (and gets its day judged again); the
-- proposal keeps who proposed, who reviewed, when and why. The proposer never reviews their own.
CREATE TABLE reading_correction_proposals (
  id              bigserial PRIMARY KEY,
  -- The reading to correct: readings' unique key (no foreign key: readings may be a hypertable).
  station_id      integer NOT NULL,
  parameter_code  text NOT NULL,
  time            timestamptz NOT NULL,
  withdrawn       boolean NOT NULL DEFAULT false,
  -- Left null: as the reading stands when the proposal is approved.
  value           double precision CHECK (value IS NULL OR (value <> 'NaN'::float8
                    AND value NOT IN ('Infinity'::float8, '-Infinity'::float8))),
  status          smallint CHECK (status IN (0, 1, 2)),
  reason_code     text NOT NULL CHECK (reason_code IN
                    ('CALIBRATION', 'DEVICE_FAULT', 'MAINTENANCE', 'SAMPLING', 'TRANSMISSION', 'OTHER')),
  note            text NOT NULL CHECK (btrim(note) <> ''),
  proposed_by     text NOT NULL CHECK (btrim(proposed_by) <> ''),
  proposed_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
  reviewed_by     text,
  reviewed_at     timestamptz,
  review_note     text,
  -- The correction an approval recorded.
  correction_id   bigint REFERENCES reading_corrections (id),
  CHECK (CASE WHEN withdrawn THEN value IS NULL AND status IS NULL
              ELSE value IS NOT NULL OR status IS NOT NULL END),
  CHECK ((state = 'pending') = (reviewed_by IS NULL AND reviewed_at IS NULL)),
  CHECK (reviewed_by IS NULL OR reviewed_by <> proposed_by),
  CHECK ((state = 'approved') = (correction_id IS NOT NULL))
);
CREATE INDEX reading_correction_proposals_station_idx ON reading_correction_proposals (station_id, id DESC);
