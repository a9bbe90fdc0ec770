import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

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

/** The `iss` of every token this platform issues. */
export const TOKEN_ISSUER = 'hp-envmon';
/** The `aud` of access tokens (Bearer on every API request). */
export const ACCESS_TOKEN_AUDIENCE = 'hp-envmon:api';
/** The `aud` of alert-stream tickets: never accepted as an access token, nor the other way round. */
export const STREAM_TICKET_AUDIENCE = 'hp-envmon:alert-stream';

/** A token's claims as signed: `sub` is a string in JWT (RFC 7519 4.1.2). */
interface SignedClaims {
  sub: string;
  username: string;
  role: AccessClaims['role'];
  parks: number[];
  iat: number;
  exp: number;
  jti?: string;
}

/**
 * HS256 tokens through `jsonwebtoken`, with issuer, audience and a key id (`kid`) derived from the key:
 * tokens are signed with the current key and checked with it or any previous one, so a key can rotate
 * without signing everyone out (the old key is kept for verification until its tokens have expired).
 */
export class TokenKeys {
  private readonly current: { kid: string; secret: string };
  private readonly byKid = new Map<string, string>();

  constructor(secret: string, previous: readonly string[] = []) {
    this.current = { kid: keyId(secret), secret };
    for (const s of [secret, ...previous]) this.byKid.set(keyId(s), s);
  }

  /** A signed token for the claims; `jti` adds a random token id (single-use tickets). */
  sign(claims: AccessClaims, audience: string, options: { jti?: boolean } = {}): string {
    const payload: SignedClaims = {
      sub: String(claims.sub),
      username: claims.username,
      role: claims.role,
      parks: [...claims.parks],
      iat: claims.iat,
      exp: claims.exp,
      ...(options.jti ? { jti: randomBytes(16).toString('base64url') } : {}),
    };
    return jwt.sign(payload, this.current.secret, {
      algorithm: 'HS256',
      keyid: this.current.kid,
      issuer: TOKEN_ISSUER,
      audience,
    });
  }

  /** The claims (and `jti`) of a token for `audience` signed with a known key and not expired at `nowSeconds`. */
  verify(token: string, audience: string, nowSeconds: number): (AccessClaims & { jti?: string }) | null {
    const decoded = jwt.decode(token, { complete: true });
    const kid = decoded?.header.kid;
    const secret = kid === undefined ? undefined : this.byKid.get(kid);
    if (secret === undefined) return null;
    let payload: SignedClaims;
    try {
      payload = jwt.verify(token, secret, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience,
        clockTimestamp: nowSeconds,
      }) as SignedClaims;
    } catch {
      return null;
    }
    const sub = Number(payload.sub);
    if (!Number.isSafeInteger(sub) || sub < 0 || !Array.isArray(payload.parks)) return null;
    return {
      sub,
      username: payload.username,
      role: payload.role,
      parks: payload.parks,
      iat: payload.iat,
      exp: payload.exp,
      ...(payload.jti === undefined ? {} : { jti: payload.jti }),
    };
  }
}

/** A key's public name: a digest of it, so the same secret always has the same kid and reveals nothing. */
function keyId(secret: string): string {
  return createHash('sha256').update(`hp-envmon-jwt-kid:${secret}`).digest('base64url').slice(0, 16);
}
