import { NewReading, ReadingsWriter } from '@hp/readings';
import { openTestStore, TEST_STORE_DRIVERS, TestStore } from '@hp/testing-store';
import { TelemetryBatchWriter } from './telemetry-batch-writer';

const reading = (stationId: number, parameterCode: string, iso: string): NewReading => ({
  time: new Date(iso),
  stationId,
  parameterCode,
  value: 42,
  status: 0,
});

describe.each(TEST_STORE_DRIVERS)('the telemetry batch writer on $name', ({ driver }) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(driver);
  });
  afterAll(() => store?.cleanup());

  const count = async (table: string) =>
    Number((await store.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  it('stores new readings, and a batch repeating stored ones whole, counting the repeats as duplicates', async () => {
    const writer = new TelemetryBatchWriter(store.db, new ReadingsWriter(store.db));
    const first = [reading(7, 'COD', '2026-11-27T01:00:00Z'), reading(7, 'pH', '2026-11-27T01:00:00Z')];
    expect(await writer.write([{ rows: first, quarantine: null }])).toEqual({
      inserted: 2,
      duplicates: 0,
      quarantined: 0,
    });
    // A redelivered message next to a new one, a repeat within the batch, and a quarantined message:
    // the COPY fails on the stored reading and the whole batch is written again, nothing of it lost.
    const redelivered = { rows: [first[0]], quarantine: null };
    const fresh = {
      rows: [reading(7, 'COD', '2026-11-26T20:00:00Z'), reading(7, 'COD', '2026-11-26T20:00:00Z')],
      quarantine: {
        topic: 'hp/v1/parks/P/stations/S/telemetry',
        clientId: null,
        payload: Buffer.from('{}'),
        receivedAt: new Date('2026-11-27T01:00:05Z'),
        problems: [{ index: null, source: null, reason: { code: 'PAYLOAD_NOT_JSON' as const, params: {} } }],
      },
    };
    expect(await writer.write([redelivered, fresh])).toEqual({ inserted: 1, duplicates: 2, quarantined: 1 });
    expect(await count('readings')).toBe(3);
    expect(await count('quarantined_messages')).toBe(1);
    // 2026-11-26T20:00Z is 27 November local time too; 2026-11-27T01:00Z as well: one station-day marked.
    const days = (
      await store.db.query<{ day: string }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM recompute_marks WHERE station_id = 7`,
      )
    ).rows.map((r) => r.day);
    expect(days).toEqual(['2026-11-27']);
  });
});
