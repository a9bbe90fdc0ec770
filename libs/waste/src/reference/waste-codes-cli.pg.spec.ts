import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, runMigrations } from '@hp/storage';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { WasteCodesRepository } from '../storage/waste-codes.repository';
import { WastePartiesRepository } from '../storage/waste-parties.repository';
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

  it('loads parties, licences and gateways from a JSON file, again without change, and refuses a bad one whole', async () => {
    const db = await openDatabase({ databaseUrl: database.url, dataDir: 'unused', poolSize: 2 });
    const env = { DATABASE_URL: database.url };
    errors.length = 0;
    try {
      await runMigrations(db);
      await new RegistryAdmin(db).registerPark({ code: 'PK', name: 'Park' });
      const file = join(dir, 'parties.json');
      const parties = [
        {
          code: 'PK-F01',
          name: 'Factory',
          kind: 'generator',
          parkCode: 'PK',
          declarations: [
            { year: 2025, generatedKg: 12_500 },
            { year: 2026, generatedKg: 1_600.5 },
          ],
        },
        {
          code: 'TR-1',
          name: 'Transporter',
          kind: 'transporter',
          parkCode: null,
          licences: [
            { licenceNumber: 'L-1', wasteCodes: ['16 01 12'], validFrom: '2025-01-01', validTo: null },
          ],
        },
      ];
      writeFileSync(file, JSON.stringify({ parties, gateways: [{ code: 'PK-WGW', parkCode: 'PK' }] }));
      for (let run = 0; run < 2; run++) {
        expect(await runWasteCli(['waste-parties-load', '--json', file], (m) => errors.push(m), env)).toBe(0);
      }
      expect(errors).toEqual([]);
      expect(log).toHaveBeenLastCalledWith(
        `loaded 2 waste part(y/ies) with 1 licence(s), 2 annual declaration(s) and 1 gateway(s) from ${file}`,
      );
      // Loaded twice, each year's figure is there once.
      expect(await new WastePartiesRepository(db).declarations(2026)).toEqual([
        { generatorCode: 'PK-F01', year: 2026, declaredKg: 1_600.5 },
      ]);
      const [transporter] = await new WastePartiesRepository(db).findWithLicences(['TR-1']);
      expect(transporter.licences).toHaveLength(1);
      expect(await new RegistryReader(db).devices.findByCode('PK-WGW')).toMatchObject({ kind: 'scale' });

      const bad = join(dir, 'bad-parties.json');
      writeFileSync(
        bad,
        JSON.stringify({
          parties: [
            { code: 'X 1', name: '', kind: 'broker' },
            {
              code: 'G',
              name: 'G',
              kind: 'generator',
              licences: [{ licenceNumber: 'L', wasteCodes: ['1601'], validFrom: '2026-02-30x' }],
              declarations: [
                { year: 2025, generatedKg: -1 },
                { year: 2025, generatedKg: 10 },
                { year: 1999, generatedKg: '5' },
              ],
            },
            { code: 'T', name: 'T', kind: 'transporter', declarations: [{ year: 2025, generatedKg: 1 }] },
          ],
        }),
      );
      expect(await runWasteCli(['waste-parties-load', '--json', bad], (m) => errors.push(m), env)).toBe(2);
      expect(errors.pop()).toBe(
        [
          `${bad}:`,
          "parties[0].code must be 1 to 64 letters, digits, '-' or '_'",
          'parties[0].name must be a non-empty string',
          'parties[0].kind must be one of generator, transporter, treatment_facility',
          'parties[1].parkCode is required for a generator',
          'parties[1].declarations[0].generatedKg must be a number of kg, 0 or more',
          'parties[1].declarations[1].year 2025 is declared twice',
          'parties[1].declarations[2].year must be a year from 2000 to 2100',
          'parties[1].declarations[2].generatedKg must be a number of kg, 0 or more',
          'parties[1].licences[0].wasteCodes must be a non-empty list of waste codes such as "16 01 12"',
          'parties[1].licences[0].validFrom must be YYYY-MM-DD',
          'parties[2].declarations are for generators only',
        ].join('\n'),
      );
      // A park that does not exist stops the load, and nothing of the file is kept.
      const unknownPark = join(dir, 'unknown-park.json');
      writeFileSync(
        unknownPark,
        JSON.stringify({
          parties: [
            { code: 'NEW-TR', name: 'New', kind: 'transporter' },
            { ...parties[0], code: 'F2', parkCode: 'NOPE' },
          ],
        }),
      );
      expect(
        await runWasteCli(['waste-parties-load', '--json', unknownPark], (m) => errors.push(m), env),
      ).toBe(1);
      expect(errors.pop()).toBe('waste-parties-load failed: parties[1].parkCode: no park "NOPE"');
      expect(await new WastePartiesRepository(db).findByCode('NEW-TR')).toBeNull();
    } finally {
      await db.close();
    }
  });
});
