import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/**
 * Mosquitto 2's password-file hash, which its default auth checks and which we also verify ourselves
 * (embedded broker): `$7$<iterations>$<base64 salt>$<base64 PBKDF2-HMAC-SHA512>`. mosquitto_passwd
 * 2.0.11 writes 101 iterations, a 12-byte salt and a 64-byte hash; the broker reads the iteration
 * count from the line, so we use more (checked against the real mosquitto 2.0.11 binary).
 */
export const MOSQUITTO_HASH_ITERATIONS = 10_000;
const SALT_BYTES = 12;
const HASH_BYTES = 64;
const DIGEST = 'sha512';
const MAX_ITERATIONS = 10_000_000;
const HASH_FORMAT = /^\$7\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** Hashes a device (or service account) password into mosquitto's `$7$` format. */
export async function hashDevicePassword(
  plain: string,
  iterations: number = MOSQUITTO_HASH_ITERATIONS,
): Promise<string> {
  if (plain.length === 0) throw new RangeError('an MQTT password must not be empty');
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new RangeError(`iterations must be an integer from 1 to ${MAX_ITERATIONS}`);
  }
  const salt = randomBytes(SALT_BYTES);
  const hash = await pbkdf2Async(plain, salt, iterations, HASH_BYTES, DIGEST);
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * True when plain is the password of a `$7$` hash (constant-time compare). A malformed hash, or one of
 * another mosquitto type ($6$ SHA512 without PBKDF2), is false, never an error.
 */
export async function verifyDevicePassword(plain: string, hash: string): Promise<boolean> {
  const match = HASH_FORMAT.exec(hash);
  if (!match) return false;
  const iterations = Number(match[1]);
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return false;
  const salt = Buffer.from(match[2], 'base64');
  const expected = Buffer.from(match[3], 'base64');
  if (salt.length === 0 || expected.length !== HASH_BYTES) return false;
  const actual = await pbkdf2Async(plain, salt, iterations, HASH_BYTES, DIGEST);
  return timingSafeEqual(actual, expected);
}

/** True when the string has the shape of a mosquitto `$7$` hash (it says nothing about the password). */
export function isDevicePasswordHash(value: string): boolean {
  return HASH_FORMAT.test(value);
}

/** A random password: 24 random bytes as base64url, 32 characters, safe in URLs and on a command line. */
export function generateDevicePassword(): string {
  return randomBytes(24).toString('base64url');
}
