import { openDatabase, runMigrations } from '@hp/storage';
import { tempDataDir } from '@hp/testing';
import { goldenCadence } from './golden-cadence';
import { goldenSetAside } from './golden-set-aside';
import { goldenKpi, goldenSet } from './golden-set';

async function open() {
  const tmp = await tempDataDir({ prefix: 'hp-compliance-' });
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

describe('compliance golden set: embedded TimescaleDB', () => {
  goldenSet(open);
  goldenKpi(open);
  goldenCadence(open);
  goldenSetAside(open);
});
