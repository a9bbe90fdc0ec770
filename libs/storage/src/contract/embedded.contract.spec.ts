import { TempDataDir, tempDataDir } from '@hp/testing';
import { openDatabase } from '../driver/open-database';
import { storageContract } from './storage-contract';

describe('storage contract: embedded TimescaleDB', () => {
  // initdb of a fresh directory takes ~3 s; each test gets its own copy of one fresh, unmigrated database.
  let template: TempDataDir;
  beforeAll(async () => {
    template = await tempDataDir({ prefix: 'hp-storage-template-' });
    await (await openDatabase({ dataDir: template.dir })).close();
  });
  afterAll(() => template.remove());

  storageContract({
    driver: 'embedded',
    concurrentOpen: false,
    async createStore() {
      const tmp = await tempDataDir({ prefix: 'hp-storage-', copyFrom: template.dir });
      return { open: () => openDatabase({ dataDir: tmp.dir }), cleanup: () => tmp.remove() };
    },
  });
});
