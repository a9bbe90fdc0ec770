import { openTestStore, TEST_STORE_DRIVERS, TestStore } from '@hp/testing-store';
import { QuarantineRepository } from './quarantine.repository';

const at = (iso: string) => new Date(iso);

describe.each(TEST_STORE_DRIVERS)('quarantined messages on $name', ({ driver }) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(driver);
  });
  afterAll(() => store?.cleanup());

  it('quarantines refused messages with their raw bytes and problems as reason codes', async () => {
    const quarantine = new QuarantineRepository(store.db);
    const payload = Buffer.from([0x7b, 0xff, 0x00, 0x7d]); // not even UTF-8
    const bounds = {
      code: 'VALUE_OUT_OF_PHYSICAL_BOUNDS' as const,
      params: { parameter: 'pH', value: 15.2, min: 0, max: 14, unit: '' },
    };
    const unit = {
      code: 'UNIT_NOT_ACCEPTED' as const,
      params: { parameter: 'COD', unit: 'kg', accepted: 'mg/L' },
    };
    expect(
      await quarantine.insertMany([
        {
          topic: 'hp/v1/parks/P/stations/S/telemetry',
          clientId: 'dev-1',
          payload,
          receivedAt: at('2026-11-27T01:00:00Z'),
          problems: [{ index: null, source: null, reason: { code: 'PAYLOAD_NOT_JSON', params: {} } }],
        },
        {
          topic: 't2',
          clientId: null,
          payload: Buffer.from('{}'),
          receivedAt: at('2026-11-27T02:00:00Z'),
          problems: [
            { index: 0, source: null, reason: bounds },
            { index: 3, source: 'stations[1] (P/S)', reason: unit },
          ],
        },
      ]),
    ).toBe(2);
    const [newest, older] = await quarantine.listRecent(10);
    expect(newest).toMatchObject({
      topic: 't2',
      clientId: null,
      problems: [
        { index: 0, source: null, reason: bounds },
        { index: 3, source: 'stations[1] (P/S)', reason: unit },
      ],
    });
    expect(older.payload.equals(payload)).toBe(true);
    expect(await quarantine.count()).toBe(2);
  });
});
