import { assertSupportedServer } from './database';
import { SerialLock } from './serial-lock';

describe('assertSupportedServer', () => {
  it('accepts PostgreSQL 14 and newer and refuses older servers clearly', () => {
    expect(() => assertSupportedServer(140000, '14.0')).not.toThrow();
    expect(() => assertSupportedServer(170005, '17.5')).not.toThrow();
    expect(() => assertSupportedServer(130012, '13.12')).toThrow(
      /PostgreSQL 13.12 is not supported: @hp\/storage needs PostgreSQL 14 or newer/,
    );
  });
});

describe('SerialLock', () => {
  it('runs callers one at a time and lets a holder re-enter', async () => {
    const lock = new SerialLock();
    const events: string[] = [];
    const task = (name: string) =>
      lock.run(async () => {
        events.push(`${name}:start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await lock.run(async () => events.push(`${name}:inner`));
        events.push(`${name}:end`);
      });
    const failing = lock.run(() => Promise.reject(new Error('boom')));
    await Promise.all([task('a'), expect(failing).rejects.toThrow('boom'), task('b')]);
    expect(events).toEqual(['a:start', 'a:inner', 'a:end', 'b:start', 'b:inner', 'b:end']);
  });
});
