-- TimescaleDB: readings become a hypertable (1-day chunks), compressed per station after 7 days,
-- with hourly and local-day (Asia/Ho_Chi_Minh) continuous aggregates. materialized_only = false makes
-- each aggregate include the not-yet-materialized tail straight from the raw table.

SELECT create_hypertable('readings', 'time', chunk_time_interval => INTERVAL '1 day');

ALTER TABLE readings SET (
  timescaledb.compress,
  timescaledb.compress_segmentby = 'station_id',
  timescaledb.compress_orderby = 'parameter_code, time DESC'
);

CREATE MATERIALIZED VIEW readings_hourly
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket,
       station_id,
       parameter_code,
       avg(value) FILTER (WHERE status = 0) AS avg_value,
       min(value) FILTER (WHERE status = 0) AS min_value,
       max(value) FILTER (WHERE status = 0) AS max_value,
       count(*) FILTER (WHERE status = 0) AS valid_count,
       count(*) AS total_count
  FROM readings
 GROUP BY 1, 2, 3
WITH NO DATA;

CREATE MATERIALIZED VIEW readings_daily
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 day', time, 'Asia/Ho_Chi_Minh') AS bucket,
       station_id,
       parameter_code,
       avg(value) FILTER (WHERE status = 0) AS avg_value,
       min(value) FILTER (WHERE status = 0) AS min_value,
       max(value) FILTER (WHERE status = 0) AS max_value,
       count(*) FILTER (WHERE status = 0) AS valid_count,
       count(*) AS total_count
  FROM readings
 GROUP BY 1, 2, 3
WITH NO DATA;

-- Background policies only where TimescaleDB's job scheduler runs (a server with background workers).
-- The embedded WASM build accepts policies but never runs them; there the worker calls
-- ReadingsRepository.maintain() instead, so no dead jobs are registered.
DO $$
BEGIN
  IF coalesce(current_setting('timescaledb.max_background_workers', true), '0')::int > 0 THEN
    PERFORM add_compression_policy('readings', compress_after => INTERVAL '7 days', if_not_exists => true);
    PERFORM add_continuous_aggregate_policy('readings_hourly', start_offset => INTERVAL '3 days',
      end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes', if_not_exists => true);
    PERFORM add_continuous_aggregate_policy('readings_daily', start_offset => INTERVAL '7 days',
      end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour', if_not_exists => true);
  END IF;
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'readings background policies not added: %', SQLERRM;
END
$$;
