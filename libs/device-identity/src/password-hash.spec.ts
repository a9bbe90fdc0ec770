import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDataDir } from '@hp/testing';
import {
  generateDevicePassword,
  hashDevicePassword,
  isDevicePasswordHash,
  MOSQUITTO_HASH_ITERATIONS,
  verifyDevicePassword,
} from './password-hash';
import { mosquittoExecutable } from './spec-support/mosquitto-process';

const MOSQUITTO_FORMAT = /^\$7\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

describe('device password hashes', () => {
  it('round-trips, and a wrong password does not verify', async () => {
    const hash = await hashDevicePassword('s3cret-pässword');
    expect(await verifyDevicePassword('s3cret-pässword', hash)).toBe(true);
    expect(await verifyDevicePassword('s3cret-password', hash)).toBe(false);
    expect(await verifyDevicePassword('', hash)).toBe(false);
  });

  it("has mosquitto 2's $7$ layout: iterations, a 12-byte salt and a 64-byte PBKDF2-SHA512 hash", async () => {
    const hash = await hashDevicePassword('pw');
    expect(hash).toMatch(MOSQUITTO_FORMAT);
    expect(isDevicePasswordHash(hash)).toBe(true);
    const [, type, iterations, salt, digest] = hash.split('$');
    expect(type).toBe('7');
    expect(Number(iterations)).toBe(MOSQUITTO_HASH_ITERATIONS);
    expect(Buffer.from(salt, 'base64')).toHaveLength(12);
    expect(Buffer.from(digest, 'base64')).toHaveLength(64);
    // A fresh salt every time.
    expect(await hashDevicePassword('pw')).not.toBe(hash);
  });

  it('verifies a hash written by the real mosquitto_passwd (101 iterations)', async () => {
    const tmp = await tempDataDir();
    try {
      const file = join(tmp.dir, 'passwords');
      await promisify(execFile)(mosquittoExecutable('mosquitto_passwd'), [
        '-b',
        '-c',
        file,
        'station',
        'from-mosquitto',
      ]);
      const hash = (await readFile(file, 'utf8')).trim().split(':')[1];
      expect(hash).toMatch(/^\$7\$101\$/);
      expect(await verifyDevicePassword('from-mosquitto', hash)).toBe(true);
      expect(await verifyDevicePassword('something else', hash)).toBe(false);
    } finally {
      await tmp.remove();
    }
  });

  it('treats a malformed or foreign hash as a mismatch, not an error', async () => {
    for (const bad of [
      '',
      'plain',
      '$6$abc$def',
      '$7$0$AAAA$AAAA',
      '$7$101$$AAAA',
      '$7$101$AAAA$AAAA',
      '$7$99999999999$AAAA$AAAA',
    ]) {
      expect(await verifyDevicePassword('pw', bad)).toBe(false);
    }
    await expect(hashDevicePassword('')).rejects.toThrow(RangeError);
  });

  it('generates long, URL-safe, different passwords', () => {
    const passwords = Array.from({ length: 50 }, generateDevicePassword);
    for (const password of passwords) expect(password).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(new Set(passwords).size).toBe(50);
  });
});
