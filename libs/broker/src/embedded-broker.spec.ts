import { connectAsync } from 'mqtt';
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
});
