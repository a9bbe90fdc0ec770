import type { AlertPhase } from '../storage/alerting.types';

/** Where one (rule, subject) stands; persisted on every phase change. */
export interface HysteresisState {
  readonly phase: AlertPhase;
  /** When the current pending or clearing condition started (observation time). */
  readonly since: Date | null;
  /** Time of the last observation applied; older ones are ignored (replays change nothing). */
  readonly lastAt: Date | null;
}

export const NORMAL: HysteresisState = { phase: 'normal', since: null, lastAt: null };

export interface Observation {
  readonly at: Date;
  /** The trigger condition holds (e.g. value above the limit). */
  readonly trigger: boolean;
  /** The clear condition holds (e.g. value at or below 90 % of the limit); never both. */
  readonly clear: boolean;
}

export interface Durations {
  readonly forMs: number;
  readonly clearForMs: number;
}

export type Transition = 'open' | 'resolve' | null;

/**
 * One step of the alert state machine with hysteresis:
 *   normal --trigger--> pending --(held forMs)--> firing [open]
 *   firing --clear--> clearing --(held clearForMs)--> normal [resolve]
 * A value between the trigger and the clear levels moves nothing: pending falls back to normal only when
 * the trigger stops, firing stays firing until the clear condition holds, clearing returns to firing when
 * the trigger comes back. So a value hovering at the limit cannot flap.
 */
export function step(
  state: HysteresisState,
  o: Observation,
  d: Durations,
): { state: HysteresisState; transition: Transition } {
  if (state.lastAt && o.at <= state.lastAt) return { state, transition: null };
  const at = o.at;
  const held = (since: Date | null, ms: number) => since !== null && at.getTime() - since.getTime() >= ms;
  switch (state.phase) {
    case 'normal':
    case 'pending': {
      if (!o.trigger) return { state: { phase: 'normal', since: null, lastAt: at }, transition: null };
      const since = state.phase === 'pending' ? state.since : at;
      return held(since, d.forMs)
        ? { state: { phase: 'firing', since: null, lastAt: at }, transition: 'open' }
        : { state: { phase: 'pending', since, lastAt: at }, transition: null };
    }
    case 'firing':
    case 'clearing': {
      if (!o.clear) {
        return {
          state: {
            phase: o.trigger ? 'firing' : state.phase,
            since: o.trigger ? null : state.since,
            lastAt: at,
          },
          transition: null,
        };
      }
      const since = state.phase === 'clearing' ? state.since : at;
      return held(since, d.clearForMs)
        ? { state: { phase: 'normal', since: null, lastAt: at }, transition: 'resolve' }
        : { state: { phase: 'clearing', since, lastAt: at }, transition: null };
    }
  }
}
