// Issue 16 golden set for public disclosure, on the pg driver over PostgreSQL (cases in disclosure-golden.ts).
import { openDatabase, runMigrations } from '@hp/storage';
import { createTestDatabase } from '@hp/testing';
import { disclosureGolden } from './disclosure-golden';

async function open() {
  const database = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: database.url, dataDir: 'unused', poolSize: 4 });
  await runMigrations(db);
  return {
    db,
    cleanup: async () => {
      await db.close();
      await database.drop();
    },
  };
}

describe('disclosure golden set: pg driver on PostgreSQL', () => {
  disclosureGolden(open);
});
