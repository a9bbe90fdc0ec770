import { MigrationRunner, runMigrations } from '@hp/storage';
import { openTestStore, TEST_STORE_DRIVERS, TestStore } from '@hp/testing-store';
import { WasteReader } from './waste-reader';
import { WasteWriter } from './waste-writer';
import { WasteFinding, WasteLotRecord } from './waste.types';

// Before migration 0027 the lot fold stored its findings as English sentences ({code, reason}); 0027 keeps
// them as TEXT reasons, which the catalogue words as they are, until `waste-refold` folds the lots again.
describe.each(TEST_STORE_DRIVERS)('waste lot findings stored before 0027, on $name', ({ driver }) => {
  let store: TestStore;

  beforeAll(async () => {
    store = await openTestStore(driver, { migrate: false, poolSize: 2 });
  }, 60_000);

  afterAll(async () => {
    await store?.cleanup();
  });

  it('become TEXT reasons, in order, and the lot is judged with them', async () => {
    const { db } = store;
    await new MigrationRunner(db, { before: 27 }).run();
    const at = new Date('2026-03-01T01:00:00Z');
    const lot: WasteLotRecord = {
      lotCode: 'OLD-1',
      state: 'stored',
      generatorCode: null,
      // No park: the registry's code of today expects columns of later migrations than this database has.
      parkId: null,
      wasteCode: '16 01 12',
      anchorAt: at,
      generatedAt: null,
      generatedKg: 5,
      manifestNumber: null,
      transporterCode: null,
      facilityCode: null,
      handedOverAt: null,
      handedOverKg: null,
      receivedAt: null,
      receivedKg: null,
      treatedAt: null,
      treatmentMethod: null,
      certificate: null,
      // The shape the fold stored before 0027.
      findings: [
        { code: 'chain_gap', reason: 'storage checks are reported, but no lot.generated event' },
        { code: 'storage_condition', reason: 'storage check c1 found the lot leaking' },
      ] as unknown as WasteFinding[],
      eventCount: 1,
    };
    await new WasteWriter(db).saveFoldedLot(lot);
    expect((await runMigrations(db)).applied).toContain('0027_waste_lot_judgement');
    const [verdict] = await new WasteReader(db).lots.judge(
      { lotCode: 'OLD-1' },
      { asOf: at, massTolerance: 0.02, maxStorageDays: 365, manifestCloseDays: 30 },
    );
    expect(verdict.violations).toEqual([
      {
        code: 'TEXT',
        params: { text: 'chain_gap: storage checks are reported, but no lot.generated event' },
      },
      { code: 'TEXT', params: { text: 'storage_condition: storage check c1 found the lot leaking' } },
    ]);
    expect(verdict.standing).toBe('non_conforming');
  });
});
