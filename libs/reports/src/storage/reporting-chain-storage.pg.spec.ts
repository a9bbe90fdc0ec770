import { openTestStore } from '@hp/testing-store';
import { reportingChainStorageContract } from './reporting-chain-storage.contract';

describe('reporting chain store: pg driver on PostgreSQL', () => {
  reportingChainStorageContract(() => openTestStore('pg'));
});
