-- Hazardous waste seen whole: each generator's declared annual generation (the figure of its annual
-- environmental-protection report, Circular 02/2022 Art. 66 [V, domain.md 3.4]), loaded per generator and
-- year with waste-parties-load. The waste KPI compares the tracked lots with it, so generators and parks
-- that declare waste but track none show as "not tracked" instead of being absent.
CREATE TABLE waste_declarations (
  party_id    integer NOT NULL REFERENCES waste_parties (id) ON DELETE CASCADE,
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  declared_kg double precision NOT NULL
              CHECK (declared_kg >= 0 AND declared_kg < 'Infinity'::float8 AND declared_kg <> 'NaN'::float8),
  loaded_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (party_id, year)
);
