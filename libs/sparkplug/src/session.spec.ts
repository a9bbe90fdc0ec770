import type { DecodedMetric, DecodedPayload } from './payload';
import { MappingIndex, metricReadings, statusOf } from './metric-readings';
import { SparkplugSessions } from './session';
import { parseSparkplugTopic, SparkplugTopic } from './topic';

const topic = (name: string): SparkplugTopic => parseSparkplugTopic(name)!;
const metric = (over: Partial<DecodedMetric>): DecodedMetric => ({
  name: null,
  alias: null,
  timestamp: null,
  type: 'Double',
  value: 1,
  properties: {},
  ...over,
});
const payload = (
  seq: number | null,
  metrics: DecodedMetric[] = [],
  timestamp = 1_700_000_000_000,
): DecodedPayload => ({
  seq,
  timestamp,
  metrics,
});
const NBIRTH = topic('spBv1.0/G/NBIRTH/N');
const NDEATH = topic('spBv1.0/G/NDEATH/N');
const NDATA = topic('spBv1.0/G/NDATA/N');
const DBIRTH = topic('spBv1.0/G/DBIRTH/N/D');
const DDATA = topic('spBv1.0/G/DDATA/N/D');
const DDEATH = topic('spBv1.0/G/DDEATH/N/D');
const bdSeq = (n: number) => metric({ name: 'bdSeq', type: 'UInt64', value: n });

describe('Sparkplug topics', () => {
  it('parses node and device topics and refuses anything else', () => {
    expect(parseSparkplugTopic('spBv1.0/G/DDATA/N/D')).toEqual({
      groupId: 'G',
      type: 'DDATA',
      edgeNodeId: 'N',
      deviceId: 'D',
    });
    expect(parseSparkplugTopic('spBv1.0/G/NDATA/N')).toMatchObject({ deviceId: null });
    for (const bad of [
      'spBv1.0/STATE/host',
      'spBv1.0/G/NDATA/N/D',
      'spBv1.0/G/DDATA/N',
      'spBv1.0/G/XDATA/N',
      'spAv1.0/G/NDATA/N',
      'spBv1.0//NDATA/N',
    ])
      expect(parseSparkplugTopic(bad)).toBeNull();
  });
});

describe('SparkplugSessions', () => {
  let clock = 0;
  let sessions: SparkplugSessions;
  beforeEach(() => {
    clock = 100_000;
    sessions = new SparkplugSessions(5_000, () => clock);
  });

  const born = () => {
    expect(sessions.apply(NBIRTH, payload(0, [metric({ name: 'Flow', alias: 1 }), bdSeq(3)])).kind).toBe(
      'birth',
    );
    expect(sessions.apply(DBIRTH, payload(1, [metric({ name: 'COD', alias: 10 })])).kind).toBe('birth');
  };

  it('follows the sequence number through its wrap from 255 to 0', () => {
    expect(sessions.apply(NBIRTH, payload(250, [bdSeq(0)])).kind).toBe('birth');
    for (let i = 0; i < 10; i++) expect(sessions.apply(NDATA, payload((251 + i) % 256)).kind).toBe('data');
    expect(sessions.snapshot('G', 'N')).toMatchObject({ online: true, expectedSeq: 5 });
  });

  it('resolves aliases from the births, node and device apart', () => {
    born();
    const node = sessions.apply(NDATA, payload(2, [metric({ alias: 1, value: 5 })]));
    expect(node).toMatchObject({ kind: 'data', metrics: [{ name: 'Flow' }] });
    const device = sessions.apply(DDATA, payload(3, [metric({ alias: 10 }), metric({ name: 'COD' })]));
    expect(device).toMatchObject({ kind: 'data', metrics: [{ name: 'COD' }, { name: 'COD' }] });
  });

  it('on a gap asks for a rebirth (rate-limited) and ignores the node until its NBIRTH', () => {
    born();
    expect(sessions.apply(DDATA, payload(5))).toEqual({
      kind: 'ignored',
      cause: { cause: 'sequence_gap', expected: 2, received: 5 },
      rebirth: true,
    });
    // Even in sequence now, nothing applies before the rebirth; no second request within 5 s.
    expect(sessions.apply(DDATA, payload(2))).toMatchObject({ kind: 'ignored', rebirth: false });
    clock += 5_000;
    expect(sessions.apply(NDATA, payload(3))).toMatchObject({ kind: 'ignored', rebirth: true });
    born();
    expect(sessions.apply(DDATA, payload(2, [metric({ alias: 10 })])).kind).toBe('data');
  });

  it('asks for a rebirth for data before any birth, an unknown alias and a device without DBIRTH', () => {
    expect(sessions.apply(NDATA, payload(0))).toMatchObject({
      kind: 'ignored',
      rebirth: true,
      cause: { cause: 'data_before_birth' },
    });
    clock += 10_000;
    born();
    expect(sessions.apply(DDATA, payload(2, [metric({ alias: 99 })]))).toMatchObject({
      kind: 'ignored',
      rebirth: true,
      cause: { cause: 'alias_undefined', alias: 99 },
    });
    clock += 10_000;
    born();
    expect(sessions.apply(topic('spBv1.0/G/DDATA/N/OTHER'), payload(2))).toMatchObject({
      kind: 'ignored',
      rebirth: true,
      cause: { cause: 'device_not_born', device: 'OTHER' },
    });
  });

  it("ignores an NDEATH whose bdSeq is not the birth's, and applies the matching one", () => {
    born();
    expect(sessions.apply(NDEATH, payload(null, [bdSeq(2)]))).toMatchObject({
      kind: 'ignored',
      rebirth: false,
      cause: { cause: 'stale_death', received: 2 },
    });
    expect(sessions.snapshot('G', 'N')).toMatchObject({ online: true, devicesOnline: ['D'] });
    expect(sessions.apply(NDEATH, payload(null, [bdSeq(3)]))).toEqual({ kind: 'node-death' });
    expect(sessions.snapshot('G', 'N')).toMatchObject({ online: false, devicesOnline: [] });
    // Data after the death is out of step: a rebirth is asked for.
    expect(sessions.apply(NDATA, payload(2))).toMatchObject({ kind: 'ignored', rebirth: true });
  });

  it('takes a device offline on DDEATH; its data then needs a rebirth', () => {
    born();
    expect(sessions.apply(DDEATH, payload(2))).toEqual({ kind: 'device-death' });
    expect(sessions.snapshot('G', 'N')).toMatchObject({ online: true, devicesOnline: [] });
    expect(sessions.apply(DDATA, payload(3))).toMatchObject({ kind: 'ignored', rebirth: true });
  });
});

describe('metric readings', () => {
  const mapping = new MappingIndex([
    {
      groupId: 'G',
      edgeNodeId: 'N',
      deviceId: 'D',
      metricName: 'COD',
      parkCode: 'P',
      stationCode: 'S',
      parameterCode: 'COD',
      unit: 'mg/L',
    },
    {
      groupId: 'G',
      edgeNodeId: 'N',
      deviceId: 'D',
      metricName: 'Flow',
      parkCode: 'P',
      stationCode: 'S',
      parameterCode: 'Flow',
      unit: 'L/s',
    },
  ]);

  it('maps numeric metrics with their own or the payload time, skips null and non-numeric ones, reports the unmapped', () => {
    const p = payload(1, [], Date.parse('2026-11-27T03:00:00Z'));
    const result = metricReadings(
      DBIRTH,
      p,
      [
        {
          name: 'COD',
          metric: metric({ name: 'COD', value: 42.5, timestamp: Date.parse('2026-11-27T02:59:00Z') }),
        },
        {
          name: 'Flow',
          metric: metric({ name: 'Flow', type: 'Float', value: 12, properties: { Quality: 0 } }),
        },
        { name: 'COD', metric: metric({ name: 'COD', value: null }) },
        { name: 'Pump', metric: metric({ name: 'Pump', type: 'Boolean', value: true }) },
        { name: 'TSS', metric: metric({ name: 'TSS', value: 3 }) },
        { name: 'bdSeq', metric: bdSeq(0) },
      ],
      mapping,
      true,
    );
    expect(result.batches).toEqual([
      {
        label: 'spBv1.0 G/N/D (P/S)',
        parkCode: 'P',
        stationCode: 'S',
        readings: [
          { parameter: 'COD', value: 42.5, unit: 'mg/L', time: '2026-11-27T02:59:00.000Z', status: '00' },
          { parameter: 'Flow', value: 12, unit: 'L/s', time: '2026-11-27T03:00:00.000Z', status: '02' },
        ],
      },
    ]);
    expect(result.problems).toEqual([
      {
        code: 'SPARKPLUG_METRIC_UNMAPPED',
        params: { source: 'spBv1.0 G/N/D', metric: 'TSS', type: 'Double' },
      },
    ]);
    expect(result).toMatchObject({ unmapped: 1, skipped: 2 });
    // Data messages count the unmapped without quarantining them again (once per birth).
    expect(
      metricReadings(DDATA, p, [{ name: 'TSS', metric: metric({ name: 'TSS' }) }], mapping, false),
    ).toMatchObject({ problems: [], unmapped: 1 });
  });

  it('maps quality properties to Circular 10 status', () => {
    expect(statusOf(metric({ properties: { Quality: 192 } }))).toBe('00');
    expect(statusOf(metric({ properties: { Quality: 'Good' } }))).toBe('00');
    expect(statusOf(metric({ properties: { Quality: 64 } }))).toBe('02');
    expect(statusOf(metric({ properties: { Quality: 192, Circular10Status: '01' } }))).toBe('01');
    expect(statusOf(metric({ properties: { Circular10Status: '7' } }))).toMatch(/not "00", "01" or "02"/);
  });
});
