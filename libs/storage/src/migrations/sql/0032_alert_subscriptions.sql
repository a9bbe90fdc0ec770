-- "Notify me" (issue 18.7): each signed-in user chooses the alerts they are told of, beside the recipients an
-- editor configures. One row per user: the parks followed (null: every park the user may see, a park
-- operator's own parks only, checked again when an alert is delivered), the topics (exceedance, no_data,
-- waste, data_quality: groups of rule kinds), the lowest severity, and the channels: in-app (the
-- notification centre) and e-mail to the address the user gives. Deliveries go through alert_outbox like
-- every other notification.
CREATE TABLE alert_subscriptions (
  user_id      integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  park_ids     integer[],
  topics       text[] NOT NULL DEFAULT '{}'
    CHECK (topics <@ ARRAY['exceedance', 'no_data', 'waste', 'data_quality']::text[]),
  min_severity text NOT NULL DEFAULT 'warning' CHECK (min_severity IN ('info', 'warning', 'critical')),
  in_app       boolean NOT NULL DEFAULT true,
  email        text,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
