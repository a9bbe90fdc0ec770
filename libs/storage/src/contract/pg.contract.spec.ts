import { createTestDatabase } from '@hp/testing';
import { openDatabase } from '../driver/open-database';
import { storageContract } from './storage-contract';

describe('storage contract: pg driver on PostgreSQL', () => {
  storageContract({
    driver: 'pg',
    concurrentOpen: true,
    async createStore() {
      const database = await createTestDatabase();
      return {
        open: () => openDatabase({ databaseUrl: database.url, dataDir: 'unused', poolSize: 4 }),
        cleanup: () => database.drop(),
      };
    },
  });
});
