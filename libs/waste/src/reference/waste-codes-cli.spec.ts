import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, runMigrations, WasteCodesRepository } from '@hp/storage';
import { createTestDatabase, TestDatabase } from '@hp/testing';
import { runWasteCli, seedWasteCodes } from './waste-codes-cli';

describe('waste-codes-load and the seed, on PostgreSQL', () => {
  let database: TestDatabase;
  let dir: string;
  const errors: string[] = [];
  let log: jest.SpyInstance;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'hp-waste-cli-'));
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    log.mockRestore();
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  it('seeds the common codes, loads an official list over them, and the seed then keeps the official names', async () => {
    const db = await openDatabase({ databaseUrl: database.url, dataDir: 'unused', poolSize: 2 });
    try {
      await runMigrations(db);
      expect(await seedWasteCodes(db)).toBe(9);
      const file = join(dir, 'list.csv');
      writeFileSync(
        file,
        'code,name_vi,name_en,threshold_class\n16 01 12,Pin ắc quy chì thải,Lead batteries,NH\n',
      );
      expect(
        await runWasteCli(['waste-codes-load', '--csv', file], (m) => errors.push(m), {
          DATABASE_URL: database.url,
        }),
      ).toBe(0);
      expect(errors).toEqual([]);
      expect(await seedWasteCodes(db)).toBe(0);
      expect((await new WasteCodesRepository(db).find('16 01 12'))?.nameVi).toBe('Pin ắc quy chì thải');
    } finally {
      await db.close();
    }
  });

  it('refuses a bad file naming its lines, and a missing one, with exit status 2', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'code,name_vi,name_en,threshold_class\n16 01,,,\n');
    expect(
      await runWasteCli(['waste-codes-load', '--csv', bad], (m) => errors.push(m), {
        DATABASE_URL: database.url,
      }),
    ).toBe(2);
    expect(errors.pop()).toBe(`${bad}:\nline 2: name_vi is empty`);
    expect(
      await runWasteCli(['waste-codes-load', '--csv', join(dir, 'none.csv')], (m) => errors.push(m)),
    ).toBe(2);
    expect(errors.pop()).toContain('cannot read');
    expect(await runWasteCli(['waste-codes-load'], (m) => errors.push(m))).toBe(2);
  });
});
