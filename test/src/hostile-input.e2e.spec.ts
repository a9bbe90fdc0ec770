import { RegistryReader } from '@hp/registry';
import { adminToken } from './support/admin-token';
import { apiRoutes } from './support/served-routes';
import { mulberry32 } from '@hp/simulators';
import { connectAsync, MqttClient } from 'mqtt';
import { loadConfig } from '@hp/config';
import { formatReason, MAX_SCHEMA_PROBLEMS, REASON_LANGUAGES } from '@hp/contracts';
import { bootstrapPlatform, PlatformHandle } from '@hp/runtime';
import { Quarantine } from '@hp/ingestion';
import { createTestDatabase, TestDatabase, waitFor } from '@hp/testing';
import { startMosquitto } from '../bench/bench-support';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReadingsReader } from '@hp/readings';

/**
 * Hostile input, generated from a seed: 6,000 MQTT messages and 4,000 HTTP requests (malformed JSON, wrong
 * types, huge arrays, deep nesting, __proto__ and constructor keys, invalid UTF-8, oversized bodies,
 * hostile topic levels and route parameters), with valid telemetry interleaved. The platform must not
 * crash; every bad message is quarantined, every bad request answered 4xx with a reason; every valid
 * reading is stored.
 */
const MQTT_MESSAGES = Number(process.env['FUZZ_MQTT_MESSAGES'] ?? 6_000);
const HTTP_REQUESTS = Number(process.env['FUZZ_HTTP_REQUESTS'] ?? 4_000);
const SEED = 20_301;

interface Message {
  readonly topic: string;
  readonly payload: Buffer;
  /** Readings the platform must store from it. */
  readonly valid: number;
  /** Whether it must leave a quarantine record. */
  readonly refused: boolean;
  /** Larger than the broker's max_packet_size: the broker must close the publisher's connection. */
  readonly overBrokerLimit?: boolean;
  readonly kind: string;
}

/** The packet-size limit infra ships for Mosquitto (the one the private broker of this test runs with). */
const BROKER_MAX_PACKET_BYTES = Number(
  /^max_packet_size\s+(\d+)/m.exec(
    readFileSync(join(__dirname, '../../infra/mosquitto/mosquitto.conf'), 'utf8'),
  )?.[1],
);

/** Bytes of the MQTT 5 PUBLISH (QoS 1, no properties) that carries the message. */
function publishPacketBytes(m: Pick<Message, 'topic' | 'payload'>): number {
  const remaining = 2 + Buffer.byteLength(m.topic) + 2 + 1 + m.payload.length;
  const lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
  return 1 + lengthBytes + remaining;
}

describe('hostile input against ingestion and the HTTP API', () => {
  let database: TestDatabase;
  let platform: PlatformHandle | undefined;
  let client: MqttClient | undefined;
  /** A broker of this test's own with infra's queue limits (the local default queues only 1,000 per client). */
  let broker: { url: string; stop(): void } | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await client?.endAsync();
    await platform?.close();
    await database?.drop();
    broker?.stop();
  });

  it(`survives ${MQTT_MESSAGES} hostile MQTT messages and ${HTTP_REQUESTS} hostile requests, keeping the valid traffic`, async () => {
    const run = `${process.pid}-${Date.now().toString(36)}`;
    platform = await bootstrapPlatform(
      loadConfig({
        DATABASE_URL: database.url,
        AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
        MQTT_URL: broker!.url,
        MQTT_SHARE_GROUP: `fuzz-${run}`,
        MQTT_CLIENT_ID: `fuzz-${run}`,
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: `fuzz-${run}`,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        SEED_ON_BOOT: 'true',
        SIMULATOR_ENABLED: 'false',
        LOG_LEVEL: process.env['FUZZ_LOG_LEVEL'] ?? 'error',
      }),
    );
    const app = platform.app;
    const station = (await app.get(RegistryReader).stations.listRefs()).find(
      (r) => r.parkCode === 'VSIP-HP',
    )!;
    const topic = `hp/v1/parks/${station.parkCode}/stations/${station.code}/telemetry`;
    const next = mulberry32(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    // Each generated reading gets its own second; the huge arrays use up about 15 days of them, so start 50
    // days back (inside the 60-day backfill window) lest later readings land in the future and be refused.
    let clock = Date.now() - 50 * 86_400_000;
    const reading = () => ({
      parameter: 'COD',
      value: Math.round(next() * 1000) / 10,
      unit: 'mg/L',
      time: new Date((clock += 1000)).toISOString().replace(/\.\d+Z$/, 'Z'),
      status: '00',
    });
    const json = (value: unknown) => Buffer.from(JSON.stringify(value));
    const generators: (() => Message)[] = [
      () => {
        const readings = Array.from({ length: 1 + Math.floor(next() * 5) }, reading);
        return { topic, payload: json({ readings }), valid: readings.length, refused: false, kind: 'valid' };
      },
      () => {
        const text = JSON.stringify({ readings: [reading()] });
        return {
          topic,
          payload: Buffer.from(text.slice(0, Math.floor(next() * (text.length - 1)))),
          valid: 0,
          refused: true,
          kind: 'malformed JSON',
        };
      },
      () => {
        const bad = pick([
          { value: 'NaN' },
          { value: null },
          { status: '03' },
          { time: '2026-11-27 10:00' },
          { parameter: 'XYZ' },
          { unit: 'furlongs' },
          { value: -5 },
        ]);
        const good = reading();
        return {
          topic,
          payload: json({ readings: [good, { ...reading(), ...bad }] }),
          valid: 1,
          refused: true,
          kind: 'wrong types',
        };
      },
      () => ({
        topic,
        payload: json({ readings: Array.from({ length: 1001 + Math.floor(next() * 2000) }, reading) }),
        valid: 0,
        refused: true,
        kind: 'huge array',
      }),
      () => {
        const depth = 1000 + Math.floor(next() * 100_000);
        return {
          topic,
          payload: Buffer.from(`{"readings":${'['.repeat(depth)}${']'.repeat(depth)}}`),
          valid: 0,
          refused: true,
          kind: 'deep nesting',
        };
      },
      () => {
        const good = reading();
        const payload = `{"readings":[${JSON.stringify(good)}],"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`;
        return { topic, payload: Buffer.from(payload), valid: 1, refused: false, kind: '__proto__ keys' };
      },
      () => ({
        topic,
        payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
        valid: 0,
        refused: true,
        kind: 'invalid UTF-8',
      }),
      () => ({
        // Under the broker's packet limit: delivered, and refused (quarantined) by ingestion.
        topic,
        payload: Buffer.alloc(
          BROKER_MAX_PACKET_BYTES / 2 + Math.floor((next() * BROKER_MAX_PACKET_BYTES) / 3),
          0x20,
        ),
        valid: 0,
        refused: true,
        kind: 'oversized',
      }),
      () => ({
        // Over it: the broker closes the connection before the platform sees anything.
        topic,
        payload: Buffer.alloc(BROKER_MAX_PACKET_BYTES + 1 + Math.floor(next() * 256_000), 0x20),
        valid: 0,
        refused: false,
        kind: 'over the broker limit',
      }),
      () => {
        const level = pick(['..', '%2e%2e', 'a b', 'trạm', 'x'.repeat(65), 'NOT-A-STATION']);
        const hostile = pick([
          `hp/v1/parks/${level}/stations/${station.code}/telemetry`,
          `hp/v1/parks/${station.parkCode}/stations/${level}/telemetry`,
          `hp/v1/gateways/${level}/telemetry`,
          `hp/v1/waste/${level}/events`,
          `hp/v1/devices/${level}/status`,
        ]);
        return {
          topic: hostile,
          payload: json({ readings: [reading()] }),
          valid: 0,
          refused: true,
          kind: 'hostile topic',
        };
      },
    ];
    // Whatever its kind, a message over the broker's packet limit never reaches the platform: the broker
    // closes the publisher's connection instead (the huge arrays are over it too, some of the time).
    const messages: Message[] = Array.from({ length: MQTT_MESSAGES }, (_, i) =>
      (i % 3 === 0 ? generators[0] : pick(generators))(),
    ).map((m) =>
      publishPacketBytes(m) > BROKER_MAX_PACKET_BYTES
        ? { ...m, valid: 0, refused: false, overBrokerLimit: true }
        : m,
    );
    const before = await app.get(Quarantine).count();
    const connectPublisher = () =>
      connectAsync(broker!.url, { clientId: `fuzz-pub-${run}`, reconnectPeriod: 0, protocolVersion: 5 });
    client = await connectPublisher();
    let closedByBroker = 0;
    for (const m of messages) {
      if (!m.overBrokerLimit) {
        await client.publishAsync(m.topic, m.payload, { qos: 1 });
        continue;
      }
      // The broker must refuse it by closing the connection (no PUBACK); then the publisher reconnects.
      const publisher = client;
      const outcome = await new Promise<'closed' | 'acknowledged'>((resolve) => {
        publisher.on('error', () => undefined); // the broker's DISCONNECT (packet too large) may come as one
        publisher.once('close', () => resolve('closed'));
        publisher.publish(m.topic, m.payload, { qos: 1 }, (error) => {
          if (!error) resolve('acknowledged');
        });
      });
      if (outcome === 'closed') closedByBroker++;
      publisher.end(true);
      client = await connectPublisher();
    }
    expect(closedByBroker).toBe(messages.filter((m) => m.overBrokerLimit).length);

    const expectedReadings = messages.reduce((n, m) => n + m.valid, 0);
    const expectedQuarantine = messages.filter((m) => m.refused).length;
    const readings = app.get(ReadingsReader).readings;
    let stored = 0;
    await waitFor(
      async () => ((stored = await readings.countForStation(station.id)) === expectedReadings ? true : null),
      { timeoutMs: 120_000, description: `all ${expectedReadings} valid readings stored` },
    ).catch((error: unknown) => {
      let sum = 0;
      const at = messages.findIndex((m) => (sum += m.valid) > stored);
      const around = messages
        .slice(Math.max(0, at - 6), at + 2)
        .map((m) => `${m.kind}(${m.payload.length}B, valid ${m.valid}) ${m.topic}`);
      throw new Error(
        `${(error as Error).message}: ${stored} stored; stuck near message ${at}: ${around.join(' | ')}`,
      );
    });
    await waitFor(
      async () => ((await app.get(Quarantine).count()) - before === expectedQuarantine ? true : null),
      {
        timeoutMs: 30_000,
        description: `${expectedQuarantine} refused messages quarantined`,
      },
    );

    // HTTP: every route, hostile parameters, queries, bodies and tokens.
    const admin = adminToken(app, 'fuzz');

    // Each refusal is served with its reason as a code and parameters, which the catalogue words in both languages.
    const served = (await (
      await fetch(`${platform!.httpUrl}/api/quarantine?limit=1000`, {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json()) as { problems: { reason: { code: string; params: Record<string, unknown> } }[] }[];
    expect(served.length).toBe(Math.min(1000, before + expectedQuarantine));
    const unworded = served
      .flatMap((q) => q.problems)
      .filter(
        (p) =>
          p.reason.code === 'TEXT' ||
          REASON_LANGUAGES.some((lang) => {
            try {
              return formatReason(p.reason, lang).trim() === '';
            } catch {
              return true; // a code the catalogue lacks
            }
          }),
      );
    expect(unworded).toEqual([]);
    // A schema refusal lists its problems as data, each under a rule of its own (none falls back to `invalid`).
    const schemaProblems = served
      .flatMap((q) => q.problems)
      .flatMap((p) => (p.reason.code === 'PAYLOAD_SCHEMA_INVALID' ? [p.reason.params] : []));
    expect(schemaProblems.length).toBeGreaterThan(0);
    for (const params of schemaProblems) {
      expect(params['problems']).toEqual(expect.any(Array));
      const problems = params['problems'] as { rule: string }[];
      expect(problems.length).toBeLessThanOrEqual(MAX_SCHEMA_PROBLEMS);
      expect(problems.filter((p) => p.rule === 'invalid')).toEqual([]);
    }
    const routes = apiRoutes()
      .map(({ key }) => key)
      .filter((k) => k !== 'GET /metrics');
    const junk = () =>
      pick([
        '..',
        '%00',
        '%E0%A4%A',
        "'; DROP TABLE readings; --",
        '<script>',
        'x'.repeat(10_000),
        '-1',
        '1e309',
        '__proto__',
        'trạm',
        '0',
        '999999999999',
        '',
        // Impossible calendar dates and non-canonical numbers: a 400, never a 500.
        '2026-13-45',
        '2026-02-30',
        '2026-02-30T10:00:00Z',
        '2026-13-45T00:00:00+07:00',
        '٢٠٢٦-٠١-٠١',
        '01',
        '+1',
        ' 1',
      ]);
    const QUERY_NAMES = [
      'period',
      'date',
      'from',
      'to',
      'limit',
      'resolution',
      'parameter',
      'asOf',
      'status',
      'number',
      'park',
      'year',
      'format',
      'kind',
    ];
    /** A query of one hostile parameter, sometimes given twice, sometimes with an unknown one beside it. */
    const hostileQuery = (): string => {
      if (next() >= 0.7) return '';
      const name = pick(QUERY_NAMES);
      let query = `?${name}=${encodeURIComponent(junk())}`;
      if (next() < 0.25) query += `&${name}=${encodeURIComponent(junk())}`; // repeated
      if (next() < 0.1)
        query += `&${pick(['parkId', 'x', 'Park', 'date%5B%5D'])}=${encodeURIComponent(junk())}`;
      return query;
    };
    const statuses = new Map<number, number>();
    let withoutReason = 0;
    const serverErrors: string[] = [];
    /** One request; its answer counted, and a 5xx remembered with what caused it. */
    const send = async (method: string, target: string, token: string, body?: string): Promise<void> => {
      const response = await fetch(`${platform!.httpUrl}${target}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body,
        signal: AbortSignal.timeout(5_000),
      }).catch(() => null);
      if (!response) return; // a live stream held open past the timeout
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500 && serverErrors.length < 20)
        serverErrors.push(
          `${method} ${target.slice(0, 200)}${token ? '' : ' (anonymous)'}: ${response.status}`,
        );
      // 431: Node's HTTP parser refuses an over-long request line before the platform sees it.
      if (response.status >= 400 && response.status !== 431) {
        const answer = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
        if (!answer.code || !answer.message) withoutReason++;
      } else {
        await response.body?.cancel();
      }
    };
    const one = async () => {
      const [method, pattern] = pick(routes).split(' ');
      const path = pattern.replace(/:(\w+)/g, () => encodeURIComponent(junk()) || 'x');
      const query = hostileQuery();
      const body =
        method === 'POST'
          ? pick([
              '{',
              '{"__proto__":{"polluted":true}}',
              JSON.stringify({ code: junk(), kind: junk(), settings: { forSeconds: -1 } }),
              'x'.repeat(200_000),
              '[]',
              'null',
              '{"username":{"$ne":null},"password":1}',
            ])
          : undefined;
      const token = pick([admin, admin, 'garbage', `${admin.slice(0, -2)}xx`, '']);
      await send(method, `${path}${query}`, token, body);
    };
    for (let i = 0; i < HTTP_REQUESTS; i += 8) await Promise.all(Array.from({ length: 8 }, one));
    // And every readable route once with each impossible calendar date and each parameter given twice, as
    // the admin and anonymously (open data answers without a sign-in): shapes a random draw may miss.
    const readable = routes.filter((k) => k.startsWith('GET ') && !k.endsWith('/stream'));
    const shaped: [string, string][] = [];
    for (const key of readable) {
      const path = key
        .slice(4)
        .replace(/:code/g, station.parkCode)
        .replace(/:(\w+)/g, String(station.id));
      for (const name of ['date', 'from', 'to', 'asOf'])
        for (const day of ['2026-13-45', '2026-02-30', '2026-02-30T10:00:00Z'])
          shaped.push([path, `${name}=${encodeURIComponent(day)}`]);
      for (const name of QUERY_NAMES) shaped.push([path, `${name}=a&${name}=b`]);
    }
    for (let i = 0; i < shaped.length; i += 8)
      await Promise.all(
        shaped
          .slice(i, i + 8)
          .flatMap(([path, query]) => [
            send('GET', `${path}?${query}`, admin),
            send('GET', `${path}?${query}`, ''),
          ]),
      );

    const byKind = new Map<string, number>();
    for (const m of messages) byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
    const classes = { '2xx': 0, '4xx': 0, '5xx': 0 };
    for (const [status, n] of statuses) classes[status >= 500 ? '5xx' : status >= 400 ? '4xx' : '2xx'] += n;
    console.log(
      [
        `MQTT: ${MQTT_MESSAGES} messages (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')})`,
        `  stored ${expectedReadings} of ${expectedReadings} valid readings; quarantined ${expectedQuarantine} of ${expectedQuarantine} refused messages; ${closedByBroker} over the broker packet limit closed by the broker`,
        `HTTP: ${HTTP_REQUESTS} random requests and ${shaped.length * 2} calendar and repeated-parameter probes: ${classes['2xx']} 2xx, ${classes['4xx']} 4xx, ${classes['5xx']} 5xx; ${withoutReason} 4xx without a code and message`,
      ].join('\n'),
    );
    expect(serverErrors).toEqual([]);
    expect(classes['5xx']).toBe(0);
    expect(withoutReason).toBe(0);
    expect(classes['4xx']).toBeGreaterThan(HTTP_REQUESTS / 2);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined(); // no prototype was polluted
    expect((await fetch(`${platform.httpUrl}/api/health`)).status).toBe(200);
  }, 300_000);
});
