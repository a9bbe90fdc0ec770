/** Most clients tracked; beyond, the window starts over for everyone (bounded memory). */
const MAX_CLIENTS = 100_000;
const WINDOW_MS = 60_000;

/** At most `perMinute` requests per client in each minute window. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly perMinute: number) {}

  /** Counts a request; answers 0 when allowed, else the milliseconds until the client may ask again. */
  take(client: string, now = Date.now()): number {
    let window = this.windows.get(client);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size >= MAX_CLIENTS) this.windows.clear();
      window = { start: now, count: 0 };
      this.windows.set(client, window);
    }
    if (window.count >= this.perMinute) return window.start + WINDOW_MS - now;
    window.count++;
    return 0;
  }
}
