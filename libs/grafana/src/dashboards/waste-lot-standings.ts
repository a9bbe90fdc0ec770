import type { PlatformConfig } from '@hp/config';
import { LOCAL_TIME_ZONE } from './sql-fragments';
import { sql } from './sql-template';

/** How lots are judged: the WASTE_* configuration (mass tolerance as a fraction). */
export type WasteJudgementPolicy = PlatformConfig['waste'];

/** The configuration defaults (WASTE_MASS_TOLERANCE_PERCENT 2, WASTE_MAX_STORAGE_DAYS 365, WASTE_MANIFEST_CLOSE_DAYS 30). */
export const DEFAULT_WASTE_JUDGEMENT_POLICY: WasteJudgementPolicy = Object.freeze({
  massTolerance: 0.02,
  maxStorageDays: 365,
  manifestCloseDays: 30,
});

type PartyKind = 'transporter' | 'treatment_facility';

/** A registered party of that kind holds a licence for the lot's waste code on the local day of `at`. */
function licensed(partyCode: string, kind: PartyKind, at: string): string {
  const day = `(${at} AT TIME ZONE '${LOCAL_TIME_ZONE}')::date`;
  return sql`
    EXISTS (SELECT 1
              FROM waste_parties party
              JOIN party_licences licence ON licence.party_id = party.id
             WHERE party.code = ${partyCode} AND party.kind = '${kind}'
               AND (l.waste_code IS NULL OR l.waste_code = ANY (licence.waste_codes))
               AND licence.valid_from <= ${day}
               AND (licence.valid_to IS NULL OR licence.valid_to > ${day}))`;
}

function finite(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`waste policy ${name} must be a number >= 0`);
  return value;
}

/**
 * A subquery of the lots matching `where` (over `waste_lots l`), judged as /api/waste/kpi judges them
 * (libs/waste lot-judgement.ts): lot_code, park_id, state, waste_code, generator_code, anchor_at, kg
 * (weighed at generation, else the first mass reported), violations (codes) and standing
 * (treated_conforming, non_conforming, in_progress). Violations are the findings of the lot's events, an
 * unregistered generator, a transporter or facility without a licence for the code that day (the API
 * tells an expired licence apart; here both are *_not_licensed), a mass mismatch beyond the tolerance, and
 * the storage and manifest deadlines judged now.
 */
export function wasteLotStandingsSql(policy: WasteJudgementPolicy, where: string): string {
  const tolerance = finite('massTolerance', policy.massTolerance);
  const storageDays = finite('maxStorageDays', policy.maxStorageDays);
  const manifestDays = finite('manifestCloseDays', policy.manifestCloseDays);
  const facilityAt = 'coalesce(l.received_at, l.handed_over_at)';
  return sql`
    SELECT l.lot_code, l.park_id, l.state, l.waste_code, l.generator_code, l.anchor_at,
           coalesce(l.generated_kg, l.handed_over_kg, l.received_kg, 0) AS kg,
           judged.violations,
           CASE WHEN cardinality(judged.violations) > 0 THEN 'non_conforming'
                WHEN l.state = 'treated' THEN 'treated_conforming'
                ELSE 'in_progress' END AS standing
      FROM waste_lots l
     CROSS JOIN LATERAL (
       SELECT ARRAY(SELECT coalesce(finding ->> 'code', 'finding')
                      FROM jsonb_array_elements(l.findings) AS finding)
              || array_remove(ARRAY[
                   CASE WHEN l.generator_code IS NOT NULL AND NOT EXISTS (
                               SELECT 1 FROM waste_parties generator
                                WHERE generator.code = l.generator_code AND generator.kind = 'generator')
                        THEN 'unregistered_generator' END,
                   CASE WHEN l.handed_over_at IS NOT NULL AND l.transporter_code IS NOT NULL
                         AND NOT ${licensed('l.transporter_code', 'transporter', 'l.handed_over_at')}
                        THEN 'transporter_not_licensed' END,
                   CASE WHEN ${facilityAt} IS NOT NULL AND l.facility_code IS NOT NULL
                         AND NOT ${licensed('l.facility_code', 'treatment_facility', facilityAt)}
                        THEN 'facility_not_licensed' END,
                   CASE WHEN abs(l.received_kg - l.handed_over_kg) / nullif(l.handed_over_kg, 0) > ${tolerance} + 1e-12
                        THEN 'mass_mismatch' END,
                   CASE WHEN coalesce(l.handed_over_at, l.received_at, l.treated_at, now())
                             > l.generated_at + INTERVAL '86400 seconds' * ${storageDays}
                        THEN 'storage_overdue' END,
                   CASE WHEN coalesce(l.treated_at, now()) > l.handed_over_at + INTERVAL '86400 seconds' * ${manifestDays}
                        THEN 'manifest_overdue' END,
                   CASE WHEN l.treated_at IS NULL AND now() > l.handed_over_at + INTERVAL '86400 seconds' * ${manifestDays}
                        THEN 'treatment_unconfirmed' END
                 ]::text[], NULL) AS violations
     ) AS judged
     WHERE ${where}`;
}
