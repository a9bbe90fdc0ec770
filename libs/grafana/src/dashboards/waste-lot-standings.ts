import type { PlatformConfig } from '@hp/config';
import { sql } from './sql-template';

/** How lots are judged: the WASTE_* configuration (mass tolerance as a fraction). */
export type WasteJudgementPolicy = PlatformConfig['waste'];

/** The configuration defaults (WASTE_MASS_TOLERANCE_PERCENT 2, WASTE_MAX_STORAGE_DAYS 365, WASTE_MANIFEST_CLOSE_DAYS 30). */
export const DEFAULT_WASTE_JUDGEMENT_POLICY: WasteJudgementPolicy = Object.freeze({
  massTolerance: 0.02,
  maxStorageDays: 365,
  manifestCloseDays: 30,
});

function finite(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`waste policy ${name} must be a number >= 0`);
  return value;
}

/**
 * A subquery of the lots matching `where` (over `waste_lots l`), judged now by the one rule /api/waste/kpi,
 * the lot views and the reports use: the SQL function waste_lot_judgement (migration 0027) under this
 * policy. Columns: lot_code, park_id, state, waste_code, generator_code, anchor_at, kg (weighed at
 * generation, else the first mass reported), violations (their codes, e.g. licence_expired apart from
 * party_not_licensed) and standing (treated_conforming, non_conforming, in_progress).
 */
export function wasteLotStandingsSql(policy: WasteJudgementPolicy, where: string): string {
  const tolerance = finite('massTolerance', policy.massTolerance);
  const storageDays = finite('maxStorageDays', policy.maxStorageDays);
  const manifestDays = finite('manifestCloseDays', policy.manifestCloseDays);
  return sql`
    SELECT l.lot_code, l.park_id, l.state, l.waste_code, l.generator_code, l.anchor_at, judged.kg,
           ARRAY(SELECT violation ->> 'code' FROM jsonb_array_elements(judged.violations) AS violation)
             AS violations,
           judged.standing
      FROM waste_lots l
     CROSS JOIN LATERAL waste_lot_judgement(l, now(), ${tolerance}, ${storageDays}, ${manifestDays}) AS judged
     WHERE ${where}`;
}
