// Issue 16 golden set for public disclosure, on the embedded driver (cases in disclosure-golden.ts).
import { openDatabase, runMigrations } from '@hp/storage';
import { tempDataDir } from '@hp/testing';
import { disclosureGolden } from './disclosure-golden';

async function open() {
  const tmp = await tempDataDir({ prefix: 'hp-disclosure-' });
  const db = await openDatabase({ dataDir: tmp.dir });
  await runMigrations(db);
  return {
    db,
    cleanup: async () => {
      await db.close();
      await tmp.remove();
    },
  };
}

describe('disclosure golden set: embedded TimescaleDB', () => {
  disclosureGolden(open);
});
