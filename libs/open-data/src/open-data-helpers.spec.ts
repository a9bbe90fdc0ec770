import { toCsv } from './csv';
import { localIso } from './monitoring-disclosure.service';
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

describe('localIso', () => {
  it('writes an instant as Hai Phong local time with its +07:00 offset, milliseconds only when present', () => {
    expect(localIso(new Date('2026-03-01T17:05:00Z'))).toBe('2026-03-02T00:05:00+07:00');
    expect(localIso(new Date('2026-03-01T01:02:03.450Z'))).toBe('2026-03-01T08:02:03.450+07:00');
  });
});

describe('ResponseCache size bound', () => {
  it('keeps at most maxChars of bodies: beyond, it starts over, and a body bigger than the budget is never kept', async () => {
    const cache = new ResponseCache(60_000, 10);
    let computed = 0;
    const body = (text: string) => async () => (computed++, { body: text, contentType: 'text/plain' });
    await cache.get('a', body('12345'), 0);
    await cache.get('b', body('12345'), 0);
    await cache.get('a', body('x'), 1);
    expect(computed).toBe(2); // both fit in 10 characters
    await cache.get('c', body('123'), 2); // 13 > 10: the cache starts over with c alone
    await cache.get('a', body('12345'), 3);
    expect(computed).toBe(4);
    await cache.get('big', body('12345678901'), 4);
    await cache.get('big', body('12345678901'), 5);
    expect(computed).toBe(6);
  });
});
