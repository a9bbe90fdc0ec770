import { AccessClaims, signJwt, verifyJwt } from './jwt';
import { LOGIN_WINDOW_MS, LoginLimiter } from './login-limiter';

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

describe('access tokens (JWT HS256)', () => {
  it('gives back the claims of a token it signed, until it expires', () => {
    const token = signJwt(CLAIMS, SECRET);
    expect(token.split('.')).toHaveLength(3);
    expect(verifyJwt(token, SECRET, NOW + 10)).toEqual(CLAIMS);
    expect(verifyJwt(token, SECRET, NOW + 900)).toBeNull();
  });

  it('refuses another key, a changed payload, alg "none" and garbage', () => {
    const token = signJwt(CLAIMS, SECRET);
    expect(verifyJwt(token, 'another-secret-of-thirty-two-chars!!', NOW)).toBeNull();
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...CLAIMS, role: 'admin' })).toString('base64url');
    expect(verifyJwt(`${header}.${forged}.${signature}`, SECRET, NOW)).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(verifyJwt(`${none}.${token.split('.')[1]}.`, SECRET, NOW)).toBeNull();
    expect(verifyJwt('not.a.token', SECRET, NOW)).toBeNull();
    expect(verifyJwt('', SECRET, NOW)).toBeNull();
  });
});

describe('failed-login limiter', () => {
  it('refuses a key after the limit within the window, and lets it try again once failures age out', () => {
    const limiter = new LoginLimiter(3);
    const keys = ['user:a', 'client:1.2.3.4'];
    for (let i = 0; i < 3; i++) limiter.fail(keys, 1_000 + i);
    expect(limiter.retryAfterMs(keys, 2_000)).toBe(1_000 + LOGIN_WINDOW_MS - 2_000);
    expect(limiter.retryAfterMs(['user:b'], 2_000)).toBe(0);
    expect(limiter.retryAfterMs(keys, 1_003 + LOGIN_WINDOW_MS)).toBe(0);
  });

  it('forgets a username’s failures on success, but not the client’s', () => {
    const limiter = new LoginLimiter(2);
    limiter.fail(['user:a', 'client:x'], 1);
    limiter.fail(['user:a', 'client:x'], 2);
    limiter.succeed('a');
    expect(limiter.retryAfterMs(['user:a'], 3)).toBe(0);
    expect(limiter.retryAfterMs(['client:x'], 3)).toBeGreaterThan(0);
  });
});
