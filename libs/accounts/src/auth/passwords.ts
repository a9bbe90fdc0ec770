import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { verifyDevicePassword } from '@hp/device-identity';

const pbkdf2Async = promisify(pbkdf2);

/**
 * Users' own password scheme, PBKDF2-HMAC-SHA512 at OWASP's current floor (210,000 iterations). Device
 * passwords keep Mosquitto's `$7$` scheme, which the broker must read; users' need not.
 */
export const USER_PASSWORD_ITERATIONS = 210_000;
const PREFIX = '$pbkdf2-sha512$';
const SALT_BYTES = 16;
const HASH_BYTES = 64;
const FORMAT = /^\$pbkdf2-sha512\$i=(\d{1,9})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** `$pbkdf2-sha512$i=<iterations>$<salt base64>$<hash base64>`. */
export async function hashUserPassword(
  plain: string,
  iterations: number = USER_PASSWORD_ITERATIONS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await pbkdf2Async(plain, salt, iterations, HASH_BYTES, 'sha512');
  return `${PREFIX}i=${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export interface PasswordCheck {
  readonly ok: boolean;
  /** The password was right but its hash is of an older or weaker scheme: store a new one. */
  readonly needsRehash: boolean;
}

let dummy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without one (unknown user) it checks against a dummy hash
 * of the same cost, so an unknown username takes as long as a wrong password.
 */
export async function verifyUserPassword(plain: string, stored: string | null): Promise<PasswordCheck> {
  if (stored === null) {
    dummy ??= hashUserPassword(randomBytes(18).toString('base64url'));
    await verifyCurrent(plain, await dummy);
    return { ok: false, needsRehash: false };
  }
  const match = FORMAT.exec(stored);
  if (match) {
    const ok = await verifyCurrent(plain, stored);
    return { ok, needsRehash: ok && Number(match[1]) < USER_PASSWORD_ITERATIONS };
  }
  // Hashes from before the users' own scheme: Mosquitto's `$7$` (10,000 iterations).
  const ok = await verifyDevicePassword(plain, stored);
  return { ok, needsRehash: ok };
}

async function verifyCurrent(plain: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const iterations = Number(match[1]);
  const salt = Buffer.from(match[2], 'base64');
  const expected = Buffer.from(match[3], 'base64');
  if (iterations < 1 || iterations > 10_000_000 || expected.length !== HASH_BYTES) return false;
  const actual = await pbkdf2Async(plain, salt, iterations, HASH_BYTES, 'sha512');
  return timingSafeEqual(actual, expected);
}
