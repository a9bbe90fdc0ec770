/**
 * The rules a lot's chain is judged by. None of these numbers is verified law (domain.md 3.1, 3.3: the
 * one-year storage limit is [U], the manifest return deadline is not found), so each is configuration
 * (WASTE_* variables), never a constant of the code.
 */
export interface WastePolicy {
  /** Largest accepted difference between handed-over and received mass, as a fraction (0.02 = 2 %). */
  readonly massTolerance: number;
  /** Longest a lot may stay in the generator's storage before handover. */
  readonly maxStorageDays: number;
  /** Days after handover within which the manifest must be closed (treatment confirmed). */
  readonly manifestCloseDays: number;
}

export const DEFAULT_WASTE_POLICY: WastePolicy = Object.freeze({
  massTolerance: 0.02,
  maxStorageDays: 365,
  manifestCloseDays: 30,
});

export const WASTE_POLICY = Symbol('WASTE_POLICY');
