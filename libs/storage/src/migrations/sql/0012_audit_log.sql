-- Who changed what, when, from what to what: permits and limits, users and credentials, alert rules,
-- recipients, silences and acknowledgements. Append-only: the database itself refuses to change or
-- remove a row.

CREATE TABLE audit_log (
  id      bigserial PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- A username, or `cli:<os user>` for the command line.
  actor   text NOT NULL,
  action  text NOT NULL,
  subject text NOT NULL,
  before  jsonb,
  after   jsonb
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
