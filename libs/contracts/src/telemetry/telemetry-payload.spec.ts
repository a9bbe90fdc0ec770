import { formatReason } from '../messages/reasons';
import { PayloadRefusal } from '../messages/quarantine-reasons';
import { WATER_PARAMETER_CODES } from './parameters';
import { MAX_READINGS_PER_MESSAGE } from './schemas';
import {
  parseGatewayTelemetryPayload,
  parseTelemetryPayload,
  TelemetryParseResult,
} from './telemetry-payload';

const TIME = '2026-11-27T10:05:00+07:00';
const reading = (extra: Record<string, unknown> = {}) => ({
  parameter: 'COD',
  value: 42.1,
  unit: 'mg/L',
  time: TIME,
  status: '00',
  ...extra,
});
const without = (key: string) => {
  const r: Record<string, unknown> = reading();
  delete r[key];
  return r;
};
const message = (...readings: unknown[]) => JSON.stringify({ readings });
const accepted = (r: TelemetryParseResult) => (r.ok ? r.readings : []);
/** A refusal as the catalogue words it in English, without the lead-in of a schema failure. */
const told = (r: PayloadRefusal) =>
  formatReason(r, 'en').replace('Payload does not match the JSON Schema: ', '');
const reasons = (r: TelemetryParseResult) =>
  r.ok ? r.rejected.map((x) => told(x.reason)) : [told(r.reason)];
const ISO_HINT =
  'must be an ISO 8601 date-time with seconds and an explicit offset, e.g. 2026-11-27T10:05:00+07:00';
const STATUS_HINT = 'is not one of the allowed values (00, 01, 02)';
const PARAMETER_HINT = `is not one of the allowed values (${WATER_PARAMETER_CODES.join(', ')})`;
const BAD_TIMES = [
  ['a time without offset', '2026-11-27T10:05:00'],
  ['a time without seconds', '2026-11-27T10:05+07:00'],
  ['a time with a space', '2026-11-27 10:05:00+07:00'],
  ['30 February', '2026-02-30T10:05:00+07:00'],
  ['29 February of 2026', '2026-02-29T10:05:00+07:00'],
  ['hour 24', '2026-11-27T24:00:00+07:00'],
  ['offset +24:00', '2026-11-27T10:05:00+24:00'],
] as const;

describe('parseTelemetryPayload', () => {
  it('accepts a message as a Buffer, a string or an already parsed value', () => {
    const body = {
      readings: [reading(), reading({ parameter: 'pH', value: 7.1, unit: 'pH', status: '01' })],
    };
    for (const payload of [Buffer.from(JSON.stringify(body)), JSON.stringify(body), body]) {
      expect(parseTelemetryPayload(payload)).toEqual({ ok: true, readings: body.readings, rejected: [] });
    }
  });

  it('does not hand out the caller array of an already parsed message', () => {
    const body = { readings: [reading()] };
    const parsed = parseTelemetryPayload(body);
    expect(accepted(parsed)).toEqual(body.readings);
    expect(accepted(parsed)).not.toBe(body.readings);
  });

  it('ignores keys the contract does not name, in the message and in readings', () => {
    const parsed = parseTelemetryPayload(
      JSON.stringify({ seq: 7, readings: [reading({ quality: 'good', seq: 1 })] }),
    );
    expect(parsed).toMatchObject({ ok: true, rejected: [] });
    expect(accepted(parsed)).toHaveLength(1);
  });

  it.each([
    ['any time offset and fractional seconds', { time: '2026-11-27T03:05:00.123456Z' }],
    ['a negative offset', { time: '2026-11-26T22:05:00-05:00' }],
    ['29 February of a leap year', { time: '2028-02-29T00:00:00+07:00' }],
    ['an integer, zero and a negative value', { value: 0 }],
    ['a negative value', { parameter: 'Temp', value: -1.5, unit: 'degC' }],
    ['status 02', { status: '02' }],
    ['an empty unit (the unit table of ingestion decides)', { parameter: 'pH', value: 7, unit: '' }],
  ])('accepts %s', (_, extra) => {
    expect(reasons(parseTelemetryPayload(message(reading(extra))))).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a string "NaN"', reading({ value: 'NaN' }), 'readings[0].value must be a finite number'],
    ['a numeric string', reading({ value: '42.1' }), 'readings[0].value must be a finite number'],
    ['null (what JSON makes of NaN)', reading({ value: null }), 'readings[0].value must be a finite number'],
    ['no value', without('value'), 'readings[0].value is missing'],
    ['an unknown parameter', reading({ parameter: 'XYZ' }), `readings[0].parameter "XYZ" ${PARAMETER_HINT}`],
    [
      'a parameter in the wrong case',
      reading({ parameter: 'cod' }),
      `readings[0].parameter "cod" ${PARAMETER_HINT}`,
    ],
    ['no parameter', without('parameter'), 'readings[0].parameter is missing'],
    ['a unit that is not a string', reading({ unit: 3 }), 'readings[0].unit must be a string'],
    [
      'an over-long unit',
      reading({ unit: 'm'.repeat(33) }),
      `readings[0].unit "${'m'.repeat(33)}" is longer than 32 characters`,
    ],
    ...BAD_TIMES.map(([what, time]): [string, unknown, string] => [
      what,
      reading({ time }),
      `readings[0].time "${time}" ${ISO_HINT}`,
    ]),
    ['an epoch number as time', reading({ time: 1795748700 }), 'readings[0].time must be a string'],
    ['status 03', reading({ status: '03' }), `readings[0].status "03" ${STATUS_HINT}`],
    ['a numeric status', reading({ status: 0 }), 'readings[0].status must be a string'],
    ['a reading that is not an object', 5, 'readings[0] must be a JSON object'],
    ['a reading that is an array', [reading()], 'readings[0] must be a JSON object'],
  ])('refuses a reading with %s, naming the field', (_, bad, reason) => {
    const parsed = parseTelemetryPayload(message(bad));
    expect(parsed).toMatchObject({ ok: true, readings: [], rejected: [{ index: 0, raw: bad }] });
    expect(reasons(parsed)).toEqual([reason]);
  });

  it('names every problem of one reading, once per field', () => {
    expect(
      reasons(parseTelemetryPayload(message({ parameter: 'XYZ', value: 'NaN', time: 'x', status: '9' }))),
    ).toEqual([
      `readings[0].unit is missing; readings[0].parameter "XYZ" ${PARAMETER_HINT}; ` +
        `readings[0].value must be a finite number; readings[0].time "x" ${ISO_HINT}; readings[0].status "9" ${STATUS_HINT}`,
    ]);
  });

  it('keeps the good readings of a message and refuses the bad ones by index', () => {
    const parsed = parseTelemetryPayload(
      message(
        reading(),
        reading({ value: 'NaN' }),
        reading({ parameter: 'XYZ' }),
        reading({ parameter: 'NH4', value: 2 }),
      ),
    );
    expect(accepted(parsed).map((r) => r.parameter)).toEqual(['COD', 'NH4']);
    expect(parsed.ok && parsed.rejected.map((r) => [r.index, told(r.reason)])).toEqual([
      [1, 'readings[1].value must be a finite number'],
      [2, `readings[2].parameter "XYZ" ${PARAMETER_HINT}`],
    ]);
  });

  it.each([
    ['an empty payload', '', 'Payload is empty'],
    ['an empty Buffer', Buffer.alloc(0), 'Payload is empty'],
    ['text that is not JSON', '{not json', 'Payload is not valid JSON'],
    ['a JSON array', '[]', 'the payload must be a JSON object'],
    ['JSON null', 'null', 'the payload must be a JSON object'],
    ['a JSON number', '42', 'the payload must be a JSON object'],
    ['no readings', JSON.stringify({ id: 5, data: 'x', pattern: 'y' }), 'readings is missing'],
    [
      'readings that are not an array',
      JSON.stringify({ readings: { 0: reading() } }),
      'readings must be an array',
    ],
    ['no reading at all', JSON.stringify({ readings: [] }), 'readings must hold 1 to 1,000 items, got 0'],
  ])('refuses the whole message for %s', (_, payload, reason) => {
    expect(reasons(parseTelemetryPayload(payload))).toEqual([reason]);
  });

  it('accepts 1000 readings in one message and refuses 1001', () => {
    const batch = (n: number) => message(...Array.from({ length: n }, (_, i) => reading({ value: i })));
    expect(accepted(parseTelemetryPayload(batch(MAX_READINGS_PER_MESSAGE)))).toHaveLength(1000);
    expect(parseTelemetryPayload(batch(MAX_READINGS_PER_MESSAGE + 1))).toEqual({
      ok: false,
      reason: {
        code: 'PAYLOAD_SCHEMA_INVALID',
        params: {
          problems: [{ path: 'readings', rule: 'item_count', count: 1001, min: 1, max: 1000 }],
          more: 0,
        },
      },
    });
  });
});

describe('parseGatewayTelemetryPayload', () => {
  const station = (park: unknown, code: unknown, ...readings: unknown[]) => ({
    park,
    station: code,
    readings,
  });
  const gateway = (...stations: unknown[]) => JSON.stringify({ stations });

  it('returns one group per station with its accepted and refused readings', () => {
    const parsed = parseGatewayTelemetryPayload(
      gateway(
        station('DEEPC-HP1', 'DEEPC-HP1-CETP-OUT', reading(), reading({ value: 'NaN' })),
        station('DEEPC-HP1', 'DEEPC-HP1-CETP-IN', reading({ extra: true })),
      ),
    );
    expect(parsed).toEqual({
      ok: true,
      stations: [
        {
          index: 0,
          parkCode: 'DEEPC-HP1',
          stationCode: 'DEEPC-HP1-CETP-OUT',
          readings: [reading()],
          rejected: [
            {
              index: 1,
              reason: {
                code: 'PAYLOAD_SCHEMA_INVALID',
                params: {
                  problems: [{ path: 'stations[0].readings[1].value', rule: 'type', expected: 'number' }],
                  more: 0,
                },
              },
              raw: reading({ value: 'NaN' }),
            },
          ],
        },
        {
          index: 1,
          parkCode: 'DEEPC-HP1',
          stationCode: 'DEEPC-HP1-CETP-IN',
          readings: [reading({ extra: true })],
          rejected: [],
        },
      ],
      rejectedStations: [],
    });
  });

  it('refuses one bad station entry alone and keeps the others', () => {
    const parsed = parseGatewayTelemetryPayload(
      gateway(
        station('DEEPC-HP1', 'OUT', reading()),
        station('DEEPC-HP1', 'OUT/+', reading()),
        { park: 'DEEPC-HP1', readings: 'none' },
        'not an entry',
        station('DEEPC-HP1', 'IN', reading()),
      ),
    );
    expect(parsed.ok && parsed.stations.map((s) => [s.index, s.stationCode, s.readings.length])).toEqual([
      [0, 'OUT', 1],
      [4, 'IN', 1],
    ]);
    expect(parsed.ok && parsed.rejectedStations.map((s) => [s.index, told(s.reason)])).toEqual([
      [1, 'stations[1].station "OUT/+" must be 1 to 64 letters, digits, - or _'],
      [2, 'stations[2].station is missing; stations[2].readings must be an array'],
      [3, 'stations[3] must be a JSON object'],
    ]);
  });

  it.each([
    ['no stations', JSON.stringify({ readings: [reading()] }), 'stations is missing'],
    ['an empty stations array', gateway(), 'stations must hold 1 to 100 items, got 0'],
    [
      '101 station entries',
      gateway(...Array.from({ length: 101 }, (_, i) => station('P', `S${i}`, reading()))),
      'stations must hold 1 to 100 items, got 101',
    ],
    ['not JSON', '{', 'Payload is not valid JSON'],
  ])('refuses the whole message for %s', (_, payload, reason) => {
    const parsed = parseGatewayTelemetryPayload(payload);
    expect(!parsed.ok && told(parsed.reason)).toBe(reason);
  });

  it('counts the readings of all stations against the limit of 1000 per message', () => {
    const readings = (n: number) => Array.from({ length: n }, (_, i) => reading({ value: i }));
    const ok = parseGatewayTelemetryPayload(
      gateway(station('P', 'A', ...readings(600)), station('P', 'B', ...readings(400))),
    );
    expect(ok.ok && ok.stations.map((s) => s.readings.length)).toEqual([600, 400]);
    expect(
      parseGatewayTelemetryPayload(
        gateway(station('P', 'A', ...readings(600)), station('P', 'B', ...readings(401))),
      ),
    ).toEqual({
      ok: false,
      reason: {
        code: 'PAYLOAD_SCHEMA_INVALID',
        params: {
          problems: [{ path: 'stations', rule: 'too_many_readings', count: 1001, limit: 1000 }],
          more: 0,
        },
      },
    });
  });
});

describe('hostile payloads', () => {
  it('refuses a reading nested 100,000 deep with a short reason, without throwing', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const parsed = parseTelemetryPayload(`{"readings":[${deep}]}`);
    expect(parsed).toMatchObject({ ok: true, readings: [], rejected: [{ index: 0 }] });
    expect(reasons(parsed)).toEqual(['readings[0] must be a JSON object']);
  });
});
