-- Hazardous-waste (CTNH) reference data: the waste-code list of Circular 02/2022 (Phu luc III), the
-- parties of a chain (generators in parks, licensed transporters and treatment facilities) and the
-- licences saying which codes a party may take, and when.

CREATE TABLE waste_codes (
  -- 1, 2 or 3 pairs of digits separated by spaces, e.g. '16 01 12' (domain.md 3.2 [V]).
  code            text PRIMARY KEY CHECK (code ~ '^[0-9]{2}( [0-9]{2}){0,2}$'),
  name_vi         text NOT NULL,
  name_en         text,
  -- KS: hazardous only above the QCVN 07 thresholds; NH: always hazardous (domain.md 3.2 [U]).
  threshold_class text CHECK (threshold_class IN ('KS', 'NH')),
  -- Evidence of the entry: V verified, V2 secondary, U unverified, or 'official' for the loaded list.
  evidence        text NOT NULL DEFAULT 'U'
);

CREATE TABLE waste_parties (
  id         serial PRIMARY KEY,
  code       text NOT NULL UNIQUE,
  name       text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('generator', 'transporter', 'treatment_facility')),
  -- A generator is a factory in a park; transporters and facilities may be anywhere.
  park_id    integer REFERENCES parks (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'generator' OR park_id IS NOT NULL)
);

CREATE TABLE party_licences (
  id             serial PRIMARY KEY,
  party_id       integer NOT NULL REFERENCES waste_parties (id) ON DELETE CASCADE,
  licence_number text NOT NULL,
  waste_codes    text[] NOT NULL CHECK (cardinality(waste_codes) > 0),
  valid_from     date NOT NULL,
  valid_to       date, -- exclusive; NULL: no end date
  UNIQUE (party_id, licence_number),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX party_licences_party_idx ON party_licences (party_id);
