/** The window failures from one client address are counted in. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** First wait once a (username, client address) pair used up its free failures; doubles with each further one. */
export const LOGIN_BACKOFF_BASE_MS = 1_000;
/** Longest wait of a pair. */
export const LOGIN_BACKOFF_MAX_MS = 15 * 60_000;
/** A pair's failures count for this long. */
export const LOGIN_PAIR_MEMORY_MS = 24 * 3_600_000;

export interface LoginLimits {
  /** Failures of one (username, client address) pair before each further one doubles the wait. */
  readonly failuresPerPair: number;
  /** Failures from one client address (any usernames) within LOGIN_WINDOW_MS before it must wait. */
  readonly failuresPerAddress: number;
}

/** Where failed logins are kept: the database (LoginFailuresRepository), shared by every API replica. */
export interface LoginFailureStore {
  record(username: string, address: string, at: number): Promise<void>;
  /** A right password: the pair's failures no longer count for the pair (they still do for the address). */
  forgive(username: string, address: string): Promise<void>;
  /**
   * The pair's unforgiven failures after `pairSince` (how many, and the last one's time), and the times of
   * the address's failures after `addressSince`, newest first, at most `addressLimit` of them.
   */
  recent(query: {
    readonly username: string;
    readonly address: string;
    readonly pairSince: number;
    readonly addressSince: number;
    readonly addressLimit: number;
  }): Promise<{ pairCount: number; pairLast: number | null; address: number[] }>;
}

/**
 * Failed-login limits that an attacker cannot turn against a user: failures are counted per
 * (username, client address) pair, with exponential back-off, and per address; never per username alone,
 * so failures from one address never keep the right user out from another. The failures are in the
 * database, so attempts spread over API replicas count as on one.
 */
export class LoginLimiter {
  constructor(
    private readonly store: LoginFailureStore,
    private readonly limits: LoginLimits,
  ) {}

  /** Milliseconds until this username may try again from this address (0: it may now). */
  async retryAfterMs(username: string, address: string, now = Date.now()): Promise<number> {
    const {
      pairCount,
      pairLast,
      address: recent,
    } = await this.store.recent({
      username,
      address,
      pairSince: now - LOGIN_PAIR_MEMORY_MS,
      addressSince: now - LOGIN_WINDOW_MS,
      addressLimit: this.limits.failuresPerAddress,
    });
    let wait = 0;
    const over = pairCount - this.limits.failuresPerPair;
    if (over >= 0 && pairLast !== null)
      wait = pairLast + Math.min(LOGIN_BACKOFF_MAX_MS, LOGIN_BACKOFF_BASE_MS * 2 ** Math.min(over, 30)) - now;
    // The address's failures, newest first: the oldest of the last `failuresPerAddress` leaves the window last.
    if (recent.length >= this.limits.failuresPerAddress)
      wait = Math.max(wait, recent[this.limits.failuresPerAddress - 1] + LOGIN_WINDOW_MS - now);
    return Math.max(0, wait);
  }

  fail(username: string, address: string, now = Date.now()): Promise<void> {
    return this.store.record(username, address, now);
  }

  /** A right password forgets that pair's failures (the address's stay counted). */
  succeed(username: string, address: string): Promise<void> {
    return this.store.forgive(username, address);
  }
}
