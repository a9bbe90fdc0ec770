-- In-app notifications (issue 18.5): a recipient may be a platform user, told in the dashboard's notification
-- centre. The alert delivery writes one row per user and outbox message (a channel like e-mail and webhooks,
-- through the same outbox); the user reads them and marks them read. What a notification says is its
-- alert's reason code, worded when read: nothing is stored as prose.
ALTER TABLE alert_recipients ADD COLUMN user_id integer REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE alert_recipients DROP CONSTRAINT alert_recipients_check;
ALTER TABLE alert_recipients ADD CONSTRAINT alert_recipients_check
  CHECK (email IS NOT NULL OR webhook_url IS NOT NULL OR user_id IS NOT NULL);

ALTER TABLE alert_outbox DROP CONSTRAINT alert_outbox_channel_check;
ALTER TABLE alert_outbox ADD CONSTRAINT alert_outbox_channel_check
  CHECK (channel IN ('email', 'webhook', 'grafana', 'in_app'));

CREATE TABLE notifications (
  id         bigserial PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  alert_id   bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  -- One notification per outbox message: a delivery retried or relayed twice writes it once.
  outbox_id  bigint NOT NULL UNIQUE REFERENCES alert_outbox (id) ON DELETE CASCADE,
  event      text NOT NULL CHECK (event IN ('opened', 'escalated', 'reminder', 'resolved')),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at    timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
