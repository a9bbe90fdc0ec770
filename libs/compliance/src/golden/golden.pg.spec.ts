import { openDatabase, runMigrations } from '@hp/storage';
import { createTestDatabase } from '@hp/testing';
import { goldenCadence } from './golden-cadence';
import { goldenSetAside } from './golden-set-aside';
import { goldenKpi, goldenSet } from './golden-set';

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

describe('compliance golden set: pg driver on PostgreSQL', () => {
  goldenSet(open);
  goldenKpi(open);
  goldenCadence(open);
  goldenSetAside(open);
});
