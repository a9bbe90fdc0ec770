import { createHash } from 'node:crypto';

export interface CachedResponse {
  readonly body: string;
  readonly contentType: string;
  /** A strong validator of the body, for If-None-Match. */
  readonly etag: string;
  readonly expiresAt: number;
}

/** Most entries kept: a spray of distinct query strings cannot grow memory without bound. */
const MAX_ENTRIES = 1000;

/**
 * Answers computed once per key for `ttlMs`: the public endpoints read whole periods of verdicts, and the
 * same few URLs are asked for over and over.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  /** In-flight computations: concurrent requests for one key share one. */
  private readonly pending = new Map<string, Promise<CachedResponse>>();

  constructor(private readonly ttlMs: number) {}

  async get(
    key: string,
    compute: () => Promise<{ body: string; contentType: string }>,
    now = Date.now(),
  ): Promise<CachedResponse> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit;
    const running = this.pending.get(key);
    if (running) return running;
    const computing = compute()
      .then(({ body, contentType }) => {
        const entry: CachedResponse = {
          body,
          contentType,
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
          expiresAt: now + this.ttlMs,
        };
        if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
        if (this.ttlMs > 0) this.entries.set(key, entry);
        return entry;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, computing);
    return computing;
  }
}
