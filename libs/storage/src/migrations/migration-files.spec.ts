import { TempDataDir, tempDataDir } from '@hp/testing';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checksumOf, DEFAULT_MIGRATIONS_DIR, loadMigrationFiles, pickVariant } from './migration-files';

describe('migration files', () => {
  let tmp: TempDataDir;
  beforeEach(async () => {
    tmp = await tempDataDir({ prefix: 'hp-migrations-' });
  });
  afterEach(() => tmp.remove());

  const write = (files: Record<string, string>) =>
    Promise.all(Object.entries(files).map(([name, sql]) => writeFile(join(tmp.dir, name), sql)));

  it('ships versions in order, each common or a timescale/plain pair', async () => {
    const files = await loadMigrationFiles(DEFAULT_MIGRATIONS_DIR);
    expect([...files.keys()]).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
      29, 30, 31, 32, 33, 34,
    ]);
    expect(pickVariant(files.get(3)!, true).variant).toBe('timescale');
    expect(pickVariant(files.get(3)!, false).variant).toBe('plain');
    expect(pickVariant(files.get(1)!, true)).toMatchObject({ id: '0001_registry', variant: 'common' });
  });

  it('rejects a badly named file and a variant without its pair', async () => {
    await write({ '0001_a.sql': 'SELECT 1;', '2_b.sql': 'SELECT 1;' });
    await expect(loadMigrationFiles(tmp.dir)).rejects.toThrow(/2_b.sql is not named/);
    const other = await tempDataDir();
    try {
      await writeFile(join(other.dir, '0002_x.timescale.sql'), 'SELECT 1;');
      await expect(loadMigrationFiles(other.dir)).rejects.toThrow(
        /migration 0002 must be one common file or a .timescale.sql and .plain.sql pair/,
      );
    } finally {
      await other.remove();
    }
  });

  it('checksums ignore CRLF line endings', () => {
    expect(checksumOf('SELECT 1;\r\nSELECT 2;\r\n')).toBe(checksumOf('SELECT 1;\nSELECT 2;\n'));
    expect(checksumOf('SELECT 1;')).not.toBe(checksumOf('SELECT 2;'));
  });
});
