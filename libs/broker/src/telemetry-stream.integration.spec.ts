// The broker cluster's promise, checked on a real 3-node NATS JetStream cluster rather than taken from its
// documentation: an MQTT edge's PUBACK means the message is stored on a majority of the nodes. (NATS' own
// MQTT listener PUBACKs a QoS 1 message once it is handed on, before a stream has stored it:
// server/README-MQTT.md, "Message"; hence the edge.)
import { connect as connectMqtt, MqttClient } from 'mqtt';
import { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { freePort, NatsCluster, waitFor } from '@hp/testing';
import { EmbeddedBroker, startEmbeddedBroker } from './embedded-broker';
import {
  connectTelemetryStream,
  declareTelemetryStream,
  ensureTelemetryStream,
  storeDeviceMessage,
  TelemetryStreamSettings,
  TOPIC_HEADER,
} from './telemetry-stream';

jest.setTimeout(120_000);

let cluster: NatsCluster;
let nc: NatsConnection;
let jsm: JetStreamManager;
let js: JetStreamClient;
let edge: EmbeddedBroker;
let settings: TelemetryStreamSettings;
const devices: MqttClient[] = [];

beforeAll(async () => {
  cluster = await NatsCluster.start({ basePort: 28_300 });
  settings = {
    servers: cluster.servers,
    stream: 'EDGE_TEST',
    replicas: 3,
    maxBytes: 64 * 1024 ** 2,
    maxAgeSeconds: 3600,
  };
  nc = await connectTelemetryStream(settings, 'edge-test');
  jsm = await nc.jetstreamManager();
  await ensureTelemetryStream(jsm, settings);
  js = nc.jetstream();
  edge = await startEmbeddedBroker({
    port: await freePort(),
    // Short, so the no-quorum case ends soon: the edge gives up and closes the device's connection.
    storeBeforeAck: async (message) => void (await storeDeviceMessage(js, message, 2000)),
  });
});

afterAll(async () => {
  for (const device of devices) device.end(true);
  await edge?.close();
  await nc?.close();
  await cluster?.dispose();
});

function device(id: string): Promise<MqttClient> {
  const client = connectMqtt(edge.url, {
    clientId: id,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 200,
  });
  devices.push(client);
  return new Promise((resolve) => client.once('connect', () => resolve(client)));
}

/** Every payload in the stream now, asking whichever node leads it. */
async function storedPayloads(): Promise<string[]> {
  const info = await jsm.streams.info(settings.stream);
  const payloads: string[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(settings.stream, { seq }).catch(() => null);
    if (message && message.header.get(TOPIC_HEADER) !== '') payloads.push(message.string());
  }
  return payloads;
}

async function leaderIndex(): Promise<number> {
  const info = await jsm.streams.info(settings.stream);
  return Number(info.cluster!.leader!.slice(1));
}

it('PUBACKs a message only once a majority has it: every acknowledged one survives the death of the stream leader', async () => {
  const client = await device('analyzer-1');
  const sent = Array.from({ length: 300 }, (_, i) => `reading-${i}`);
  await Promise.all(
    sent.map((p) => client.publishAsync('hp/v1/parks/P/stations/S/telemetry', p, { qos: 1 })),
  );
  const leader = await leaderIndex();
  await cluster.kill(leader);
  // A new leader among the two left, holding everything acknowledged.
  await waitFor(async () => (await leaderIndex().catch(() => leader)) !== leader, {
    timeoutMs: 30_000,
    description: 'a new stream leader',
  });
  expect(new Set(await storedPayloads())).toEqual(new Set(sent));
  await cluster.restart(leader);
});

it('gives no PUBACK while no majority can store the message, and stores it once when the device resends', async () => {
  const client = await device('analyzer-2');
  const leader = await leaderIndex();
  const others = [1, 2, 3].filter((i) => i !== leader);
  await cluster.kill(others[0]!);
  await cluster.kill(others[1]!);
  let acknowledged = false;
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  const publish = client
    .publishAsync('hp/v1/parks/P/stations/S/telemetry', 'during-no-quorum', { qos: 1 })
    .then(() => (acknowledged = true));
  // The edge cannot store it (one node of three): the connection is closed unacknowledged.
  await closed;
  expect(acknowledged).toBe(false);
  await Promise.all(others.map((i) => cluster.restart(i)));
  // mqtt.js resends the unacknowledged message on reconnect; now a majority stores it.
  await publish;
  await waitFor(async () => (await storedPayloads().catch((): string[] => [])).includes('during-no-quorum'), {
    timeoutMs: 30_000,
    description: 'the resent message stored',
  });
  expect((await storedPayloads()).filter((p) => p === 'during-no-quorum')).toHaveLength(1);
});

it('acknowledges no resend while the first copy still awaits its majority, and stores the message once after', async () => {
  // A resend meets the id the leader staged for the first copy before its quorum stored it. Newer NATS
  // servers answer it with an error; older ones answered "duplicate, sequence 0", which proves nothing.
  const leader = await leaderIndex();
  const others = [1, 2, 3].filter((i) => i !== leader);
  const onLeader = await connectTelemetryStream(
    { ...settings, servers: [cluster.node(leader).url] },
    'on-leader',
  );
  const leaderJs = onLeader.jetstream();
  await cluster.kill(others[0]!);
  await cluster.kill(others[1]!);
  const message = {
    topic: 'hp/v1/parks/P/stations/S/telemetry',
    payload: Buffer.from('resent-while-awaiting-quorum'),
    clientId: 'analyzer-3',
  };
  await expect(storeDeviceMessage(leaderJs, message, 1000)).rejects.toThrow();
  await expect(storeDeviceMessage(leaderJs, message, 1000)).rejects.toThrow();
  await Promise.all(others.map((i) => cluster.restart(i)));
  // With a majority back, a resend is stored (or found stored) and acknowledged; the stream holds it once.
  await waitFor(
    () =>
      storeDeviceMessage(js, message, 2000).then(
        () => true,
        () => false,
      ),
    {
      timeoutMs: 60_000,
      description: 'the resend acknowledged once a majority is back',
    },
  );
  await onLeader.close();
  expect((await storedPayloads()).filter((p) => p === 'resent-while-awaiting-quorum')).toHaveLength(1);
});

it('declares the stream at boot while the cluster has no meta leader, once it has one again', async () => {
  // Found by the cluster drill: an app booting while JetStream elected its meta leader failed at once,
  // on nats.js' API check (503), before the declarations' own retries could wait it out.
  const booting = await connectTelemetryStream({ ...settings, servers: [cluster.node(3).url] }, 'booting');
  await cluster.kill(1);
  await cluster.kill(2);
  await waitFor(
    () =>
      booting.jetstreamManager().then(
        () => false,
        () => true,
      ),
    {
      timeoutMs: 30_000,
      description: 'the JetStream API unavailable on the node left',
    },
  );
  const declared = declareTelemetryStream(booting, settings);
  await Promise.all([1, 2].map((i) => cluster.restart(i)));
  const jsm2 = await declared;
  expect((await jsm2.streams.info(settings.stream)).config.max_age).toBe(settings.maxAgeSeconds * 1e9);
  await booting.close();
});
