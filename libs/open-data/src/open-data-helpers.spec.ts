import { toCsv } from './csv';
import { RateLimiter } from './rate-limiter';
import { ResponseCache } from './response-cache';

describe('toCsv', () => {
  it('quotes what RFC 4180 requires, ends lines with CRLF and starts with a byte-order mark', () => {
    const csv = toCsv(['a', 'b'] as const, [
      { a: 'KCN Đình Vũ, Hải Phòng', b: 'say "hi"' },
      { a: 'line\nbreak', b: null },
    ]);
    expect(csv).toBe('\uFEFFa,b\r\n"KCN Đình Vũ, Hải Phòng","say ""hi"""\r\n"line\nbreak",\r\n');
  });
});

describe('RateLimiter', () => {
  it('allows n requests per client and minute, then says how long to wait', () => {
    const limiter = new RateLimiter(2);
    expect(limiter.take('x', 0)).toBe(0);
    expect(limiter.take('x', 1000)).toBe(0);
    expect(limiter.take('x', 2000)).toBe(58_000);
    expect(limiter.take('y', 2000)).toBe(0);
    expect(limiter.take('x', 60_000)).toBe(0);
  });
});

describe('ResponseCache', () => {
  it('computes a key once while fresh, shares a computation in flight, and computes again when stale', async () => {
    const cache = new ResponseCache(1000);
    let computed = 0;
    const compute = async () => ({ body: `body ${++computed}`, contentType: 'text/plain' });
    const [a, b] = await Promise.all([cache.get('k', compute, 0), cache.get('k', compute, 0)]);
    expect(a).toBe(b);
    expect(computed).toBe(1);
    expect((await cache.get('k', compute, 999)).body).toBe('body 1');
    const stale = await cache.get('k', compute, 1000);
    expect(stale.body).toBe('body 2');
    expect(stale.etag).not.toBe(a.etag);
  });
});
