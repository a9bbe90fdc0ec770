import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an access token says: who, which role, which parks (empty: every park), until when. */
export interface AccessClaims {
  readonly sub: number;
  readonly username: string;
  readonly role: 'admin' | 'officer' | 'park_operator' | 'manager';
  readonly parks: readonly number[];
  /** Seconds since the epoch. */
  readonly exp: number;
  readonly iat: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** A compact JWT signed with HMAC-SHA256 (RFC 7519 / 7518); the only algorithm accepted back. */
export function signJwt(claims: AccessClaims, secret: string): string {
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${hmac(body, secret)}`;
}

/** The claims of a token signed with `secret` and not expired at `nowSeconds`; null otherwise. */
export function verifyJwt(token: string, secret: string, nowSeconds: number): AccessClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null; // also refuses alg "none" and others
  const expected = Buffer.from(hmac(`${parts[0]}.${parts[1]}`, secret));
  const given = Buffer.from(parts[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: AccessClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as AccessClaims;
  } catch {
    return null;
  }
  return typeof claims.exp === 'number' && claims.exp > nowSeconds ? claims : null;
}

function hmac(data: string, secret: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
