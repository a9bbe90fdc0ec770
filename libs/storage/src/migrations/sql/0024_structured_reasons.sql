-- Verdict reasons as data (issue 17.5): each reason is {"code": ..., "params": {...}}, worded by the one message
-- catalogue (Vietnamese and English) where it is shown, instead of English prose frozen into the row.
-- Reasons stored before this keep their text as {"code": "TEXT", "params": {"text": ...}}, so nothing is lost.
-- (A new column, because ALTER ... TYPE ... USING allows no subquery.)
ALTER TABLE compliance_station_days ADD COLUMN reasons_data jsonb NOT NULL DEFAULT '[]'::jsonb;
UPDATE compliance_station_days
   SET reasons_data = (SELECT jsonb_agg(jsonb_build_object('code', 'TEXT', 'params', jsonb_build_object('text', r))
                                        ORDER BY n)
                         FROM unnest(reasons) WITH ORDINALITY AS u (r, n))
 WHERE cardinality(reasons) > 0;
ALTER TABLE compliance_station_days DROP COLUMN reasons;
ALTER TABLE compliance_station_days RENAME COLUMN reasons_data TO reasons;
