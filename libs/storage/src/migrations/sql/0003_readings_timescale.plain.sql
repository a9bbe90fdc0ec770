-- Plain PostgreSQL (no TimescaleDB): readings stay an ordinary table; the aggregates are ordinary views
-- with the same names and columns as the continuous aggregates. date_bin origin 2000-01-01 00:00+07 gives
-- local (Asia/Ho_Chi_Minh) days; Viet Nam has no daylight-saving time, so a fixed offset is exact.

CREATE VIEW readings_hourly AS
SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket,
       station_id,
       parameter_code,
       avg(value) FILTER (WHERE status = 0) AS avg_value,
       min(value) FILTER (WHERE status = 0) AS min_value,
       max(value) FILTER (WHERE status = 0) AS max_value,
       count(*) FILTER (WHERE status = 0) AS valid_count,
       count(*) AS total_count
  FROM readings
 GROUP BY 1, 2, 3;

CREATE VIEW readings_daily AS
SELECT date_bin(INTERVAL '1 day', time, TIMESTAMPTZ '2000-01-01 00:00:00+07') AS bucket,
       station_id,
       parameter_code,
       avg(value) FILTER (WHERE status = 0) AS avg_value,
       min(value) FILTER (WHERE status = 0) AS min_value,
       max(value) FILTER (WHERE status = 0) AS max_value,
       count(*) FILTER (WHERE status = 0) AS valid_count,
       count(*) AS total_count
  FROM readings
 GROUP BY 1, 2, 3;
