-- Alert messages as data (issue 17.5): why an alert is open is {"code": ..., "params": {...}}, worded by the one
-- message catalogue (Vietnamese and English) in the dashboard, e-mails and webhooks, instead of English prose
-- frozen into the row. Alerts stored before this keep their text as {"code": "TEXT", "params": {"text": ...}}.
ALTER TABLE alerts ADD COLUMN reason jsonb;
UPDATE alerts SET reason = jsonb_build_object('code', 'TEXT', 'params', jsonb_build_object('text', message));
ALTER TABLE alerts ALTER COLUMN reason SET NOT NULL;
ALTER TABLE alerts DROP COLUMN message;
