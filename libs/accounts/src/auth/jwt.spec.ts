import { createHmac } from 'node:crypto';
import { hashDevicePassword } from '@hp/device-identity';
import { ACCESS_TOKEN_AUDIENCE, AccessClaims, STREAM_TICKET_AUDIENCE, TOKEN_ISSUER, TokenKeys } from './jwt';
import {
  LOGIN_BACKOFF_BASE_MS,
  LOGIN_BACKOFF_MAX_MS,
  LOGIN_PAIR_MEMORY_MS,
  LOGIN_WINDOW_MS,
  LoginFailureStore,
  LoginLimiter,
} from './login-limiter';
import { hashUserPassword, USER_PASSWORD_ITERATIONS, verifyUserPassword } from './passwords';

const NOW = 1_800_000_000;
const CLAIMS: AccessClaims = {
  sub: 7,
  username: 'officer',
  role: 'officer',
  parks: [],
  iat: NOW,
  exp: NOW + 900,
};
const SECRET = 'a-secret-of-at-least-thirty-two-chars';
const NEXT_SECRET = 'the-next-secret-of-thirty-two-chars!!';

function parts(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}

describe('access tokens (jsonwebtoken, HS256, issuer, audience, key id)', () => {
  it('gives back the claims of a token it signed, until it expires', () => {
    const keys = new TokenKeys(SECRET);
    const token = keys.sign(CLAIMS, ACCESS_TOKEN_AUDIENCE);
    expect(keys.verify(token, ACCESS_TOKEN_AUDIENCE, NOW + 10)).toEqual(CLAIMS);
    expect(keys.verify(token, ACCESS_TOKEN_AUDIENCE, NOW + 900)).toBeNull();
    const { header, payload } = parts(token);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: expect.stringMatching(/^[\w-]{16}$/) });
    expect(payload).toMatchObject({ iss: TOKEN_ISSUER, aud: ACCESS_TOKEN_AUDIENCE, sub: '7' });
  });

  it('refuses another key, a changed payload, alg "none", another audience or issuer, and garbage', () => {
    const keys = new TokenKeys(SECRET);
    const token = keys.sign(CLAIMS, ACCESS_TOKEN_AUDIENCE);
    expect(new TokenKeys(NEXT_SECRET).verify(token, ACCESS_TOKEN_AUDIENCE, NOW)).toBeNull();
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...parts(token).payload, role: 'admin' })).toString(
      'base64url',
    );
    expect(keys.verify(`${header}.${forged}.${signature}`, ACCESS_TOKEN_AUDIENCE, NOW)).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: parts(token).header['kid'] }));
    expect(
      keys.verify(`${none.toString('base64url')}.${token.split('.')[1]}.`, ACCESS_TOKEN_AUDIENCE, NOW),
    ).toBeNull();
    // A stream ticket is no access token, and the other way round.
    const ticket = keys.sign(CLAIMS, STREAM_TICKET_AUDIENCE, { jti: true });
    expect(keys.verify(ticket, ACCESS_TOKEN_AUDIENCE, NOW)).toBeNull();
    expect(keys.verify(token, STREAM_TICKET_AUDIENCE, NOW)).toBeNull();
    // Right key and audience, another issuer: hand-signed with the same key.
    const sign = (payload: object) => {
      const body = `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
      return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
    };
    const good = { ...parts(token).payload };
    expect(keys.verify(sign(good), ACCESS_TOKEN_AUDIENCE, NOW)).toEqual(CLAIMS); // the hand-signing is right
    expect(keys.verify(sign({ ...good, iss: 'someone-else' }), ACCESS_TOKEN_AUDIENCE, NOW)).toBeNull();
    expect(keys.verify('not.a.token', ACCESS_TOKEN_AUDIENCE, NOW)).toBeNull();
    expect(keys.verify('', ACCESS_TOKEN_AUDIENCE, NOW)).toBeNull();
  });

  it('rotates keys: tokens of the previous key stay valid while it is listed, new ones use the new key', () => {
    const before = new TokenKeys(SECRET);
    const old = before.sign(CLAIMS, ACCESS_TOKEN_AUDIENCE);
    const rotated = new TokenKeys(NEXT_SECRET, [SECRET]);
    expect(rotated.verify(old, ACCESS_TOKEN_AUDIENCE, NOW)).toEqual(CLAIMS);
    const fresh = rotated.sign(CLAIMS, ACCESS_TOKEN_AUDIENCE);
    expect(parts(fresh).header['kid']).not.toEqual(parts(old).header['kid']);
    expect(before.verify(fresh, ACCESS_TOKEN_AUDIENCE, NOW)).toBeNull();
    expect(new TokenKeys(NEXT_SECRET).verify(old, ACCESS_TOKEN_AUDIENCE, NOW)).toBeNull(); // retired
  });
});

/** The database's LoginFailuresRepository, in memory: what it keeps and answers, for the limiter's rules. */
class MemoryLoginFailures implements LoginFailureStore {
  private readonly failures: { username: string; address: string; at: number; forgiven: boolean }[] = [];

  async record(username: string, address: string, at: number): Promise<void> {
    this.failures.push({ username, address, at, forgiven: false });
  }

  async forgive(username: string, address: string): Promise<void> {
    for (const f of this.failures) if (f.username === username && f.address === address) f.forgiven = true;
  }

  async recent(q: Parameters<LoginFailureStore['recent']>[0]) {
    const pair = this.failures.filter(
      (f) => f.username === q.username && f.address === q.address && !f.forgiven && f.at > q.pairSince,
    );
    return {
      pairCount: pair.length,
      pairLast: pair.length > 0 ? Math.max(...pair.map((f) => f.at)) : null,
      address: this.failures
        .filter((f) => f.address === q.address && f.at > q.addressSince)
        .map((f) => f.at)
        .sort((a, b) => b - a)
        .slice(0, q.addressLimit),
    };
  }
}

describe('failed-login limits', () => {
  const limits = { failuresPerPair: 3, failuresPerAddress: 20 };

  it('backs a (username, address) pair off exponentially once its free failures are used up', async () => {
    const limiter = new LoginLimiter(new MemoryLoginFailures(), { ...limits, failuresPerAddress: 1000 });
    for (let i = 0; i < 3; i++) await limiter.fail('alice', '10.0.0.9', 1_000);
    expect(await limiter.retryAfterMs('alice', '10.0.0.9', 1_000)).toBe(LOGIN_BACKOFF_BASE_MS);
    await limiter.fail('alice', '10.0.0.9', 2_000);
    expect(await limiter.retryAfterMs('alice', '10.0.0.9', 2_000)).toBe(2 * LOGIN_BACKOFF_BASE_MS);
    await limiter.fail('alice', '10.0.0.9', 5_000);
    expect(await limiter.retryAfterMs('alice', '10.0.0.9', 5_000)).toBe(4 * LOGIN_BACKOFF_BASE_MS);
    for (let i = 0; i < 30; i++) await limiter.fail('alice', '10.0.0.9', 10_000);
    expect(await limiter.retryAfterMs('alice', '10.0.0.9', 10_000)).toBe(LOGIN_BACKOFF_MAX_MS);
    // Forgotten a day after the last failure; a right password forgets the pair at once.
    expect(await limiter.retryAfterMs('alice', '10.0.0.9', 10_001 + LOGIN_PAIR_MEMORY_MS)).toBe(0);
    await limiter.succeed('alice', '10.0.0.9');
    expect(await limiter.retryAfterMs('alice', '10.0.0.9', 10_001)).toBe(0);
  });

  it('never locks a username out from another address, whatever one address does', async () => {
    const limiter = new LoginLimiter(new MemoryLoginFailures(), limits);
    for (let i = 0; i < 500; i++) await limiter.fail('alice', '203.0.113.66', 1_000 + i);
    expect(await limiter.retryAfterMs('alice', '203.0.113.66', 2_000)).toBeGreaterThan(0);
    expect(await limiter.retryAfterMs('alice', '198.51.100.7', 2_000)).toBe(0);
  });

  it('limits one address trying many usernames, for a window', async () => {
    const limiter = new LoginLimiter(new MemoryLoginFailures(), limits);
    for (let i = 0; i < 20; i++) await limiter.fail(`user-${i}`, '203.0.113.66', 1_000 + i);
    expect(await limiter.retryAfterMs('someone-new', '203.0.113.66', 2_000)).toBe(
      1_000 + LOGIN_WINDOW_MS - 2_000,
    );
    expect(await limiter.retryAfterMs('someone-new', '198.51.100.7', 2_000)).toBe(0);
    expect(await limiter.retryAfterMs('someone-new', '203.0.113.66', 1_020 + LOGIN_WINDOW_MS)).toBe(0);
  });
});

describe('user password hashes', () => {
  it('are PBKDF2-SHA512 with at least 210,000 iterations and a random salt, apart from device hashes', async () => {
    expect(USER_PASSWORD_ITERATIONS).toBeGreaterThanOrEqual(210_000);
    const a = await hashUserPassword('correct horse battery');
    const b = await hashUserPassword('correct horse battery');
    expect(a).toMatch(/^\$pbkdf2-sha512\$i=210000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{88}$/);
    expect(a).not.toEqual(b);
    expect(await verifyUserPassword('correct horse battery', a)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyUserPassword('wrong', a)).toEqual({ ok: false, needsRehash: false });
    expect(await verifyUserPassword('anything', null)).toEqual({ ok: false, needsRehash: false });
  });

  it('accept the older Mosquitto-style user hashes once more, asking for a rehash', async () => {
    const legacy = await hashDevicePassword('old password 1');
    expect(await verifyUserPassword('old password 1', legacy)).toEqual({ ok: true, needsRehash: true });
    expect(await verifyUserPassword('nope', legacy)).toEqual({ ok: false, needsRehash: false });
    const weak = await hashUserPassword('few rounds', 1_000);
    expect(await verifyUserPassword('few rounds', weak)).toEqual({ ok: true, needsRehash: true });
  });
});
