export interface LoginBackoffOptions {
  /** Failed attempts of one (username, client address) pair that back it off; default 5. */
  readonly freeFailures?: number;
  /** First back-off, doubled on every further failure; default 1 s. */
  readonly baseDelayMs?: number;
  /** Longest back-off; default 15 min. */
  readonly maxDelayMs?: number;
  /** A pair with no failure for this long is forgotten; default 1 h. */
  readonly forgetAfterMs?: number;
  /** Pairs remembered at most (the oldest go first), so a flood of names cannot grow memory; default 100,000. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

interface Failures {
  count: number;
  last: number;
  blockedUntil: number;
}

/**
 * Failed-login back-off per (username, client address) pair, exponential: device sign-ins (the embedded
 * MQTT broker and the FTP intake share one) and user sign-ins (AuthService, with a per-address limit on
 * top). Keyed by the pair, not by the username alone: someone guessing a password from one address backs
 * off that address only and can never lock the account out from its own address.
 */
export class LoginBackoffLimiter {
  private readonly entries = new Map<string, Failures>();
  private readonly freeFailures: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly forgetAfterMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: LoginBackoffOptions = {}) {
    this.freeFailures = options.freeFailures ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
    this.forgetAfterMs = options.forgetAfterMs ?? 3600_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  private static key(username: string, address: string): string {
    return `${address}\u0000${username}`;
  }

  /** Milliseconds this pair must still wait before a password is even checked; 0: go ahead. */
  retryAfterMs(username: string, address: string, now = this.now()): number {
    const entry = this.entries.get(LoginBackoffLimiter.key(username, address));
    if (!entry) return 0;
    if (now - entry.last > this.forgetAfterMs) {
      this.entries.delete(LoginBackoffLimiter.key(username, address));
      return 0;
    }
    return Math.max(0, entry.blockedUntil - now);
  }

  /** Counts a failed attempt (a wrong password, or an attempt made while backed off). */
  failed(username: string, address: string, now = this.now()): void {
    const key = LoginBackoffLimiter.key(username, address);
    const entry = this.entries.get(key) ?? { count: 0, last: now, blockedUntil: 0 };
    entry.count++;
    entry.last = now;
    const over = entry.count - this.freeFailures;
    if (over >= 0)
      entry.blockedUntil = now + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(over, 30));
    // Re-inserted last: the Map's order is the eviction order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** A successful sign-in clears the pair. */
  succeeded(username: string, address: string): void {
    this.entries.delete(LoginBackoffLimiter.key(username, address));
  }
}
