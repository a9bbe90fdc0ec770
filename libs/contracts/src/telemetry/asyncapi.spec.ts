import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseDeviceStatus, parseGatewayNotice } from './presence-payload';
import {
  DeviceStatusPayloadSchema,
  GatewayNoticePayloadSchema,
  GatewayStationBatchSchema,
  GatewayTelemetryPayloadSchema,
  JsonSchema,
  StationTelemetryPayloadSchema,
  TelemetryReadingSchema,
} from './schemas';
import { parseGatewayTelemetryPayload, parseTelemetryPayload } from './telemetry-payload';
import {
  deviceStatusTopic,
  gatewayNoticeTopic,
  gatewayTelemetryTopic,
  parseTopic,
  stationTelemetryTopic,
  TopicAddress,
  wasteEventsTopic,
} from './topics';
import { parseWasteEventsPayload, WasteEventSchema, WasteEventsPayloadSchema } from '../waste/waste-events';
import { contractAjv } from './validation';
import { formatReason } from '../messages/reasons';
import { PayloadRefusal } from '../messages/quarantine-reasons';

// The AsyncAPI document is the published contract; this suite holds it to the code.
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const doc = parse(readFileSync(path.join(REPO_ROOT, 'docs/asyncapi.yaml'), 'utf8')) as AsyncApiDocument;

interface AsyncApiDocument {
  asyncapi: string;
  info: { version: string; description: string };
  servers: Record<string, { host: string; protocol: string; protocolVersion: string }>;
  channels: Record<
    string,
    { address: string; parameters: Record<string, unknown>; messages: Record<string, unknown> }
  >;
  operations: Record<
    string,
    {
      action: 'send' | 'receive';
      channel: { $ref: string };
      bindings: { mqtt: { qos: number; retain?: boolean } };
    }
  >;
  components: {
    parameters: Record<string, { examples: string[] }>;
    messages: Record<string, { payload: { $ref: string }; examples: { name: string; payload: unknown }[] }>;
    schemas: Record<string, unknown>;
  };
}

/** Follows one local `#/...` reference. */
function follow(ref: string): unknown {
  expect(ref.startsWith('#/')).toBe(true);
  let node: unknown = doc;
  for (const key of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[key];
  expect(node).toBeDefined();
  return node;
}

/** The value with every local $ref replaced by its target, recursively. */
function inline(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inline);
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') return inline(follow(ref));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inline(v)]));
}

const SCHEMAS: Record<string, JsonSchema> = {
  TelemetryReading: TelemetryReadingSchema,
  StationTelemetryPayload: StationTelemetryPayloadSchema,
  GatewayStationBatch: GatewayStationBatchSchema,
  GatewayTelemetryPayload: GatewayTelemetryPayloadSchema,
  GatewayNoticePayload: GatewayNoticePayloadSchema,
  DeviceStatusPayload: DeviceStatusPayloadSchema,
  WasteEvent: WasteEventSchema,
  WasteEventsPayload: WasteEventsPayloadSchema,
};

/** Each channel: the topic function of topics.ts and what parseTopic must make of its topics. */
const CHANNELS: Record<string, { topic: (p: Record<string, string>) => string; kind: TopicAddress['kind'] }> =
  {
    stationTelemetry: {
      topic: (p) => stationTelemetryTopic(p['parkCode'], p['stationCode']),
      kind: 'station-telemetry',
    },
    gatewayTelemetry: { topic: (p) => gatewayTelemetryTopic(p['gatewayCode']), kind: 'gateway-telemetry' },
    gatewayConnect: { topic: (p) => gatewayNoticeTopic(p['gatewayCode'], 'connect'), kind: 'gateway-notice' },
    gatewayDisconnect: {
      topic: (p) => gatewayNoticeTopic(p['gatewayCode'], 'disconnect'),
      kind: 'gateway-notice',
    },
    deviceStatus: { topic: (p) => deviceStatusTopic(p['deviceCode']), kind: 'device-status' },
    wasteEvents: { topic: (p) => wasteEventsTopic(p['gatewayCode']), kind: 'waste-events' },
  };

/** A refusal as the catalogue words it in English, without the lead-in of a schema failure. */
const told = (r: PayloadRefusal) =>
  formatReason(r, 'en').replace('Payload does not match the JSON Schema: ', '');

/** Each message: what the platform's own parsers find wrong with a payload (empty: accepted whole). */
const PROBLEMS: Record<string, (payload: unknown) => string[]> = {
  StationTelemetry: (payload) => {
    const r = parseTelemetryPayload(JSON.stringify(payload));
    return (r.ok ? r.rejected.map((x) => x.reason) : [r.reason]).map(told);
  },
  GatewayTelemetry: (payload) => {
    const r = parseGatewayTelemetryPayload(JSON.stringify(payload));
    if (!r.ok) return [told(r.reason)];
    return [...r.rejectedStations, ...r.stations.flatMap((s) => s.rejected)].map((x) => told(x.reason));
  },
  GatewayNotice: (payload) => {
    const r = parseGatewayNotice(JSON.stringify(payload));
    return r.ok ? [] : [told(r.reason)];
  },
  DeviceStatus: (payload) => {
    const r = parseDeviceStatus(JSON.stringify(payload));
    return r.ok ? [] : [told(r.reason)];
  },
  WasteEvents: (payload) => {
    const r = parseWasteEventsPayload(JSON.stringify(payload));
    return (r.ok ? r.rejected.map((x) => x.reason) : [r.reason]).map(told);
  },
};

const examples = Object.entries(doc.components.messages).flatMap(([message, m]) =>
  m.examples.map((example) => ({ message, name: example.name, payload: example.payload })),
);

describe('docs/asyncapi.yaml', () => {
  it('is an AsyncAPI 3.0.0 document of contract version 1.0.0 with both servers', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.info.version).toBe('1.0.0');
    expect(doc.info.description.length).toBeGreaterThan(200);
    expect(doc.servers['production']).toMatchObject({
      host: 'broker:1883',
      protocol: 'mqtt',
      protocolVersion: '5',
    });
    expect(doc.servers['embedded']).toMatchObject({
      host: 'localhost:1884',
      protocol: 'mqtt',
      protocolVersion: '3.1.1',
    });
  });

  it('has exactly the channels of topics.ts, and each address is what the topic functions build', () => {
    expect(Object.keys(doc.channels).sort()).toEqual(Object.keys(CHANNELS).sort());
    for (const [id, channel] of Object.entries(doc.channels)) {
      const names = [...channel.address.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(Object.keys(channel.parameters).sort()).toEqual([...names].sort());
      const values: Record<string, string> = {};
      for (const name of names) {
        const parameter = inline(channel.parameters[name]) as { examples: string[] };
        values[name] = parameter.examples[0];
      }
      const address = channel.address.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
      expect({ id, address }).toEqual({ id, address: CHANNELS[id].topic(values) });
      expect(parseTopic(address)?.kind).toBe(CHANNELS[id].kind);
    }
  });

  it('has a device send and a platform receive operation per channel, QoS 1, retained only for status', () => {
    for (const channelId of Object.keys(doc.channels)) {
      const ops = Object.values(doc.operations).filter((o) => o.channel.$ref === `#/channels/${channelId}`);
      expect(ops.map((o) => o.action).sort()).toEqual(['receive', 'send']);
      for (const op of ops) expect(op.bindings.mqtt.qos).toBe(1);
      const send = ops.find((o) => o.action === 'send')!;
      expect(send.bindings.mqtt.retain).toBe(channelId === 'deviceStatus');
    }
  });

  it('carries exactly the exported JSON Schemas under components.schemas', () => {
    expect(Object.keys(doc.components.schemas).sort()).toEqual(Object.keys(SCHEMAS).sort());
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      expect({ name, schema: inline(doc.components.schemas[name]) }).toEqual({ name, schema });
    }
  });

  it('gives every message a payload schema from components.schemas and at least one example', () => {
    expect(Object.keys(doc.components.messages).sort()).toEqual(Object.keys(PROBLEMS).sort());
    for (const message of Object.values(doc.components.messages)) {
      expect(message.payload.$ref).toMatch(/^#\/components\/schemas\/\w+$/);
      expect(message.examples.length).toBeGreaterThan(0);
    }
  });

  it.each(examples)(
    'example $message/$name is accepted whole by the platform parsers and by its schema',
    ({ message, payload }) => {
      expect(PROBLEMS[message](payload)).toEqual([]);
      const validate = contractAjv.compile(inline(doc.components.messages[message].payload) as object);
      const valid = validate(payload);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it.each(examples)('a broken copy of example $message/$name is refused', ({ message, payload }) => {
    const schema = inline(doc.components.messages[message].payload) as { required: string[] };
    const broken = { ...(payload as object), [schema.required[0]]: {} };
    expect(PROBLEMS[message](broken)).toEqual([expect.stringContaining(schema.required[0])]);
    expect(contractAjv.validate(schema, broken)).toBe(false);
  });

  it('refuses a telemetry example whose one reading turned "NaN", keeping the others', () => {
    const example = doc.components.messages['StationTelemetry'].examples[0].payload as { readings: object[] };
    const broken = { readings: example.readings.map((r, i) => (i === 1 ? { ...r, value: 'NaN' } : r)) };
    const parsed = parseTelemetryPayload(JSON.stringify(broken));
    expect(parsed).toMatchObject({
      ok: true,
      rejected: [
        {
          index: 1,
          reason: {
            code: 'PAYLOAD_SCHEMA_INVALID',
            params: { problems: [{ path: 'readings[1].value', rule: 'type', expected: 'number' }], more: 0 },
          },
        },
      ],
    });
    expect(parsed.ok && parsed.readings).toHaveLength(example.readings.length - 1);
  });
});
