import { redact } from './env-readers';

describe('redact', () => {
  it('hides the password of a URL and keeps the rest', () => {
    expect(redact('postgres://hp:s3cret@db.internal:5432/hp')).toBe('postgres://hp:***@db.internal:5432/hp');
    expect(redact('redis://:s3cret@127.0.0.1:6379')).toBe('redis://:***@127.0.0.1:6379');
    expect(redact('smtp://u%40x:p%3Ass@mail:587')).toBe('smtp://u%40x:***@mail:587');
  });

  it('leaves URLs without a password as they are', () => {
    for (const url of [
      'mqtt://127.0.0.1:1883',
      'mqtt://svc@broker:1883',
      'http://h/x?e=a@b',
      'postgres://h/db',
    ])
      expect(redact(url)).toBe(url);
  });

  it('hides a password holding a raw "@" (a valid URL) whole, not only up to its first "@"', () => {
    const url = 'postgres://postgres:first-half@second-half@127.0.0.1:5432/hp';
    expect(new URL(url).password).toBe('first-half%40second-half');
    expect(redact(url)).toBe('postgres://postgres:***@127.0.0.1:5432/hp');
  });

  it('hides a password that stops the value from parsing ("/", "#", "?", spaces and "@" in it)', () => {
    for (const password of ['pa/ss@word', 'pa#ss', 'pa?ss', 'pa ss@x']) {
      const shown = redact(`postgres://u:${password}@host/db`);
      expect(shown).toBe('postgres://u:***@host/db');
    }
  });

  it('hides the password of a URL quoted in a message, on every line', () => {
    const message =
      'Request cannot be constructed from a URL that includes credentials: http://hook:s3cret@h:80/x\n' +
      'and again redis://:other-s3cret@h:6379';
    expect(redact(message)).toBe(
      'Request cannot be constructed from a URL that includes credentials: http://hook:***@h:80/x\n' +
        'and again redis://:***@h:6379',
    );
  });
});
