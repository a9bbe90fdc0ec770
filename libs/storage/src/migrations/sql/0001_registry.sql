-- Registry of the Hai Phong industrial parks: parks, their central wastewater treatment plants,
-- monitoring stations, measured parameters, discharge permits and field devices.

CREATE TABLE parks (
  id               serial PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  name             text NOT NULL,
  name_vi          text,
  developer        text,
  economic_zone    text,
  district         text,
  area_ha          numeric CHECK (area_ha IS NULL OR area_ha > 0), -- unknown stays NULL
  operating_status text NOT NULL DEFAULT 'operating'
                   CHECK (operating_status IN ('operating', 'under_construction', 'planned', 'suspended', 'closed')),
  source           text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE treatment_plants (
  id                         serial PRIMARY KEY,
  code                       text NOT NULL UNIQUE,
  park_id                    integer NOT NULL REFERENCES parks (id),
  name                       text NOT NULL,
  design_capacity_m3_per_day numeric CHECK (design_capacity_m3_per_day IS NULL OR design_capacity_m3_per_day > 0),
  receiving_water            text,
  operating_status           text NOT NULL DEFAULT 'operating'
                             CHECK (operating_status IN ('operating', 'under_construction', 'planned', 'suspended', 'closed')),
  source                     text,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX treatment_plants_park_id_idx ON treatment_plants (park_id);

CREATE TABLE stations (
  id                        serial PRIMARY KEY,
  code                      text NOT NULL UNIQUE,
  plant_id                  integer NOT NULL REFERENCES treatment_plants (id),
  name                      text NOT NULL,
  kind                      text NOT NULL CHECK (kind IN ('outlet', 'inlet')),
  expected_interval_seconds integer NOT NULL DEFAULT 300 CHECK (expected_interval_seconds > 0),
  active                    boolean NOT NULL DEFAULT true,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stations_plant_id_idx ON stations (plant_id);

CREATE TABLE parameters (
  code         text PRIMARY KEY,
  name         text NOT NULL,
  unit         text NOT NULL,
  physical_min double precision NOT NULL,
  physical_max double precision,
  CHECK (physical_max IS NULL OR physical_max > physical_min)
);

CREATE TABLE discharge_permits (
  id               serial PRIMARY KEY,
  station_id       integer NOT NULL REFERENCES stations (id),
  permit_number    text,
  standard_version text NOT NULL,               -- e.g. 'QCVN40:2011'
  column_code      text NOT NULL CHECK (column_code IN ('A', 'B', 'C')),
  kq               numeric CHECK (kq IS NULL OR kq > 0),
  kf               numeric CHECK (kf IS NULL OR kf > 0),
  effective_from   date NOT NULL,
  effective_to     date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (station_id, effective_from),
  CHECK (effective_to IS NULL OR effective_to > effective_from)
);

CREATE TABLE devices (
  id              serial PRIMARY KEY,
  code            text NOT NULL UNIQUE,
  park_id         integer NOT NULL REFERENCES parks (id),
  station_id      integer REFERENCES stations (id),
  kind            text NOT NULL CHECK (kind IN ('analyzer', 'gateway', 'scale')),
  credential_hash text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX devices_park_id_idx ON devices (park_id);
CREATE INDEX devices_station_id_idx ON devices (station_id);
