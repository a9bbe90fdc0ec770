import type { Reason } from '@hp/contracts';
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

  it('filters by part of the topic or client id, reason code and time range, a page at a time', async () => {
    const quarantine = new QuarantineRepository(store.db);
    const notJson = { code: 'PAYLOAD_NOT_JSON' as const, params: {} };
    const unit = {
      code: 'UNIT_NOT_ACCEPTED' as const,
      params: { parameter: 'COD', unit: 'kg', accepted: 'mg/L' },
    };
    const message = (topic: string, clientId: string | null, hour: number, reason: Reason = notJson) => ({
      topic,
      clientId,
      payload: Buffer.from('x'),
      receivedAt: at(`2026-12-01T${String(hour).padStart(2, '0')}:00:00Z`),
      problems: [{ index: null, source: null, reason }],
    });
    await quarantine.insertMany([
      message('hp/v1/parks/DV/stations/DV_OUT1/telemetry', 'dv-logger', 1),
      message('hp/v1/parks/DV/stations/DV_OUT1/telemetry', 'dv-logger', 2, unit),
      message('hp/v1/parks/NK/stations/NK_100%_OUT/telemetry', 'nk_logger', 3),
      message('hp/v1/parks/NK/stations/NK_OUT2/telemetry', null, 4, unit),
    ]);
    const page = (filter: Partial<Parameters<QuarantineRepository['list']>[0]>) =>
      quarantine
        .list({ from: at('2026-12-01T00:00:00Z'), limit: 10, offset: 0, ...filter })
        .then((rows) => rows.map((r) => r.receivedAt.getUTCHours()));
    expect(await page({})).toEqual([4, 3, 2, 1]);
    expect(await page({ topic: 'dv_out1' })).toEqual([2, 1]);
    expect(await page({ topic: '100%' })).toEqual([3]); // % taken literally
    expect(await page({ topic: 'NK_1' })).toEqual([3]); // _ taken literally
    expect(await page({ clientId: 'LOGGER' })).toEqual([3, 2, 1]);
    expect(await page({ clientId: 'nk_' })).toEqual([3]);
    expect(await page({ reason: 'UNIT_NOT_ACCEPTED' })).toEqual([4, 2]);
    expect(await page({ reason: 'UNIT_NOT_ACCEPTED', topic: 'DV' })).toEqual([2]);
    expect(await page({ from: at('2026-12-01T02:00:00Z'), to: at('2026-12-01T04:00:00Z') })).toEqual([3, 2]);
    expect(await page({ limit: 2, offset: 1 })).toEqual([3, 2]);
    expect(await page({ limit: 2, offset: 4 })).toEqual([]);
  });
});
