import { HysteresisState, NORMAL, step } from './hysteresis';

const T0 = Date.parse('2026-11-28T00:00:00Z');
const MIN = 60_000;
const LIMIT = 100;

/** Runs values (one a minute) through the machine with a 100 limit, clearing at 90, 5 min to open and to clear. */
function run(values: number[], start: HysteresisState = NORMAL, minutes = 5) {
  let state = start;
  const transitions: string[] = [];
  values.forEach((value, i) => {
    const r = step(
      state,
      { at: new Date(T0 + i * MIN), trigger: value > LIMIT, clear: value <= 0.9 * LIMIT },
      { forMs: minutes * MIN, clearForMs: minutes * MIN },
    );
    state = r.state;
    if (r.transition) transitions.push(`${r.transition}@${i}`);
  });
  return { state, transitions };
}

describe('alert state machine with hysteresis', () => {
  it('opens only when the trigger holds for its duration, and resolves only after the clear duration', () => {
    expect(run([50, 120, 120, 120, 120, 120, 120]).transitions).toEqual(['open@6']);
    expect(run([120, 120, 120, 50, 120, 120]).transitions).toEqual([]); // interrupted: the duration starts over
    const fired = run([120, 120, 120, 120, 120, 120, 80, 80, 80, 80, 80, 80]);
    expect(fired.transitions).toEqual(['open@5', 'resolve@11']);
    expect(fired.state.phase).toBe('normal');
  });

  it('does not flap for a value hovering at the limit', () => {
    const hovering = [
      120,
      120,
      120,
      120,
      120,
      120,
      ...Array.from({ length: 60 }, (_, i) => (i % 2 ? 101 : 99)),
    ];
    expect(run(hovering)).toMatchObject({ transitions: ['open@5'], state: { phase: 'firing' } });
  });

  it('goes back to firing when the trigger returns while clearing, and opens again after a resolve', () => {
    const values = [...Array(6).fill(120), 80, 80, 120, 80, 80, 80, 80, 80, 80, ...Array(6).fill(120)];
    expect(run(values).transitions).toEqual(['open@5', 'resolve@14', 'open@20']);
  });

  it('ignores an observation not newer than the last one (a replay changes nothing)', () => {
    const { state } = run([120, 120, 120, 120, 120, 120]);
    const replay = step(
      state,
      { at: new Date(T0), trigger: false, clear: true },
      { forMs: 0, clearForMs: 0 },
    );
    expect(replay).toEqual({ state, transition: null });
  });

  it('with no durations, opens and resolves on the first observation', () => {
    expect(run([120, 95, 80], NORMAL, 0).transitions).toEqual(['open@0', 'resolve@2']);
  });
});
