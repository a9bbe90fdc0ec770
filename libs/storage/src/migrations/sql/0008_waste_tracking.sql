-- Hazardous-waste tracking: every gateway event once (by its id), and per lot the facts of its chain,
-- recomputed from all the lot's events whenever one arrives (so arrival order and replays do not matter).

CREATE TABLE waste_events (
  event_id     text PRIMARY KEY,
  lot_code     text NOT NULL,
  type         text NOT NULL CHECK (type IN ('lot.generated', 'lot.storage-checked', 'lot.handed-over',
                                             'lot.received', 'lot.treated')),
  occurred_at  timestamptz NOT NULL,
  gateway_code text NOT NULL,
  -- The event as the gateway sent it (schema WasteEvent of docs/asyncapi.yaml).
  body         jsonb NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX waste_events_lot_idx ON waste_events (lot_code);

CREATE TABLE waste_lots (
  lot_code          text PRIMARY KEY,
  -- Furthest step reached: stored, handed_over, received, treated.
  state             text NOT NULL CHECK (state IN ('stored', 'handed_over', 'received', 'treated')),
  generator_code    text,
  -- The generator's park, when the generator is registered.
  park_id           integer REFERENCES parks (id),
  waste_code        text,
  -- generated_at, or the first event's time when lot.generated is missing: what periods count by.
  anchor_at         timestamptz NOT NULL,
  generated_at      timestamptz,
  generated_kg      double precision,
  manifest_number   text,
  transporter_code  text,
  facility_code     text,
  handed_over_at    timestamptz,
  handed_over_kg    double precision,
  received_at       timestamptz,
  received_kg       double precision,
  treated_at        timestamptz,
  treatment_method  text,
  certificate       text,
  -- Violations found from the events themselves (licences, masses, storage checks, chain gaps); those that
  -- depend on the date (storage and manifest deadlines) are judged when read, against the policy then.
  findings          jsonb NOT NULL DEFAULT '[]',
  event_count       integer NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX waste_lots_park_anchor_idx ON waste_lots (park_id, anchor_at);
CREATE INDEX waste_lots_anchor_idx ON waste_lots (anchor_at);
CREATE INDEX waste_lots_manifest_idx ON waste_lots (manifest_number);
CREATE INDEX waste_lots_open_idx ON waste_lots (state) WHERE state <> 'treated';
