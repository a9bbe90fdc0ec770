-- One source for judging a hazardous-waste lot (issue 17.4, 17.5): /api/waste/kpi, the lot, park and
-- manifest views, the reports, the alert sweep and Grafana's panels all call waste_lot_judgement, so the
-- rule cannot drift between a TypeScript copy and a SQL copy. Violations are reason codes with parameters
-- (the catalogue libs/contracts/src/messages/reason-messages.json words them), never prose.

-- Findings of the lot fold stored as English sentences before they became codes: kept as TEXT reasons
-- (as 0024 and 0025 did); `waste-refold` folds the lots again from their events, with codes.
UPDATE waste_lots
   SET findings = (
     SELECT coalesce(jsonb_agg(CASE WHEN finding ? 'params' THEN finding
                                    ELSE jsonb_build_object('code', 'TEXT', 'params', jsonb_build_object(
                                           'text', concat_ws(': ', finding ->> 'code', finding ->> 'reason')))
                               END ORDER BY position), '[]'::jsonb)
       FROM jsonb_array_elements(findings) WITH ORDINALITY AS f (finding, position))
 WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(findings) AS f (finding) WHERE NOT finding ? 'params');

-- Why a party may not take this waste on the local day of p_at, or null when a licence of its kind covers
-- the code that day (valid_to is exclusive). An ended licence is told apart from none:
--   party_not_licensed {role, party, problem: unregistered | other_kind | no_licence, registeredAs, wasteCode, day}
--   licence_expired    {role, party, licence, wasteCode, endedOn, day}
CREATE FUNCTION waste_licence_violation(p_role text, p_party text, p_waste_code text, p_at timestamptz)
  RETURNS jsonb
  LANGUAGE sql STABLE AS $$
  WITH day AS (
    SELECT (p_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day
  ), party AS (
    SELECT id, kind FROM waste_parties WHERE code = p_party
  ), covering AS (
    SELECT licence.licence_number, licence.valid_from, licence.valid_to
      FROM party_licences licence
      JOIN party ON party.id = licence.party_id AND party.kind = p_role
     WHERE p_waste_code IS NULL OR p_waste_code = ANY (licence.waste_codes)
  ), ended AS (
    SELECT covering.licence_number, covering.valid_to
      FROM covering, day
     WHERE covering.valid_to <= day.day
     ORDER BY covering.valid_to DESC, covering.valid_from
     LIMIT 1
  )
  SELECT CASE
           WHEN EXISTS (SELECT 1 FROM covering
                         WHERE covering.valid_from <= day.day
                           AND (covering.valid_to IS NULL OR covering.valid_to > day.day)) THEN NULL
           WHEN EXISTS (SELECT 1 FROM ended) THEN
             jsonb_build_object('code', 'licence_expired', 'params', jsonb_build_object(
               'role', p_role, 'party', p_party, 'licence', (SELECT licence_number FROM ended),
               'wasteCode', p_waste_code, 'endedOn', (SELECT valid_to FROM ended)::text, 'day', day.day::text))
           ELSE
             jsonb_build_object('code', 'party_not_licensed', 'params', jsonb_build_object(
               'role', p_role, 'party', p_party,
               'problem', CASE WHEN NOT EXISTS (SELECT 1 FROM party) THEN 'unregistered'
                               WHEN (SELECT kind FROM party) <> p_role THEN 'other_kind'
                               ELSE 'no_licence' END,
               'registeredAs', (SELECT kind FROM party),
               'wasteCode', p_waste_code, 'day', day.day::text))
         END
    FROM day
$$;

-- One lot judged at p_as_of under the policy (the WASTE_* configuration: mass tolerance as a fraction,
-- days as numbers). Violations, in this order: the findings of the lot's events (the fold), an unregistered
-- generator, the transporter's and the facility's licences, a received mass beyond the tolerance, storage
-- beyond the maximum, a manifest not closed in time and, when still open, treatment unconfirmed. A lot with
-- any violation is non_conforming; one treated without violation treated_conforming; any other in_progress.
-- kg: weighed at generation, else the first mass reported. Deadlines only while they still apply.
CREATE FUNCTION waste_lot_judgement(l waste_lots, p_as_of timestamptz, p_mass_tolerance double precision,
                                    p_max_storage_days double precision,
                                    p_manifest_close_days double precision)
  RETURNS TABLE (kg double precision, standing text, storage_deadline timestamptz,
                 manifest_deadline timestamptz, violations jsonb)
  LANGUAGE sql STABLE AS $$
  WITH due AS (
    SELECT l.generated_at + INTERVAL '86400 seconds' * p_max_storage_days AS storage,
           l.handed_over_at + INTERVAL '86400 seconds' * p_manifest_close_days AS manifest,
           coalesce(l.handed_over_at, l.received_at, l.treated_at) AS left_storage_at,
           coalesce(l.received_at, l.handed_over_at) AS facility_at,
           abs(l.received_kg - l.handed_over_kg) / nullif(l.handed_over_kg, 0) AS mass_off
  ), rules AS (
    SELECT coalesce(l.findings, '[]'::jsonb) || coalesce(jsonb_agg(rule.violation ORDER BY rule.position)
                                                           FILTER (WHERE rule.violation IS NOT NULL), '[]'::jsonb)
           AS violations
      FROM due, LATERAL (VALUES
        (1, CASE WHEN l.generator_code IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM waste_parties g WHERE g.code = l.generator_code AND g.kind = 'generator')
                 THEN jsonb_build_object('code', 'unregistered_generator', 'params', jsonb_build_object(
                        'generator', l.generator_code,
                        'registeredAs', (SELECT g.kind FROM waste_parties g WHERE g.code = l.generator_code)))
            END),
        (2, CASE WHEN l.handed_over_at IS NOT NULL AND l.transporter_code IS NOT NULL
                 THEN waste_licence_violation('transporter', l.transporter_code, l.waste_code, l.handed_over_at)
            END),
        (3, CASE WHEN due.facility_at IS NOT NULL AND l.facility_code IS NOT NULL
                 THEN waste_licence_violation('treatment_facility', l.facility_code, l.waste_code, due.facility_at)
            END),
        (4, CASE WHEN l.received_kg IS NOT NULL AND l.handed_over_kg IS NOT NULL
                  AND (due.mass_off > p_mass_tolerance + 1e-12 OR (l.handed_over_kg = 0 AND l.received_kg <> 0))
                 THEN jsonb_build_object('code', 'mass_mismatch', 'params', jsonb_build_object(
                        'receivedKg', l.received_kg, 'handedOverKg', l.handed_over_kg,
                        'offPercent', round((due.mass_off * 100)::numeric, 1),
                        'tolerancePercent', round((p_mass_tolerance * 100)::numeric, 3)))
            END),
        (5, CASE WHEN l.generated_at IS NOT NULL AND coalesce(due.left_storage_at, p_as_of) > due.storage
                 THEN jsonb_build_object('code', 'storage_overdue', 'params', jsonb_build_object(
                        'storedDays', floor(extract(epoch FROM coalesce(due.left_storage_at, p_as_of) - l.generated_at) / 86400)::int,
                        'maxStorageDays', p_max_storage_days,
                        'leftStorage', due.left_storage_at IS NOT NULL,
                        'day', (coalesce(due.left_storage_at, p_as_of) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text))
            END),
        (6, CASE WHEN l.handed_over_at IS NOT NULL AND coalesce(l.treated_at, p_as_of) > due.manifest
                 THEN jsonb_build_object('code', 'manifest_overdue', 'params', jsonb_build_object(
                        'manifest', l.manifest_number,
                        'days', floor(extract(epoch FROM coalesce(l.treated_at, p_as_of) - l.handed_over_at) / 86400)::int,
                        'manifestCloseDays', p_manifest_close_days,
                        'closed', l.treated_at IS NOT NULL))
            END),
        (7, CASE WHEN l.handed_over_at IS NOT NULL AND l.treated_at IS NULL AND p_as_of > due.manifest
                 THEN jsonb_build_object('code', 'treatment_unconfirmed', 'params', jsonb_build_object(
                        'received', l.received_at IS NOT NULL,
                        'facility', l.facility_code, 'transporter', l.transporter_code,
                        'day', (due.facility_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text))
            END)
      ) AS rule (position, violation)
  )
  SELECT coalesce(l.generated_kg, l.handed_over_kg, l.received_kg, 0),
         CASE WHEN jsonb_array_length(rules.violations) > 0 THEN 'non_conforming'
              WHEN l.state = 'treated' THEN 'treated_conforming'
              ELSE 'in_progress' END,
         CASE WHEN l.state = 'stored' THEN due.storage END,
         CASE WHEN l.treated_at IS NULL THEN due.manifest END,
         rules.violations
    FROM due, rules
$$;
