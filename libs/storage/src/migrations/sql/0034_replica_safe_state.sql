-- State that two replicas of a process must share (issue 19 items 3 and 4): the database, not a process's
-- memory, decides what happens once.

-- A notification is claimed before it is sent and released if sending fails, so two deliveries of one
-- message (a job redelivered after a Redis failover, or a stalled job run again while the first still
-- sends) never both send. A claim older than the longest send outlives a crashed worker and may be taken
-- again. `relays` counts the relays after the first: each one is a new job id, since the former job may
-- still exist in Redis (failed, completed or waiting) and adding a job under its id again adds nothing.
ALTER TABLE alert_outbox ADD COLUMN claimed_at timestamptz;
ALTER TABLE alert_outbox ADD COLUMN relays integer NOT NULL DEFAULT 0;

-- Alert-stream tickets already redeemed (their JWT id), until they expire: a ticket opens one stream,
-- whichever API replica it is shown to.
CREATE TABLE stream_ticket_redemptions (
  jti        text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX stream_ticket_redemptions_expiry_idx ON stream_ticket_redemptions (expires_at);

-- Failed logins, counted by every API replica alike: an attacker spreading attempts over replicas gets no
-- more of them. Per (username, client address) pair (a right password forgives the pair's) and per
-- address; rows older than a day count for nothing and are deleted as new failures come.
CREATE TABLE login_failures (
  address   text NOT NULL,
  username  text NOT NULL,
  failed_at timestamptz NOT NULL,
  forgiven  boolean NOT NULL DEFAULT false
);
CREATE INDEX login_failures_address_idx ON login_failures (address, failed_at);
CREATE INDEX login_failures_age_idx ON login_failures (failed_at);
