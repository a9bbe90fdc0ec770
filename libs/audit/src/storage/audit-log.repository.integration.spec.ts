import { openTestStore, TEST_STORE_DRIVERS, TestStore } from '@hp/testing-store';
import { AuditLogRepository } from './audit-log.repository';

describe.each(TEST_STORE_DRIVERS)('audit log on $name', ({ driver }) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(driver);
  });
  afterAll(() => store?.cleanup());

  it('appends entries and refuses to change or remove them, whatever the SQL', async () => {
    const audit = new AuditLogRepository(store.db);
    await audit.append({
      actor: 'admin',
      action: 'user.save',
      subject: 'user:x',
      before: null,
      after: { role: 'officer' },
    });
    const [entry] = await audit.list({ subject: 'user:x', limit: 10 });
    expect(entry).toMatchObject({ actor: 'admin', action: 'user.save', after: { role: 'officer' } });
    await expect(store.db.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(store.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect(await audit.list({ subject: 'user:x', limit: 10 })).toEqual([entry]);
  });
});
