/** Where a (station, rule) signal stands after its last evaluated day. */
export interface SignalState {
  readonly raised: boolean;
  /** Consecutive evaluated days the rule held (not raised) or did not hold (raised). */
  readonly streak: number;
  /** The day it was raised; null while not raised. */
  readonly sinceDay: string | null;
}

export const QUIET: SignalState = { raised: false, streak: 0, sinceDay: null };

/**
 * One evaluation: a signal is raised once the rule has held on raiseAfter consecutive evaluations and
 * cleared once it has not held on clearAfter consecutive ones; a single contrary day resets the count.
 */
export function stepSignal(
  state: SignalState,
  holds: boolean,
  raiseAfter: number,
  clearAfter: number,
  day: string,
): { state: SignalState; change: 'raised' | 'cleared' | null } {
  if (!state.raised) {
    if (!holds) return { state: QUIET, change: null };
    const streak = state.streak + 1;
    if (streak >= raiseAfter) return { state: { raised: true, streak: 0, sinceDay: day }, change: 'raised' };
    return { state: { raised: false, streak, sinceDay: null }, change: null };
  }
  if (holds) return { state: { ...state, streak: 0 }, change: null };
  const streak = state.streak + 1;
  if (streak >= clearAfter) return { state: QUIET, change: 'cleared' };
  return { state: { ...state, streak }, change: null };
}

/** A station-day's data-quality score: 100 less the weights of the raised signals, never below 0. */
export function dayScore(raised: readonly { weight: number }[]): number {
  return Math.max(0, 100 - raised.reduce((sum, r) => sum + r.weight, 0));
}
