-- Sparkplug B: which metric of which edge node (and device) is which station's parameter. Loaded from a
-- file by `sparkplug-mappings-load`; the ingestion path reads it (metrics not listed here are quarantined
-- once per birth, never stored).

CREATE TABLE sparkplug_metric_mappings (
  id           serial PRIMARY KEY,
  group_id     text NOT NULL CHECK (group_id <> ''),
  edge_node_id text NOT NULL CHECK (edge_node_id <> ''),
  -- '' for a metric of the edge node itself (NBIRTH/NDATA), else the device id (DBIRTH/DDATA).
  device_id    text NOT NULL DEFAULT '',
  metric_name  text NOT NULL CHECK (metric_name <> ''),
  station_id   integer NOT NULL REFERENCES stations (id),
  -- A Circular 10/2021 symbol (checked by the loader; the parameters table is seed data).
  parameter_code text NOT NULL,
  -- The unit the metric's values are in; converted to the parameter's unit like JSON telemetry.
  unit         text NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (group_id, edge_node_id, device_id, metric_name)
);
CREATE INDEX sparkplug_metric_mappings_station_idx ON sparkplug_metric_mappings (station_id);
