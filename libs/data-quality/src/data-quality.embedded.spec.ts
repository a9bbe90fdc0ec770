import { openDatabase, runMigrations } from '@hp/storage';
import { tempDataDir } from '@hp/testing';
import { dataQualityContract } from './data-quality.contract';

describe('data quality: embedded TimescaleDB', () => {
  dataQualityContract(async () => {
    const tmp = await tempDataDir({ prefix: 'hp-data-quality-' });
    const db = await openDatabase({ dataDir: tmp.dir });
    await runMigrations(db);
    return {
      db,
      cleanup: async () => {
        await db.close();
        await tmp.remove();
      },
    };
  });
});
