-- Circular 10/2021 relay: where each station's push of Circular 10/2021 files to the authority stands.
-- next_from is the start of the first transmission interval not yet pushed: the relay sends the intervals
-- from there in time order and moves it forward only after a file has been renamed into place on the
-- authority's server, so an outage resumes exactly where it stopped (no gap, no reordering).
-- A lease (owner, until) keeps two worker instances from relaying one station at once.
CREATE TABLE circular10_relay_cursors (
  station_id     integer PRIMARY KEY REFERENCES stations (id) ON DELETE CASCADE,
  next_from      timestamptz NOT NULL,
  files_pushed   bigint NOT NULL DEFAULT 0,
  last_file      text,
  pushed_at      timestamptz,
  last_error     text,
  last_error_at  timestamptz,
  lease_owner    text,
  lease_until    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);
