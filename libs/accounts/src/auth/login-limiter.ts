import { LoginBackoffLimiter } from '@hp/device-identity';

/** The window failures from one client address are counted in. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** First wait once a (username, address) pair used up its free failures; doubles with each further one. */
export const LOGIN_BACKOFF_BASE_MS = 1_000;
/** Longest wait of a pair. */
export const LOGIN_BACKOFF_MAX_MS = 15 * 60_000;
/** A pair's failures are forgotten this long after its last one. */
export const LOGIN_PAIR_MEMORY_MS = 24 * 3_600_000;
const MAX_ENTRIES = 100_000;

export interface LoginLimits {
  /** Failures of one (username, client address) pair before each further one doubles the wait. */
  readonly failuresPerPair: number;
  /** Failures from one client address (any usernames) within LOGIN_WINDOW_MS before it must wait. */
  readonly failuresPerAddress: number;
}

/**
 * Failed-login limits that an attacker cannot turn against a user: failures are counted per
 * (username, client address) pair, with exponential back-off, and per address; never per username alone,
 * so failures from one address never keep the right user out from another. In memory, per process.
 */
export class LoginLimiter {
  private readonly pairs: LoginBackoffLimiter;
  private readonly addresses = new Map<string, number[]>();

  constructor(private readonly limits: LoginLimits) {
    this.pairs = new LoginBackoffLimiter({
      freeFailures: limits.failuresPerPair,
      baseDelayMs: LOGIN_BACKOFF_BASE_MS,
      maxDelayMs: LOGIN_BACKOFF_MAX_MS,
      forgetAfterMs: LOGIN_PAIR_MEMORY_MS,
      maxEntries: MAX_ENTRIES,
    });
  }

  /** Milliseconds until this username may try again from this address (0: it may now). */
  retryAfterMs(username: string, address: string, now = Date.now()): number {
    let wait = this.pairs.retryAfterMs(username, address, now);
    const recent = this.recent(address, now);
    if (recent.length >= this.limits.failuresPerAddress)
      wait = Math.max(wait, recent[recent.length - this.limits.failuresPerAddress] + LOGIN_WINDOW_MS - now);
    return Math.max(0, wait);
  }

  fail(username: string, address: string, now = Date.now()): void {
    this.pairs.failed(username, address, now);
    const recent = [...this.recent(address, now), now].slice(-this.limits.failuresPerAddress);
    this.addresses.delete(address); // re-inserted last: the least recently failed are evicted first
    this.addresses.set(address, recent);
    if (this.addresses.size > MAX_ENTRIES) this.addresses.delete(this.addresses.keys().next().value!);
  }

  /** A right password forgets that pair's failures (the address's stay counted). */
  succeed(username: string, address: string): void {
    this.pairs.succeeded(username, address);
  }

  private recent(address: string, now: number): number[] {
    return (this.addresses.get(address) ?? []).filter((t) => t > now - LOGIN_WINDOW_MS);
  }
}
