import { openDatabase, runMigrations } from '@hp/storage';
import { createTestDatabase } from '@hp/testing';
import { dataQualityContract } from './data-quality.contract';

describe('data quality: pg driver on PostgreSQL', () => {
  dataQualityContract(async () => {
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
  });
});
