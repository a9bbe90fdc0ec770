-- Kf made honest: a permit records its permitted discharge flow, and where its Kf comes from: derived from
-- that flow by the standard's Kf table, or entered explicitly with the reason. Permits recorded before this
-- keep kf_source NULL (Kf as entered, no reason recorded).
ALTER TABLE discharge_permits
  ADD COLUMN permitted_flow_m3_per_day numeric CHECK (permitted_flow_m3_per_day IS NULL OR permitted_flow_m3_per_day > 0),
  ADD COLUMN kf_source text CHECK (kf_source IN ('flow_table', 'explicit')),
  ADD COLUMN kf_reason text,
  ADD CONSTRAINT discharge_permits_kf_from_flow
    CHECK (kf_source IS DISTINCT FROM 'flow_table' OR (permitted_flow_m3_per_day IS NOT NULL AND kf IS NOT NULL)),
  ADD CONSTRAINT discharge_permits_kf_explicit_reason
    CHECK (kf_source IS DISTINCT FROM 'explicit' OR (kf IS NOT NULL AND coalesce(btrim(kf_reason), '') <> ''));

-- Warnings on a judged day that do not change its verdict, as codes with parameters, e.g.
-- {"code": "FLOW_OUTSIDE_KF_BAND", "params": {...}}.
ALTER TABLE compliance_station_days
  ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]';
