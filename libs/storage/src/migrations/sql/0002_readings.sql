-- Raw station readings. Status is the Circular 10/2021 instrument status: 0 measuring (00),
-- 1 calibrating (01), 2 device error (02). No foreign keys: ingestion validates station and parameter.
-- The unique key makes a re-delivered reading harmless (INSERT ... ON CONFLICT DO NOTHING). Its column
-- order (station, time, parameter) lets the same index serve a station's time-range queries, so ingestion
-- maintains one index per row instead of two.

CREATE TABLE readings (
  time           timestamptz NOT NULL,
  station_id     integer NOT NULL,
  parameter_code text NOT NULL,
  value          double precision NOT NULL,
  status         smallint NOT NULL CHECK (status IN (0, 1, 2)),
  received_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT readings_station_time_parameter_key UNIQUE (station_id, time, parameter_code)
);
