/** The window failed logins are counted in. */
export const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * Counts failed logins per key (a username, a client address) in a sliding window; once a key reaches
 * the limit, its logins are refused until old failures leave the window. In memory, per process: an
 * attacker spread over several API instances gets the limit once per instance.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly maxFailures: number) {}

  /** Milliseconds until a key may try again (0: it may now). */
  retryAfterMs(keys: readonly string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.maxFailures) wait = Math.max(wait, recent[0] + LOGIN_WINDOW_MS - now);
    }
    return wait;
  }

  fail(keys: readonly string[], now = Date.now()): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 100_000) this.failures.clear(); // bounded memory under a spray of names
  }

  succeed(username: string): void {
    this.failures.delete(`user:${username}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - LOGIN_WINDOW_MS);
  }
}
