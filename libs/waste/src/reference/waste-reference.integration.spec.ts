import { Database } from '@hp/storage';
import { RegistryAdmin } from '@hp/registry';
import { WasteCodesRepository } from '../storage/waste-codes.repository';
import { WastePartiesRepository } from '../storage/waste-parties.repository';
import { openTestStore, TEST_STORE_DRIVERS } from '@hp/testing-store';
import { commonWasteCodes, parseWasteCodeCsv } from './waste-code-list';

// The reference tables on both storage drivers: codes loaded and reloaded, parties and their licences.
describe.each(TEST_STORE_DRIVERS)('waste reference data: $name', ({ driver }) => {
  let db: Database;
  let cleanup: () => Promise<unknown>;
  beforeAll(async () => {
    ({ db, cleanup } = await openTestStore(driver, { poolSize: 2 }));
  });
  afterAll(() => cleanup());

  it('loads the common codes, then the official list over them (idempotent)', async () => {
    const codes = new WasteCodesRepository(db);
    expect(await codes.upsertMany(commonWasteCodes())).toBe(9);
    expect(await codes.upsertMany(commonWasteCodes())).toBe(9);
    await codes.upsertMany(
      parseWasteCodeCsv(
        'code,name_vi,name_en,threshold_class\n16 01 12,Pin thải,Batteries,NH\n19 01,Nhóm mới,,\n',
      ),
    );
    expect(await codes.find('16 01 12')).toEqual({
      code: '16 01 12',
      nameVi: 'Pin thải',
      nameEn: 'Batteries',
      thresholdClass: 'NH',
      evidence: 'official',
    });
    expect((await codes.list()).map((c) => c.code)).toHaveLength(10);
    // The table itself refuses a malformed code, whatever wrote it.
    await expect(
      codes.upsertMany([{ code: '1601', nameVi: 'x', nameEn: null, thresholdClass: null, evidence: 'U' }]),
    ).rejects.toThrow();
  });

  it('keeps parties with their park and their licences with codes and dates', async () => {
    const parties = new WastePartiesRepository(db);
    const park = await new RegistryAdmin(db).registerPark({ code: 'WST', name: 'Waste park' });
    const generator = await parties.upsert({
      code: 'GEN-1',
      name: 'Factory 1',
      kind: 'generator',
      parkId: park.id,
    });
    expect(generator).toMatchObject({ kind: 'generator', parkId: park.id });
    // A generator must belong to a park.
    await expect(parties.upsert({ code: 'GEN-2', name: 'Nowhere', kind: 'generator' })).rejects.toThrow();
    const facility = await parties.upsert({ code: 'TF-1', name: 'Treatment 1', kind: 'treatment_facility' });
    await parties.addLicence({
      partyId: facility.id,
      licenceNumber: 'GPMT-CTNH-1',
      wasteCodes: ['16 01 12', '17 02 03'],
      validFrom: '2025-01-01',
      validTo: '2027-01-01',
    });
    // Which day a licence covers is judged with the lot (lot-judgement.ts); here: stored and read back whole.
    expect(
      (await parties.findWithLicences(['TF-1', 'NOBODY'])).map((p) => [p.party.code, p.licences.length]),
    ).toEqual([['TF-1', 1]]);
    expect(await parties.licences(facility.id)).toEqual([
      {
        id: expect.any(Number),
        partyId: facility.id,
        licenceNumber: 'GPMT-CTNH-1',
        wasteCodes: ['16 01 12', '17 02 03'],
        validFrom: '2025-01-01',
        validTo: '2027-01-01',
      },
    ]);
  });
});
