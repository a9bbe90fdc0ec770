import { openTestStore, TEST_STORE_DRIVERS, TestStore } from '@hp/testing-store';
import { UsersRepository } from './users.repository';

describe.each(TEST_STORE_DRIVERS)('users on $name', ({ driver }) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(driver);
  });
  afterAll(() => store?.cleanup());

  it('keeps a disabled user disabled when their password is reset', async () => {
    const users = new UsersRepository(store.db);
    const input = { username: 'reset-me', name: 'U', role: 'officer' as const, passwordHash: 'h1' };
    await users.upsert(input);
    await users.setDisabled('reset-me', true);
    expect((await users.upsert({ ...input, passwordHash: 'h2' })).disabled).toBe(true);
    expect(await users.findByUsername('reset-me')).toMatchObject({ disabled: true, passwordHash: 'h2' });
  });
});
