export { openTestStore, TEST_STORE_DRIVERS } from './test-store';
export type { TestStore, TestStoreDriver, TestStoreOptions } from './test-store';
