// A request made on a fixed beat (never two at once) while something else runs, timing each answer: how a
// test or benchmark watches an API stay responsive, without a loop of sleeps.

export interface PeriodicProbe {
  /** Stops the beat and waits for a request in flight. */
  stop(): Promise<void>;
}

/**
 * Calls `request` now and every `intervalMs` after, skipping a beat while the previous request is still
 * out; `answered` gets when each request started and how long it took. A failed request is not timed.
 */
export function probeEvery<T>(
  intervalMs: number,
  request: () => Promise<T>,
  answered: (startedAt: number, ms: number, answer: T) => void,
): PeriodicProbe {
  let inFlight: Promise<void> | null = null;
  const beat = () => {
    if (inFlight) return;
    const startedAt = Date.now();
    inFlight = request()
      .then(
        (answer) => answered(startedAt, Date.now() - startedAt, answer),
        () => undefined,
      )
      .finally(() => {
        inFlight = null;
      });
  };
  const timer = setInterval(beat, intervalMs);
  beat();
  return {
    stop: async () => {
      clearInterval(timer);
      await inFlight;
    },
  };
}
