// The broker ACL contract: one body of tests that every broker we run must pass with the generated
// identities (mosquitto from the generated files, aedes with createBrokerAuth), against real clients.
import { deviceStatusTopic, gatewayTelemetryTopic, stationTelemetryTopic } from '@hp/contracts';
import { waitFor } from '@hp/testing';
import { createConnection } from 'node:net';
import { connectAsync, IClientOptions, MqttClient } from 'mqtt';
import {
  Account,
  createDeviceFixture,
  DeviceFixture,
  OTHER_STATION,
  OWN_STATION,
  PARK,
} from './device-fixture';

export interface RunningBroker {
  readonly url: string;
  close(): Promise<void>;
}

export interface BrokerHarness {
  /** MQTT protocol the platform's shared subscription is made with (aedes has 3.1.1 only). */
  readonly platformProtocol: 4 | 5;
  /**
   * Whether a SUBACK refuses a filter outside the ACL (aedes with createBrokerAuth). Mosquitto's own ACL
   * does not check subscriptions (changelog 1.3.5): it grants them and checks `read` on each delivery.
   */
  readonly refusesSubscriptions: boolean;
  /**
   * How the broker binds a client id to its account: `refused` (aedes with createBrokerAuth: a client id
   * the account does not own gets CONNACK 2), or `username` (the shipped mosquitto.conf's
   * use_username_as_clientid: whatever the client sends, its client id is its username).
   */
  readonly clientIdBinding: 'refused' | 'username';
  start(fixture: DeviceFixture): Promise<RunningBroker>;
}

interface Received {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
}

/**
 * The code of a refused CONNACK (3.1.1: 2 identifier rejected, 4 bad username or password, 5 not
 * authorized; 5: 0x85, 0x86, 0x87), or 'accepted'. The client id is the username unless given;
 * `from` is the local address to connect from (any of 127.0.0.0/8 reaches a broker on 127.0.0.1).
 */
async function refusal(
  url: string,
  username: string,
  password: string,
  clientId = username,
  from?: string,
): Promise<number | string> {
  const { hostname, port } = new URL(url);
  const client = new MqttClient(
    () => createConnection({ host: hostname, port: Number(port), localAddress: from }),
    { username, password, clientId, reconnectPeriod: 0, connectTimeout: 5000, protocolVersion: 4 },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
      client.once('close', () => reject(new Error('closed before CONNACK')));
    });
    return 'accepted';
  } catch (error) {
    return (error as { code?: number }).code ?? String(error);
  } finally {
    await client.endAsync(true);
  }
}

/** The QoS the broker grants (128 or a 5.0 reason code >= 0x80 is a refusal). */
async function granted(client: MqttClient, filter: string): Promise<number> {
  try {
    return (await client.subscribeAsync(filter, { qos: 1 }))[0].qos;
  } catch (error) {
    const packet = (error as { packet?: { granted?: number[] } }).packet;
    if (packet?.granted) return packet.granted[0];
    throw error;
  }
}

export function brokerAclContract(harness: BrokerHarness): void {
  let fixture: DeviceFixture;
  let broker: RunningBroker;
  const clients: MqttClient[] = [];

  const connect = async (account: Account, options: IClientOptions = {}): Promise<MqttClient> => {
    const client = await connectAsync(broker.url, {
      username: account.username,
      password: account.password,
      // Each account connects with its own client id (brokers bind them: see clientIdBinding).
      clientId: account.username,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...options,
    });
    client.on('error', () => undefined); // a denied publish may close the connection (aedes)
    clients.push(client);
    return client;
  };
  /** Publishes (QoS 0) from its own connection and waits until the connection is gone. */
  const forge = async (account: Account, topic: string, retain: boolean): Promise<void> => {
    const client = await connect(account);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(topic, 'forged', { qos: 0, retain });
    client.end();
    await closed;
  };
  const collect = (client: MqttClient): Received[] => {
    const received: Received[] = [];
    client.on('message', (topic, payload, packet) =>
      received.push({ topic, payload: payload.toString(), retain: packet.retain }),
    );
    return received;
  };

  beforeAll(async () => {
    fixture = await createDeviceFixture();
    broker = await harness.start(fixture);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
  });

  afterAll(async () => {
    await broker?.close();
    await fixture?.cleanup();
  });

  it('refuses a wrong password and an unknown user, and accepts the generated ones', async () => {
    expect([4, 5, 0x86, 0x87]).toContain(
      await refusal(broker.url, fixture.analyzer.username, 'wrong-password'),
    );
    expect([4, 5, 0x86, 0x87]).toContain(await refusal(broker.url, 'nobody', fixture.analyzer.password));
    // Impersonation: another device's username with this device's own (valid) password.
    expect([4, 5, 0x86, 0x87]).toContain(
      await refusal(broker.url, fixture.gateway.username, fixture.analyzer.password),
    );
    // A device without a credential cannot log in, whatever it sends.
    expect([4, 5, 0x86, 0x87]).toContain(await refusal(broker.url, 'SCALE-NOCRED', 'x'));
    for (const account of [fixture.analyzer, fixture.gateway, fixture.platform, fixture.simulator]) {
      expect(await refusal(broker.url, account.username, account.password)).toBe('accepted');
    }
  });

  it("delivers a device's own topics and drops another station's, storing nothing of it", async () => {
    const platform = await connect(fixture.platform);
    const received = collect(platform);
    expect(await granted(platform, 'hp/v1/#')).toBe(1);

    const own = stationTelemetryTopic(PARK, OWN_STATION);
    const other = stationTelemetryTopic(PARK, OTHER_STATION);
    // Denied: another station's telemetry (retained, to see that the broker keeps nothing of it) and a
    // topic of another kind of device. aedes closes the connection over it; mosquitto drops it quietly.
    await forge(fixture.analyzer, other, true);
    await forge(fixture.analyzer, gatewayTelemetryTopic(fixture.gateway.username), false);

    const device = await connect(fixture.analyzer);
    await device.publishAsync(deviceStatusTopic(fixture.analyzer.username), 'online', {
      qos: 1,
      retain: true,
    });
    await device.publishAsync(own, 'reading', { qos: 1 });
    const gateway = await connect(fixture.gateway);
    await gateway.publishAsync(gatewayTelemetryTopic(fixture.gateway.username), 'batch', { qos: 1 });
    await waitFor(() => received.length >= 3, { timeoutMs: 5000, description: 'the three allowed messages' });
    expect(received.map(({ topic, payload }) => `${topic} ${payload}`).sort()).toEqual(
      [
        `${deviceStatusTopic(fixture.analyzer.username)} online`,
        `${own} reading`,
        `${gatewayTelemetryTopic(fixture.gateway.username)} batch`,
      ].sort(),
    );

    // A new subscriber gets the allowed retained status and nothing retained from the forged publish.
    const later = await connect(fixture.platform);
    const retained = collect(later);
    await later.subscribeAsync('hp/v1/#', { qos: 1 });
    await waitFor(() => retained.length >= 1, { timeoutMs: 5000, description: 'the retained status' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(retained).toEqual([
      { topic: deviceStatusTopic(fixture.analyzer.username), payload: 'online', retain: true },
    ]);
    expect(received.some((m) => m.payload === 'forged')).toBe(false);
  });

  it('lets a gateway act as its Sparkplug B edge node (group = its park) and receive its commands', async () => {
    const node = fixture.gateway.username;
    const platform = await connect(fixture.platform);
    const received = collect(platform);
    expect(await granted(platform, 'spBv1.0/#')).toBe(1);
    // Another edge node's birth: refused (aedes closes the connection; mosquitto drops it).
    await forge(fixture.gateway, `spBv1.0/${PARK}/NBIRTH/OTHER-NODE`, false);
    const gateway = await connect(fixture.gateway);
    const commands = collect(gateway);
    expect(await granted(gateway, `spBv1.0/${PARK}/NCMD/${node}/#`)).toBe(1);
    await gateway.publishAsync(`spBv1.0/${PARK}/NBIRTH/${node}`, 'birth', { qos: 1 });
    await gateway.publishAsync(`spBv1.0/${PARK}/DDATA/${node}/AN-1`, 'data', { qos: 1 });
    await waitFor(() => received.length >= 2, { timeoutMs: 5000, description: 'the edge node messages' });
    expect(received.map((m) => m.topic)).toEqual([
      `spBv1.0/${PARK}/NBIRTH/${node}`,
      `spBv1.0/${PARK}/DDATA/${node}/AN-1`,
    ]);
    await platform.publishAsync(`spBv1.0/${PARK}/NCMD/${node}`, 'rebirth', { qos: 1 });
    await waitFor(() => commands.length >= 1, { timeoutMs: 5000, description: 'the NCMD' });
    expect(commands.map((m) => m.payload)).toEqual(['rebirth']);
  });

  it('lets the platform account subscribe through $share/<group>/hp/v1/# and receive', async () => {
    const platform = await connect(fixture.platform, { protocolVersion: harness.platformProtocol });
    const received = collect(platform);
    expect(await granted(platform, '$share/g/hp/v1/#')).toBe(1);
    const simulator = await connect(fixture.simulator);
    await simulator.publishAsync(stationTelemetryTopic(PARK, OTHER_STATION), 'simulated', { qos: 1 });
    const simulated = await waitFor(() => received.find((m) => m.payload === 'simulated'), {
      timeoutMs: 5000,
      description: 'the shared subscription',
    });
    expect(simulated.topic).toBe(stationTelemetryTopic(PARK, OTHER_STATION));
  });

  it('refuses subscriptions outside the ACL, and delivers nothing through them', async () => {
    const device = await connect(fixture.analyzer);
    const leaked = collect(device);
    const platform = await connect(fixture.platform);
    const control = collect(platform);
    const refused = (qos: number) => (harness.refusesSubscriptions ? qos >= 0x80 : true);
    expect(refused(await granted(device, 'hp/v1/#'))).toBe(true);
    expect(refused(await granted(device, stationTelemetryTopic(PARK, OWN_STATION)))).toBe(true);
    expect(refused(await granted(device, stationTelemetryTopic(PARK, OTHER_STATION)))).toBe(true);
    expect(refused(await granted(platform, 'elsewhere/#'))).toBe(true);
    expect(refused(await granted(platform, '#'))).toBe(true);
    expect(await granted(platform, 'hp/v1/parks/#')).toBe(1);

    const simulator = await connect(fixture.simulator);
    await simulator.publishAsync(stationTelemetryTopic(PARK, OWN_STATION), 'to-platform-only', { qos: 1 });
    await simulator.publishAsync(stationTelemetryTopic(PARK, OTHER_STATION), 'other-station', { qos: 1 });
    const copied = (payload: string) => control.some((m) => m.payload === payload);
    await waitFor(() => copied('to-platform-only') && copied('other-station'), {
      description: 'the control copies',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(leaked).toEqual([]);
  });

  it("never lets a device take the consumer's or another device's client id: the consumer keeps its session and gets every reading", async () => {
    // The platform consumer as it runs: persistent session, client id = its username (as documented).
    const consumer = await connect(fixture.platform, { clean: false });
    let consumerClosed = 0;
    consumer.on('close', () => consumerClosed++);
    const received = collect(consumer);
    await consumer.subscribeAsync('hp/v1/#', { qos: 1 });
    const topic = stationTelemetryTopic(PARK, OWN_STATION);
    const attempts: (number | string)[] = [];
    const readings = 20;
    // The attacker is a valid device on another address (127.0.0.2): refused attempts count against
    // that address in the login limiter, never against the device's own (127.0.0.1).
    const { username, password } = fixture.analyzer;
    for (let i = 0; i < readings; i++) {
      // A valid device, connecting with the consumer's client id, then with another device's.
      attempts.push(
        await refusal(broker.url, username, password, fixture.platform.username, '127.0.0.2'),
        await refusal(broker.url, username, password, fixture.gateway.username, '127.0.0.2'),
      );
      const device = await connect(fixture.analyzer);
      await device.publishAsync(topic, `reading-${i}`, { qos: 1 });
      await device.endAsync();
    }
    await waitFor(() => received.filter((m) => m.topic === topic).length >= readings, {
      timeoutMs: 10_000,
      description: 'every reading at the consumer',
    });
    expect(received.filter((m) => m.topic === topic).map((m) => m.payload)).toEqual(
      Array.from({ length: readings }, (_, i) => `reading-${i}`),
    );
    expect(consumerClosed).toBe(0);
    expect(consumer.connected).toBe(true);
    // aedes: identifier rejected (2), and once that address is backed off, refused before any check (4).
    if (harness.clientIdBinding === 'refused') {
      expect(attempts[0]).toBe(2);
      expect(attempts.every((code) => code === 2 || code === 4)).toBe(true);
    }
    // The gateway, whose client id the analyzer tried, still logs in with it.
    expect(await refusal(broker.url, fixture.gateway.username, fixture.gateway.password)).toBe('accepted');
  });
}
