-- Quarantine reasons as data (issue 17.5): each problem is {"index": ..., "source": ..., "reason": {"code", "params"}},
-- worded by the one message catalogue where it is shown. Problems stored before this keep their English text as
-- {"code": "TEXT", "params": {"text": ...}}. The prose summary column goes: the first problem is the summary.
UPDATE quarantined_messages
   SET problems = (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                      'index', p -> 'index',
                                      'source', NULL,
                                      'reason', jsonb_build_object('code', 'TEXT',
                                                                   'params', jsonb_build_object('text', p ->> 'reason')))
                                    ORDER BY n), '[]'::jsonb)
                     FROM jsonb_array_elements(problems) WITH ORDINALITY AS e (p, n));
ALTER TABLE quarantined_messages DROP COLUMN reason;
