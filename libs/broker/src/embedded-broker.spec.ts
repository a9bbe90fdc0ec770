import { connect as connectTcp } from 'node:net';
import { waitFor } from '@hp/testing';
import { connectAsync, MqttClient } from 'mqtt';
import { generate } from 'mqtt-packet';
import { startEmbeddedBroker } from './embedded-broker';

describe('startEmbeddedBroker', () => {
  it('relays a QoS 1 message between two real MQTT clients', async () => {
    const broker = await startEmbeddedBroker({ port: 0 });
    const subscriber = await connectAsync(broker.url);
    const publisher = await connectAsync(broker.url);
    try {
      const received = new Promise<[string, string]>((resolve) =>
        subscriber.on('message', (topic, payload) => resolve([topic, payload.toString()])),
      );
      await subscriber.subscribeAsync('hp/v1/parks/+/stations/+/telemetry', { qos: 1 });
      await publisher.publishAsync('hp/v1/parks/VSIP/stations/OUT1/telemetry', '{"readings":[]}', { qos: 1 });
      expect(await received).toEqual(['hp/v1/parks/VSIP/stations/OUT1/telemetry', '{"readings":[]}']);
    } finally {
      await Promise.all([subscriber.endAsync(), publisher.endAsync()]);
      await broker.close();
    }
  });

  it('names the variable to change when its port is taken', async () => {
    const first = await startEmbeddedBroker({ port: 0 });
    try {
      await expect(startEmbeddedBroker({ port: first.port })).rejects.toThrow(
        /MQTT_EMBEDDED_PORT \d+ is in use/,
      );
    } finally {
      await first.close();
    }
  });

  it('refuses a client its authenticate hook rejects', async () => {
    const broker = await startEmbeddedBroker({
      port: 0,
      authenticate: (_client, username, _password, done) => done(null, username === 'station-1'),
    });
    try {
      await expect(connectAsync(broker.url, { username: 'intruder', reconnectPeriod: 0 })).rejects.toThrow(
        /Not authorized|Bad username|refused/i,
      );
      const ok = await connectAsync(broker.url, { username: 'station-1', reconnectPeriod: 0 });
      await ok.endAsync();
    } finally {
      await broker.close();
    }
  });

  describe("acknowledgeAfter: a PUBACK follows the platform consumer's own PUBACK (after its commit)", () => {
    const topic = 'hp/v1/parks/VSIP/stations/OUT1/telemetry';
    /**
     * A consumer that PUBACKs only when the test says so (as the platform does after the commit; mqtt.js
     * has no ack hook on MQTT 3.1.1, so its outgoing PUBACKs are intercepted as the platform's consumer does).
     */
    async function heldConsumer(url: string): Promise<{ client: MqttClient; acks: (() => void)[] }> {
      const acks: (() => void)[] = [];
      const client = await connectAsync(url, {
        clientId: 'platform-consumer',
        clean: false,
        reconnectPeriod: 0,
      });
      type Send = (packet: { cmd: string }, cb?: () => void) => void;
      const internals = client as unknown as { _sendPacket: Send };
      const send = internals._sendPacket.bind(client);
      internals._sendPacket = (packet, cb) => {
        if (packet.cmd !== 'puback') return send(packet, cb);
        cb?.();
        acks.push(() => send(packet));
      };
      return { client, acks };
    }

    it("holds a device's PUBACK until the consumer acknowledges, also across a consumer reconnect", async () => {
      const broker = await startEmbeddedBroker({
        port: 0,
        acknowledgeAfter: { clientId: 'platform-consumer' },
      });
      let consumer = await heldConsumer(broker.url);
      const device = await connectAsync(broker.url, { clientId: 'DEV-1', reconnectPeriod: 0 });
      try {
        await consumer.client.subscribeAsync('hp/v1/#', { qos: 1 });
        let acknowledged = 0;
        void device.publishAsync(topic, 'one', { qos: 1 }).then(() => acknowledged++);
        await waitFor(() => consumer.acks.length === 1, { description: 'the consumer has the message' });
        expect(broker.heldMessages()).toBe(1);
        expect(acknowledged).toBe(0);
        consumer.acks[0]();
        await waitFor(() => acknowledged === 1, { description: "the device's PUBACK" });

        // The consumer goes away: the message waits in its session, and so does the device's PUBACK.
        await consumer.client.endAsync(true);
        void device.publishAsync(topic, 'two', { qos: 1 }).then(() => acknowledged++);
        await waitFor(() => broker.heldMessages() === 1, { description: 'the second message held' });
        consumer = await heldConsumer(broker.url);
        await waitFor(() => consumer.acks.length === 1, { description: 'the queued message delivered' });
        expect(acknowledged).toBe(1);
        consumer.acks[0]();
        await waitFor(() => acknowledged === 2, { description: 'the second PUBACK' });
        // Delivered once: the re-routed original reaches nobody.
        expect(consumer.acks).toHaveLength(1);
      } finally {
        await Promise.all([consumer.client.endAsync(true), device.endAsync(true)]);
        await broker.close();
      }
    });

    it("holds a publish that arrives before the consumer's first subscription (the platform starting) until the consumer has it", async () => {
      const broker = await startEmbeddedBroker({
        port: 0,
        acknowledgeAfter: { clientId: 'platform-consumer' },
      });
      const device = await connectAsync(broker.url, { clientId: 'DEV-1', reconnectPeriod: 0 });
      let consumer: { client: MqttClient; acks: (() => void)[] } | null = null;
      try {
        let acknowledged = 0;
        void device.publishAsync(topic, 'early', { qos: 1 }).then(() => acknowledged++);
        consumer = await heldConsumer(broker.url);
        await consumer.client.subscribeAsync('hp/v1/#', { qos: 1 });
        await waitFor(() => consumer!.acks.length === 1, { description: 'the early message delivered' });
        expect(acknowledged).toBe(0);
        consumer.acks[0]();
        await waitFor(() => acknowledged === 1, { description: "the early message's PUBACK" });
      } finally {
        await Promise.all([consumer?.client.endAsync(true), device.endAsync(true)]);
        await broker.close();
      }
    });

    it('disconnects a publisher beyond the bound of messages held for it, unacknowledged', async () => {
      const broker = await startEmbeddedBroker({
        port: 0,
        acknowledgeAfter: { clientId: 'platform-consumer', maxHeldPerPublisher: 2 },
      });
      const consumer = await heldConsumer(broker.url);
      const device = await connectAsync(broker.url, { clientId: 'DEV-1', reconnectPeriod: 0 });
      device.on('error', () => undefined);
      try {
        await consumer.client.subscribeAsync('hp/v1/#', { qos: 1 });
        const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
        for (const payload of ['1', '2', '3']) device.publish(topic, payload, { qos: 1 });
        await closed;
        expect(broker.heldMessages()).toBeLessThanOrEqual(2);
      } finally {
        await Promise.all([consumer.client.endAsync(true), device.endAsync(true)]);
        await broker.close();
      }
    });
  });

  it('closes a client whose packet announces more than maxPacketBytes before buffering it, and keeps serving others', async () => {
    const limit = 256 * 1024;
    const broker = await startEmbeddedBroker({ port: 0, maxPacketBytes: limit });
    const subscriber = await connectAsync(broker.url, { reconnectPeriod: 0 });
    try {
      const received: string[] = [];
      subscriber.on('message', (_topic, payload) => received.push(payload.toString()));
      await subscriber.subscribeAsync('t/#', { qos: 1 });
      // A 128 MB publish, streamed without ever being whole in this process: its header announces the size.
      const size = 128 * 1024 * 1024;
      global.gc?.();
      const before = process.memoryUsage().rss;
      const socket = connectTcp(broker.port, '127.0.0.1');
      socket.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        generate({
          cmd: 'connect',
          protocolId: 'MQTT',
          protocolVersion: 4,
          clientId: 'big',
          clean: true,
          keepalive: 60,
        }),
      );
      const header = generate({
        cmd: 'publish',
        topic: 't/big',
        payload: Buffer.alloc(0),
        qos: 0,
        retain: false,
        dup: false,
      });
      // The same header with the remaining length of a 128 MB payload.
      const topicPart = header.subarray(2);
      const remaining = topicPart.length + size;
      const lengthBytes: number[] = [];
      for (let n = remaining; ;) {
        const byte = n % 128;
        n = Math.floor(n / 128);
        lengthBytes.push(n > 0 ? byte | 0x80 : byte);
        if (n === 0) break;
      }
      socket.write(Buffer.concat([Buffer.from([header[0], ...lengthBytes]), topicPart]));
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      while (sent < size && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) await Promise.race([new Promise((r) => socket.once('drain', r)), closed]);
      }
      await closed;
      const grown = process.memoryUsage().rss - before;
      expect(grown).toBeLessThan(32 * 1024 * 1024);
      expect(sent).toBeLessThan(size);

      // Normal traffic, up to the limit, still flows.
      const publisher = await connectAsync(broker.url, { reconnectPeriod: 0 });
      await publisher.publishAsync('t/ok', 'x'.repeat(limit - 100), { qos: 1 });
      await publisher.publishAsync('t/ok', 'small', { qos: 1 });
      await waitFor(() => received.length === 2, { description: 'the normal messages' });
      expect(received[1]).toBe('small');
      await publisher.endAsync();
    } finally {
      await subscriber.endAsync(true);
      await broker.close();
    }
  }, 60_000);
});
