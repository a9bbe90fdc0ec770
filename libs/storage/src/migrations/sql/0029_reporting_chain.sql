-- The reporting chain of plan 624/KH-BQL section IV (owned by libs/reports): the parks' periodic submissions
-- to the Planning department, and the Authority's consolidated report to the City People's Committee,
-- issued in the administrative form of Decree 30/2020/ND-CP, numbered per year and frozen with its files.
-- Data annexes (report_runs) are versioned from now on: generating a period again adds a version.

CREATE TABLE report_submissions (
  id            serial PRIMARY KEY,
  park_id       integer NOT NULL REFERENCES parks (id),
  kind          text NOT NULL CHECK (kind IN ('month', 'quarter', 'year')),
  -- '2026-10', '2026-Q4', '2026'.
  period        text NOT NULL,
  period_from   date NOT NULL,
  period_to     date NOT NULL,
  state         text NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'resubmitted', 'approved')),
  -- The park's own words: progress, difficulties, proposals.
  progress      text NOT NULL DEFAULT '',
  difficulties  text NOT NULL DEFAULT '',
  proposals     text NOT NULL DEFAULT '',
  -- The platform's figures for the park (the progress report model), frozen at each submission.
  figures       jsonb NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  -- One submission per park and period: a returned one is corrected and resubmitted, not duplicated.
  UNIQUE (park_id, kind, period)
);

-- Every transition of a submission, with who, when and the reviewer's comment (returns).
CREATE TABLE report_submission_events (
  id            serial PRIMARY KEY,
  submission_id integer NOT NULL REFERENCES report_submissions (id) ON DELETE CASCADE,
  action        text NOT NULL CHECK (action IN ('create', 'edit', 'submit', 'return', 'resubmit', 'approve')),
  state         text NOT NULL,
  actor         text NOT NULL,
  at            timestamptz NOT NULL DEFAULT now(),
  comment       text
);
CREATE INDEX report_submission_events_submission ON report_submission_events (submission_id, id);

-- The issuing particulars of the Authority's reports (Decree 30 form), as data: one row per series.
CREATE TABLE city_report_settings (
  series          text PRIMARY KEY,
  governing_body  text NOT NULL,
  issuing_agency  text NOT NULL,
  -- The symbol after the number: '123/BC-BQL'.
  symbol          text NOT NULL,
  place           text NOT NULL,
  addressee       text NOT NULL,
  signer_authority text NOT NULL DEFAULT '',
  signer_position text NOT NULL,
  signer_name     text NOT NULL,
  recipients      text[] NOT NULL
);

INSERT INTO city_report_settings
  (series, governing_body, issuing_agency, symbol, place, addressee, signer_authority, signer_position, signer_name, recipients)
VALUES ('city', 'UBND THÀNH PHỐ HẢI PHÒNG', 'BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG', 'BC-BQL', 'Hải Phòng',
  'Ủy ban nhân dân thành phố Hải Phòng', 'KT. TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN', '(chưa cấu hình)',
  ARRAY['Như trên', 'UBND thành phố (để b/c)', 'Trưởng ban, các Phó Trưởng ban', 'Lưu: VT, KHĐT']);

-- The last number given in each year: numbers run 1, 2, 3 ... per year (the next is set by changing a row).
CREATE TABLE city_report_numbers (
  series      text NOT NULL REFERENCES city_report_settings (series),
  year        integer NOT NULL,
  last_number integer NOT NULL CHECK (last_number >= 0),
  PRIMARY KEY (series, year)
);

CREATE TABLE city_reports (
  id              serial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('month', 'quarter', 'year')),
  period          text NOT NULL,
  period_from     date NOT NULL,
  period_to       date NOT NULL,
  language        text NOT NULL CHECK (language IN ('vi', 'en')),
  -- 1 for the first report of the period; a correction is the next version, with its own number.
  version         integer NOT NULL CHECK (version >= 1),
  supersedes_id   integer REFERENCES city_reports (id),
  state           text NOT NULL CHECK (state IN ('draft', 'issued')),
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  -- Set when issued, never changed afterwards.
  number          integer,
  year            integer,
  document_number text,
  issued_at       timestamptz,
  issued_by       text,
  -- The consolidated content as issued (figures, approved submissions, particulars): language-free data.
  content         jsonb,
  files           jsonb NOT NULL DEFAULT '[]',
  pdf             bytea,
  xlsx            bytea,
  UNIQUE (kind, period, language, version),
  UNIQUE (year, number),
  CHECK (state = 'draft' OR (number IS NOT NULL AND document_number IS NOT NULL AND issued_at IS NOT NULL
    AND content IS NOT NULL AND pdf IS NOT NULL AND xlsx IS NOT NULL))
);

-- Data annexes: a new generation of a period is a new version; earlier versions keep their files.
ALTER TABLE report_runs ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE report_runs DROP CONSTRAINT report_runs_kind_period_language_scope_key;
ALTER TABLE report_runs ADD CONSTRAINT report_runs_key_version UNIQUE (kind, period, language, scope, version);

-- An issued report is frozen: the database refuses to change or remove it (a correction is a new version).
CREATE FUNCTION city_reports_issued_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'issued' THEN
    RAISE EXCEPTION 'city report % is issued and frozen: % refused', OLD.id, TG_OP;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER city_reports_frozen BEFORE UPDATE OR DELETE ON city_reports
  FOR EACH ROW EXECUTE FUNCTION city_reports_issued_frozen();
