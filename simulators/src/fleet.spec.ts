import net from 'node:net';
import { connectAsync, MqttClient } from 'mqtt';
import { parseStationTelemetryTopic, parseTelemetryPayload, TelemetryReadingV1 } from '@hp/contracts';
import { waitFor as waitForCondition } from '@hp/testing';
import { FleetLogger, FleetOptions, startFleet } from './fleet';
import { createStationModel } from './station-model';

/** The local Mosquitto of the dev environment. */
const BROKER_PORT = 1883;
const START = Date.parse('2026-03-02T00:00:00+07:00');
const FIVE_MINUTES = 5 * 60_000;
/** 40 real ms per step at 7,500x: one 5-minute sample per step. */
const FAST = { intervalMs: 40, speed: FIVE_MINUTES / 40 };

const uniquePark = (label: string) => `IT-${label}-${process.pid}-${Date.now().toString(36)}`;

interface Received {
  readonly topic: string;
  readonly readings: TelemetryReadingV1[];
}

/** A plain subscriber on the real broker that checks every message against the contract. */
async function subscribe(parkCode: string) {
  const client: MqttClient = await connectAsync(`mqtt://127.0.0.1:${BROKER_PORT}`, { protocolVersion: 4 });
  const received: Received[] = [];
  const problems: string[] = [];
  client.on('message', (topic, payload) => {
    const result = parseTelemetryPayload(payload);
    if (!result.ok || result.rejected.length > 0) problems.push(`${topic}: ${JSON.stringify(result)}`);
    else received.push({ topic, readings: result.readings });
  });
  await client.subscribeAsync(`hp/v1/parks/${parkCode}/stations/+/telemetry`, { qos: 1 });
  const waitFor = (count: number, timeoutMs = 8000) =>
    waitForCondition(() => received.length >= count, {
      timeoutMs,
      intervalMs: 20,
      description: `${count} messages`,
    });
  return { client, received, problems, waitFor };
}

function quietLogger() {
  const lines: string[] = [];
  const logger: FleetLogger = {
    log: (m) => lines.push(`log ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
  return { logger, lines };
}

/** A fast fleet from START with a given seed, on the given broker and stations. */
const fastFleet = (options: Pick<FleetOptions, 'mqttUrl' | 'stations' | 'seed' | 'logger'>) =>
  startFleet({ startTime: START, ...FAST, ...options });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sampleTimes = (received: Received[], stationCode: string) =>
  [
    ...new Set(
      received
        .filter((m) => m.topic.includes(`/${stationCode}/`))
        .flatMap((m) => m.readings.map((r) => Date.parse(r.time))),
    ),
  ].sort((a, b) => a - b);

describe('startFleet against the local Mosquitto', () => {
  it('publishes each station its batch of contract readings, one message per step, QoS 1', async () => {
    const park = uniquePark('fleet');
    const sub = await subscribe(park);
    const { logger } = quietLogger();
    const fleet = fastFleet({
      mqttUrl: `mqtt://127.0.0.1:${BROKER_PORT}`,
      stations: [
        { parkCode: park, stationCode: 'OUT-1' },
        { parkCode: park, stationCode: 'OUT-2', designCapacityM3PerDay: 3000 },
      ],
      seed: 20230,
      logger,
    });
    try {
      await sub.waitFor(8);
    } finally {
      await fleet.stop();
    }
    const afterStop = sub.received.length;
    await sleep(150);
    await sub.client.endAsync();

    expect(sub.problems).toEqual([]);
    expect(sub.received.length).toBe(afterStop); // nothing after stop()
    expect(fleet.published()).toBeGreaterThanOrEqual(afterStop);
    for (const message of sub.received) {
      expect(parseStationTelemetryTopic(message.topic)).toMatchObject({ parkCode: park });
    }
    // The first message of a station is the model's first step, reading for reading.
    const first = sub.received.find((m) => m.topic.endsWith('/OUT-1/telemetry'))!;
    const model = createStationModel({
      parkCode: park,
      stationCode: 'OUT-1',
      designCapacityM3PerDay: null,
      seed: 20230,
    });
    expect(first.readings).toEqual(model.readingsBetween(START, START + FIVE_MINUTES));
    expect(first.readings.map((r) => r.parameter)).toEqual(['Flow', 'Temp', 'pH', 'TSS', 'COD', 'NH4']);
  });

  it('with capAtWallClock, replays a backlog fast and never publishes a reading from the future', async () => {
    const park = uniquePark('cap');
    const sub = await subscribe(park);
    const { logger } = quietLogger();
    const startTime = Date.now() - 30 * 60_000;
    const fleet = startFleet({
      mqttUrl: `mqtt://127.0.0.1:${BROKER_PORT}`,
      stations: [{ parkCode: park, stationCode: 'OUT-1' }],
      seed: 7,
      startTime,
      capAtWallClock: true,
      ...FAST,
      logger,
    });
    try {
      await sub.waitFor(6); // the half-hour backlog holds six 5-minute samples
      await sleep(300); // steps keep running, but the clock is caught up
    } finally {
      await fleet.stop();
    }
    await sub.client.endAsync();
    const times = sampleTimes(sub.received, 'OUT-1');
    expect(times.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    expect(times.length).toBeLessThanOrEqual(7);
  });

  it('rides out a dropped connection: mqtt.js reconnects and the queued QoS 1 messages arrive', async () => {
    const park = uniquePark('drop');
    const proxy = await startProxy(BROKER_PORT);
    const sub = await subscribe(park);
    const { logger, lines } = quietLogger();
    const fleet = fastFleet({
      mqttUrl: `mqtt://127.0.0.1:${proxy.port}`,
      stations: [{ parkCode: park, stationCode: 'OUT' }],
      seed: 1,
      logger,
    });
    try {
      await sub.waitFor(3);
      proxy.dropAll();
      await sleep(300); // steps taken while the connection is down
      await sub.waitFor(sub.received.length + 10);
    } finally {
      await fleet.stop();
      await sub.client.endAsync();
      await proxy.close();
    }
    expect(lines.some((line) => line.startsWith('warn simulator lost'))).toBe(true);
    expect(lines.filter((line) => line.startsWith('log simulator connected'))).toHaveLength(2);
    const times = sampleTimes(sub.received, 'OUT');
    expect(times[0]).toBe(START);
    // Every 5-minute sample from the start, none lost across the drop.
    expect(times.every((t, i) => t === START + i * FIVE_MINUTES)).toBe(true);
  });

  it('keeps running without a broker and stops promptly', async () => {
    const port = await freePort();
    const { logger, lines } = quietLogger();
    const fleet = fastFleet({
      mqttUrl: `mqtt://127.0.0.1:${port}`,
      stations: [{ parkCode: 'IT-NOBROKER', stationCode: 'OUT' }],
      seed: 1,
      logger,
    });
    await sleep(1300); // several steps and at least one reconnect attempt
    const started = Date.now();
    await fleet.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fleet.published()).toBe(0);
    expect(lines.filter((line) => line.includes('ECONNREFUSED'))).toHaveLength(1); // said once, not every second
  });

  it('refuses bad options before connecting', () => {
    const base = { mqttUrl: 'mqtt://127.0.0.1:1', seed: 1, ...FAST };
    expect(() => startFleet({ ...base, stations: [] })).toThrow(/stations is empty/);
    expect(() => startFleet({ ...base, stations: [{ parkCode: 'P', stationCode: 'a/b' }] })).toThrow(
      /station code/,
    );
    expect(() => startFleet({ ...base, speed: 0, stations: [{ parkCode: 'P', stationCode: 'S' }] })).toThrow(
      /speed/,
    );
  });
});

/** A TCP pass-through to the broker whose connections can be cut, standing in for a broker restart. */
async function startProxy(targetPort: number) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((downstream) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    downstream.pipe(upstream).pipe(downstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    dropAll: () => sockets.forEach((socket) => socket.destroy()),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
