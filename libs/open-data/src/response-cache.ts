import { createHash } from 'node:crypto';

export interface CachedResponse {
  readonly body: string;
  readonly contentType: string;
  /** The URL of the next page of a paginated answer. */
  readonly next?: string;
  /** A strong validator of the body, for If-None-Match. */
  readonly etag: string;
  readonly expiresAt: number;
}

/** Most entries kept: a spray of distinct query strings cannot grow memory without bound. */
const MAX_ENTRIES = 1000;
/**
 * Most characters of bodies kept: a page of monitoring readings can be a few MB, so a spray of distinct
 * windows is bounded by size too, not only by count.
 */
export const DEFAULT_MAX_CACHED_CHARS = 64 * 1024 * 1024;

/**
 * Answers computed once per key for `ttlMs`: the public endpoints read whole periods of verdicts, and the
 * same few URLs are asked for over and over.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  /** In-flight computations: concurrent requests for one key share one. */
  private readonly pending = new Map<string, Promise<CachedResponse>>();
  /** Characters of the bodies in `entries`. */
  private chars = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxChars = DEFAULT_MAX_CACHED_CHARS,
  ) {}

  async get(
    key: string,
    compute: () => Promise<{ body: string; contentType: string; next?: string }>,
    now = Date.now(),
  ): Promise<CachedResponse> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit;
    const running = this.pending.get(key);
    if (running) return running;
    const computing = compute()
      .then(({ body, contentType, next }) => {
        const entry: CachedResponse = {
          body,
          contentType,
          next,
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
          expiresAt: now + this.ttlMs,
        };
        const replaced = this.entries.get(key);
        if (replaced) this.chars -= replaced.body.length;
        this.entries.delete(key);
        if (this.entries.size >= MAX_ENTRIES || this.chars + body.length > this.maxChars) {
          this.entries.clear();
          this.chars = 0;
        }
        // An answer bigger than the whole budget is served, never kept.
        if (this.ttlMs > 0 && body.length <= this.maxChars) {
          this.entries.set(key, entry);
          this.chars += body.length;
        }
        return entry;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, computing);
    return computing;
  }
}
