import { formatReason } from '../messages/reasons';
import { PayloadRefusal } from '../messages/quarantine-reasons';
import { parseDeviceStatus, parseGatewayNotice } from './presence-payload';

/** A refusal as the catalogue words it in English, without the lead-in of a schema failure. */
const told = (r: PayloadRefusal) =>
  formatReason(r, 'en').replace('Payload does not match the JSON Schema: ', '');

describe('parseGatewayNotice', () => {
  it('accepts park and station, with or without time, ignoring extra keys', () => {
    const notice = { park: 'DEEPC-HP1', station: 'DEEPC-HP1-CETP-OUT', time: '2026-11-27T10:00:12+07:00' };
    expect(parseGatewayNotice(JSON.stringify(notice))).toEqual({ ok: true, value: notice });
    expect(parseGatewayNotice(Buffer.from('{"park":"P","station":"S","rssi":-71}'))).toEqual({
      ok: true,
      value: { park: 'P', station: 'S', rssi: -71 },
    });
  });

  it.each([
    ['no station', { park: 'P' }, 'station is missing'],
    [
      'a park code with a wildcard',
      { park: 'P#', station: 'S' },
      'park "P#" must be 1 to 64 letters, digits, - or _',
    ],
    [
      'an empty station code',
      { park: 'P', station: '' },
      'station "" must be 1 to 64 letters, digits, - or _',
    ],
    [
      'a time without offset',
      { park: 'P', station: 'S', time: '2026-11-27T10:00:12' },
      'time "2026-11-27T10:00:12" must be an ISO 8601 date-time with seconds and an explicit offset, e.g. 2026-11-27T10:05:00+07:00',
    ],
    ['an array', [], 'the payload must be a JSON object'],
  ])('refuses %s', (_, payload, reason) => {
    const parsed = parseGatewayNotice(JSON.stringify(payload));
    expect(!parsed.ok && told(parsed.reason)).toBe(reason);
  });
});

describe('parseDeviceStatus', () => {
  it('accepts an online status with time and firmware', () => {
    const status = { online: true, time: '2026-11-27T09:58:03+07:00', firmware: '2.4.1' };
    expect(parseDeviceStatus(JSON.stringify(status))).toEqual({ ok: true, value: status });
  });

  it('accepts the last will {"online":false} without time', () => {
    expect(parseDeviceStatus('{"online":false}')).toEqual({ ok: true, value: { online: false } });
  });

  it.each([
    ['online without time', { online: true }, 'time is missing'],
    [
      'online as a string',
      { online: 'true', time: '2026-11-27T09:58:03+07:00' },
      'online must be a boolean (true or false)',
    ],
    ['no online', { time: '2026-11-27T09:58:03+07:00' }, 'online is missing'],
    ['an empty firmware', { online: false, firmware: '' }, 'firmware must not be empty'],
    [
      'a bad time on the will',
      { online: false, time: 'yesterday' },
      'time "yesterday" must be an ISO 8601 date-time with seconds and an explicit offset, e.g. 2026-11-27T10:05:00+07:00',
    ],
  ])('refuses %s', (_, payload, reason) => {
    const parsed = parseDeviceStatus(JSON.stringify(payload));
    expect(!parsed.ok && told(parsed.reason)).toBe(reason);
  });

  it('refuses the empty payload that clears a retained status', () => {
    expect(parseDeviceStatus(Buffer.alloc(0))).toEqual({
      ok: false,
      reason: { code: 'PAYLOAD_EMPTY', params: {} },
    });
  });
});
