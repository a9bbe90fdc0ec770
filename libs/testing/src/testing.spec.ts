import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase, tempDataDir, waitFor } from './index';

describe('createTestDatabase', () => {
  it('creates an empty database that can be used and then dropped', async () => {
    const db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined); // drop() terminates this session on purpose
    await client.connect();
    const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
    expect(db.url).toContain(rows[0].name);
    expect(rows[0].name).toMatch(/^hp_test_/);
    await db.drop(); // with the client still connected: FORCE ends it
    await client.end().catch(() => undefined);

    const admin = new pg.Client({ connectionString: db.url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [rows[0].name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
    await db.drop(); // idempotent
  });

  it('gives each call its own database', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    expect(a.url).not.toBe(b.url);
    await Promise.all([a.drop(), b.drop()]);
  });
});

describe('tempDataDir', () => {
  it('creates a writable directory and removes it with its contents', async () => {
    const tmp = await tempDataDir();
    await writeFile(join(tmp.dir, 'file'), 'x');
    await tmp.remove();
    await expect(access(tmp.dir)).rejects.toThrow();
  });

  it('can start as a copy of another directory', async () => {
    const source = await tempDataDir();
    await writeFile(join(source.dir, 'PG_VERSION'), '17');
    const copy = await tempDataDir({ prefix: 'hp-copy-', copyFrom: source.dir });
    expect(copy.dir).not.toBe(source.dir);
    expect(await readFile(join(copy.dir, 'PG_VERSION'), 'utf8')).toBe('17');
    await Promise.all([source.remove(), copy.remove()]);
  });
});

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? calls : 0), { intervalMs: 1 })).resolves.toBe(3);
  });

  it('times out naming the condition and the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('not yet');
        },
        { timeoutMs: 30, intervalMs: 5, description: 'broker up' },
      ),
    ).rejects.toThrow(/broker up not met within 30 ms: last error not yet/);
  });
});
