import { openTestStore } from '@hp/testing-store';
import { reportingChainStorageContract } from './reporting-chain-storage.contract';

describe('reporting chain store: embedded TimescaleDB', () => {
  reportingChainStorageContract(() => openTestStore('embedded'));
});
