import { formatReason } from '../messages/reasons';
import { PayloadRefusal } from '../messages/quarantine-reasons';
import { parseWasteEventsPayload, WasteEventV1 } from './waste-events';

const generated = {
  id: 'e-1',
  type: 'lot.generated',
  lot: 'F01-0001',
  time: '2026-03-02T08:15:00+07:00',
  generator: 'F01',
  wasteCode: '16 01 12',
  massKg: 120,
  container: 'drum 200L',
  storageArea: 'A',
};
const handedOver = {
  id: 'e-2',
  type: 'lot.handed-over',
  lot: 'F01-0001',
  time: '2026-03-20T08:15:00+07:00',
  manifest: '31.000123.T/2026',
  transporter: 'TR-01',
  facility: 'TF-01',
  vehicle: '15C-123.45',
  massKg: 120,
};

/** A refusal as the catalogue words it in English, without the lead-in of a schema failure. */
const told = (r: PayloadRefusal) =>
  formatReason(r, 'en').replace('Payload does not match the JSON Schema: ', '');

function reasons(events: unknown[]): string[] {
  const parsed = parseWasteEventsPayload(JSON.stringify({ events }));
  if (!parsed.ok) throw new Error(told(parsed.reason));
  return parsed.rejected.map((r) => told(r.reason));
}

describe('parseWasteEventsPayload', () => {
  it('accepts every event type with its own fields, keeping extra keys out of the way', () => {
    const events = [
      generated,
      {
        id: 'e-3',
        type: 'lot.storage-checked',
        lot: 'F01-0001',
        time: '2026-03-09T08:00:00Z',
        condition: 'ok',
      },
      { ...handedOver, firmwareSeq: 7 },
      {
        id: 'e-4',
        type: 'lot.received',
        lot: 'F01-0001',
        time: '2026-03-20T14:00:00+07:00',
        manifest: '31.000123.T/2026',
        facility: 'TF-01',
        massKg: 119.2,
      },
      {
        id: 'e-5',
        type: 'lot.treated',
        lot: 'F01-0001',
        time: '2026-03-27T14:00:00+07:00',
        facility: 'TF-01',
        method: 'incineration',
        certificate: 'XL-1',
      },
    ];
    const parsed = parseWasteEventsPayload(Buffer.from(JSON.stringify({ events })));
    expect(parsed).toMatchObject({ ok: true, rejected: [] });
    expect(parsed.ok && parsed.events.map((e: WasteEventV1) => e.type)).toEqual([
      'lot.generated',
      'lot.storage-checked',
      'lot.handed-over',
      'lot.received',
      'lot.treated',
    ]);
  });

  it('refuses a bad event alone, naming the field of its type that is wrong or missing', () => {
    const { massKg: _dropped, ...withoutMass } = handedOver;
    expect(
      reasons([
        generated,
        withoutMass,
        { ...generated, id: 'e-6', wasteCode: '16 01' },
        { ...generated, id: 'e-7', massKg: 0 },
        { ...generated, id: 'e-8', type: 'lot.lost' },
        { ...handedOver, id: 'e 9' },
        { ...handedOver, id: 'e-10', manifest: 'no spaces allowed' },
        { ...generated, id: 'e-11', massKg: 2e7 },
        { ...generated, id: 'e-12', time: '2026-03-02 08:15' },
      ]),
    ).toEqual([
      'events[1].massKg is missing',
      'events[2].wasteCode "16 01" must be a waste code of three pairs of digits, e.g. 16 01 12',
      'events[3].massKg 0 must be more than 0',
      'events[4].type "lot.lost" is not one of the allowed values (lot.generated, lot.storage-checked, lot.handed-over, lot.received, lot.treated)',
      'events[5].id "e 9" must be 1 to 128 letters, digits, _, -, . or :',
      'events[6].manifest "no spaces allowed" must be 1 to 64 letters, digits, /, ., _ or -',
      'events[7].massKg 20,000,000 must be at most 10,000,000',
      'events[8].time "2026-03-02 08:15" must be an ISO 8601 date-time with seconds and an explicit offset, e.g. 2026-11-27T10:05:00+07:00',
    ]);
  });

  it('refuses the whole message only for its envelope', () => {
    const refusal = (payload: string) => {
      const parsed = parseWasteEventsPayload(payload);
      return !parsed.ok && told(parsed.reason);
    };
    expect(refusal('not json')).toBe('Payload is not valid JSON');
    expect(refusal(JSON.stringify({ events: [] }))).toBe('events must hold 1 to 100 items, got 0');
    expect(refusal(JSON.stringify({ lots: [generated] }))).toBe('events is missing');
  });
});
