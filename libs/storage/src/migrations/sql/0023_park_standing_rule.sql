-- One source for the rule "an industrial park meets the discharge standard over a period" and the city KPI
-- built on it (issue 17.4): the API, Grafana, the reports and open data all read these functions, so the
-- rule cannot drift between a TypeScript copy and a SQL copy.

-- Design values of the KPI rule, as data (domain.md 2.4 [U]): an operator may change them here.
CREATE TABLE compliance_rule_settings (
  key   text PRIMARY KEY,
  value numeric NOT NULL,
  basis text NOT NULL
);
INSERT INTO compliance_rule_settings (key, value, basis) VALUES
  ('kpi_min_compliant_day_share', 0.75,
   'an outlet must be compliant on at least this share of the period''s days so far (design default, domain.md 2.4 [U])');

CREATE FUNCTION kpi_min_compliant_day_share() RETURNS numeric
  LANGUAGE sql STABLE AS $$
  SELECT value FROM compliance_rule_settings WHERE key = 'kpi_min_compliant_day_share'
$$;

-- Every park's standing over the local days [p_first_day, p_end_day) (the caller stops p_end_day at
-- tomorrow: judging stops at today). A park is judged by the active outlet stations of its operating plants:
--   no such outlet                                    -> no_operating_plant
--   an outlet had an exceedance day                   -> exceedance
--   an outlet had a suspected exceedance day           -> suspected_exceedance (awaiting an officer's review)
--   no day of the period judged yet                   -> insufficient_data
--   an outlet without a permit on every day           -> no_permit
--   an outlet compliant on fewer days than the share  -> insufficient_data
--   otherwise                                         -> met
CREATE FUNCTION park_standings_between(p_first_day date, p_end_day date)
  RETURNS TABLE (park_id integer, park_code text, park_name text, operating boolean, outlets integer,
                 days integer, min_compliant_day_share numeric, standing text)
  LANGUAGE sql STABLE AS $$
  WITH period AS (
    SELECT greatest(p_end_day - p_first_day, 0) AS days, kpi_min_compliant_day_share() AS share
  ), outlet_days AS (
    SELECT p.park_id, s.id AS station_id,
           count(d.station_id) FILTER (WHERE d.verdict = 'compliant') AS compliant_days,
           count(d.station_id) FILTER (WHERE d.verdict = 'exceedance') AS exceedance_days,
           count(d.station_id) FILTER (WHERE d.verdict = 'suspected_exceedance') AS suspected_days,
           count(d.station_id) FILTER (WHERE d.verdict = 'no_permit') AS no_permit_days
      FROM treatment_plants p
      JOIN stations s ON s.plant_id = p.id AND s.kind = 'outlet' AND s.active
      LEFT JOIN compliance_station_days d
        ON d.station_id = s.id AND d.day >= p_first_day AND d.day < p_end_day
     WHERE p.operating_status = 'operating'
     GROUP BY p.park_id, s.id
  )
  SELECT k.id, k.code, k.name, k.operating_status = 'operating', count(o.station_id)::int, period.days,
         period.share,
         CASE WHEN count(o.station_id) = 0 THEN 'no_operating_plant'
              WHEN sum(o.exceedance_days) > 0 THEN 'exceedance'
              WHEN sum(o.suspected_days) > 0 THEN 'suspected_exceedance'
              WHEN period.days = 0 THEN 'insufficient_data'
              WHEN bool_or(o.no_permit_days = period.days) THEN 'no_permit'
              WHEN bool_or(o.compliant_days < period.share * period.days) THEN 'insufficient_data'
              ELSE 'met' END
    FROM parks k
   CROSS JOIN period
    LEFT JOIN outlet_days o ON o.park_id = k.id
   GROUP BY k.id, k.code, k.name, k.operating_status, period.days, period.share
$$;

-- The 2030 target's measure over [p_first_day, p_end_day): operating parks, those meeting the standard, and
-- the share (null before any operating park or judged day).
CREATE FUNCTION parks_meeting_standard(p_first_day date, p_end_day date)
  RETURNS TABLE (operating_parks integer, parks_meeting integer, share double precision)
  LANGUAGE sql STABLE AS $$
  SELECT count(*)::int,
         count(*) FILTER (WHERE standing = 'met')::int,
         CASE WHEN count(*) > 0 AND max(days) > 0
              THEN count(*) FILTER (WHERE standing = 'met')::float8 / count(*) END
    FROM park_standings_between(p_first_day, p_end_day)
   WHERE operating
$$;
