import type { LotStanding, LotVerdict, WasteFinding } from '../storage/waste.types';

export interface NonConformingLot {
  readonly lotCode: string;
  readonly generatorCode: string | null;
  readonly wasteCode: string | null;
  readonly state: string;
  readonly kg: number;
  readonly violations: readonly WasteFinding[];
}

/** The "100 % collected and treated per regulation" figures of a set of lots. */
export interface WasteKpi {
  readonly lots: number;
  readonly generatedKg: number;
  /** Lots treated with a fully conforming, closed chain. */
  readonly treatedConformingLots: number;
  readonly treatedConformingKg: number;
  readonly nonConformingLots: number;
  readonly nonConformingKg: number;
  /** Lots still within their deadlines, not yet treated. */
  readonly inProgressLots: number;
  readonly inProgressKg: number;
  /** treatedConformingKg / generatedKg, the target's measure (target 1); null when nothing was generated. */
  readonly share: number | null;
  /** treatedConformingKg / (generatedKg - inProgressKg): the share among lots whose outcome is known. */
  readonly shareOfSettled: number | null;
}

/** Sums verdicts; each lot falls in exactly one standing, so the three parts add up to the whole. */
export function summarizeVerdicts(verdicts: readonly LotVerdict[]): WasteKpi {
  const lots: Record<LotStanding, number> = { treated_conforming: 0, non_conforming: 0, in_progress: 0 };
  const kg: Record<LotStanding, number> = { treated_conforming: 0, non_conforming: 0, in_progress: 0 };
  for (const v of verdicts) {
    lots[v.standing]++;
    kg[v.standing] += v.kg;
  }
  const generatedKg = round(kg.treated_conforming + kg.non_conforming + kg.in_progress);
  const settled = generatedKg - kg.in_progress;
  return {
    lots: verdicts.length,
    generatedKg,
    treatedConformingLots: lots.treated_conforming,
    treatedConformingKg: round(kg.treated_conforming),
    nonConformingLots: lots.non_conforming,
    nonConformingKg: round(kg.non_conforming),
    inProgressLots: lots.in_progress,
    inProgressKg: round(kg.in_progress),
    share: generatedKg > 0 ? ratio(kg.treated_conforming / generatedKg) : null,
    shareOfSettled: settled > 0 ? ratio(kg.treated_conforming / settled) : null,
  };
}

export function nonConformingLots(verdicts: readonly LotVerdict[]): NonConformingLot[] {
  return verdicts
    .filter((v) => v.standing === 'non_conforming')
    .map((v) => ({
      lotCode: v.lot.lotCode,
      generatorCode: v.lot.generatorCode,
      wasteCode: v.lot.wasteCode,
      state: v.lot.state,
      kg: v.kg,
      violations: v.violations,
    }));
}

/** Grams: sums of many kg values keep no float noise. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function ratio(value: number): number {
  return Math.round(value * 10000) / 10000;
}
