-- A station-day whose recompute failed stays marked and is tried again later, with back-off, so a transient
-- database error never leaves a legal verdict stale and one poisoned station does not spin the worker.
ALTER TABLE recompute_marks
  -- When the day was first marked since it was last judged (marked_at moves on with every new reading):
  -- the backlog's age.
  ADD COLUMN first_marked_at timestamptz,
  ADD COLUMN attempts        integer NOT NULL DEFAULT 0,
  ADD COLUMN retry_at        timestamptz,
  ADD COLUMN last_error      text;
UPDATE recompute_marks SET first_marked_at = marked_at;
ALTER TABLE recompute_marks
  ALTER COLUMN first_marked_at SET NOT NULL,
  ALTER COLUMN first_marked_at SET DEFAULT now();
