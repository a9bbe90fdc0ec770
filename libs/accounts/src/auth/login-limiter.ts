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
  private readonly pairs = new Map<string, { failures: number; last: number }>();
  private readonly addresses = new Map<string, number[]>();

  constructor(private readonly limits: LoginLimits) {}

  /** Milliseconds until this username may try again from this address (0: it may now). */
  retryAfterMs(username: string, address: string, now = Date.now()): number {
    let wait = 0;
    const pair = this.pair(username, address, now);
    const over = pair ? pair.failures - this.limits.failuresPerPair : -1;
    if (pair && over >= 0) {
      const backoff = Math.min(LOGIN_BACKOFF_BASE_MS * 2 ** Math.min(over, 30), LOGIN_BACKOFF_MAX_MS);
      wait = Math.max(wait, pair.last + backoff - now);
    }
    const recent = this.recent(address, now);
    if (recent.length >= this.limits.failuresPerAddress)
      wait = Math.max(wait, recent[recent.length - this.limits.failuresPerAddress] + LOGIN_WINDOW_MS - now);
    return Math.max(0, wait);
  }

  fail(username: string, address: string, now = Date.now()): void {
    const key = pairKey(username, address);
    const pair = this.pair(username, address, now);
    this.pairs.delete(key); // re-inserted last: the oldest entries are evicted first
    this.pairs.set(key, { failures: (pair?.failures ?? 0) + 1, last: now });
    const recent = [...this.recent(address, now), now].slice(-this.limits.failuresPerAddress);
    this.addresses.delete(address);
    this.addresses.set(address, recent);
    evictOldest(this.pairs);
    evictOldest(this.addresses);
  }

  /** A right password forgets that pair's failures (the address's stay counted). */
  succeed(username: string, address: string): void {
    this.pairs.delete(pairKey(username, address));
  }

  private pair(username: string, address: string, now: number) {
    const key = pairKey(username, address);
    const pair = this.pairs.get(key);
    if (pair && now - pair.last > LOGIN_PAIR_MEMORY_MS) {
      this.pairs.delete(key);
      return undefined;
    }
    return pair;
  }

  private recent(address: string, now: number): number[] {
    return (this.addresses.get(address) ?? []).filter((t) => t > now - LOGIN_WINDOW_MS);
  }
}

function pairKey(username: string, address: string): string {
  return JSON.stringify([username, address]);
}

/** Bounded memory under a spray of names or addresses: the least recently failed go first. */
function evictOldest(map: Map<string, unknown>): void {
  if (map.size <= MAX_ENTRIES) return;
  let excess = map.size - MAX_ENTRIES;
  for (const key of map.keys()) {
    if (excess-- <= 0) break;
    map.delete(key);
  }
}
