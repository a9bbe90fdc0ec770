import { openDatabase } from '@hp/storage';
import { createTestDatabase } from '@hp/testing';
import { readingsStorageContract } from './readings-storage.contract';

describe('readings store: pg driver on PostgreSQL', () => {
  readingsStorageContract({
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
