import { startEmbeddedBroker } from '@hp/broker';
import { Logger } from '@nestjs/common';
import { createConnection } from 'node:net';
import { connectAsync, MqttClient } from 'mqtt';
import { RegistryReader } from '@hp/registry';
import { PLATFORM_ACCOUNT_ACL, SIMULATOR_ACCOUNT_ACL } from './acl';
import { createBrokerAuth, DeviceCredential } from './broker-auth';
import { LoginBackoffLimiter } from './login-backoff-limiter';
import { registryDeviceLookup } from './device-accounts';
import { hashDevicePassword } from './password-hash';
import { brokerAclContract } from './spec-support/broker-acl-contract';

const quiet = new Logger('EmbeddedBroker', { timestamp: false });
quiet.log = () => undefined;

describe('createBrokerAuth on the embedded aedes broker', () => {
  brokerAclContract({
    refusesSubscriptions: true,
    clientIdBinding: 'refused',
    platformProtocol: 4,
    async start(fixture) {
      const auth = createBrokerAuth({
        lookupDevice: registryDeviceLookup(new RegistryReader(fixture.db).devices),
        serviceAccounts: [
          { ...fixture.platform, acl: PLATFORM_ACCOUNT_ACL },
          // A hash works as well as a plain password.
          {
            username: fixture.simulator.username,
            hash: await hashDevicePassword(fixture.simulator.password),
            acl: SIMULATOR_ACCOUNT_ACL,
          },
        ],
      });
      return startEmbeddedBroker({ port: 0, ...auth }, quiet);
    },
  });
});

describe('createBrokerAuth', () => {
  it('looks a device up once per cache period, not on every publish, and again after forget', async () => {
    let now = 0;
    const lookups: string[] = [];
    const credential: DeviceCredential = {
      hash: await hashDevicePassword('pw-1'),
      acl: { publish: ['hp/v1/devices/D1/status'], subscribe: [] },
    };
    const auth = createBrokerAuth({
      lookupDevice: async (code) => {
        lookups.push(code);
        return code === 'D1' ? credential : null;
      },
      cacheTtlMs: 30_000,
      now: () => now,
    });
    const broker = await startEmbeddedBroker({ port: 0, ...auth }, quiet);
    try {
      const client = await connectAsync(broker.url, {
        username: 'D1',
        password: 'pw-1',
        clientId: 'D1',
        reconnectPeriod: 0,
      });
      for (let i = 0; i < 5; i++) await client.publishAsync('hp/v1/devices/D1/status', 'online', { qos: 1 });
      expect(lookups).toEqual(['D1']);
      now += 30_001;
      await client.publishAsync('hp/v1/devices/D1/status', 'online', { qos: 1 });
      auth.forget('D1');
      await client.publishAsync('hp/v1/devices/D1/status', 'online', { qos: 1 });
      expect(lookups).toEqual(['D1', 'D1', 'D1']);
      await client.endAsync();
    } finally {
      await broker.close();
    }
  });

  it('refuses with CONNACK 3 while the device lookup fails, and does not keep the failure', async () => {
    let fail = true;
    const auth = createBrokerAuth({
      lookupDevice: async () => {
        if (fail) throw new Error('database down');
        return { hash: await hashDevicePassword('pw'), acl: { publish: [], subscribe: [] } };
      },
    });
    const broker = await startEmbeddedBroker({ port: 0, ...auth }, quiet);
    try {
      await expect(
        connectAsync(broker.url, { username: 'D1', password: 'pw', clientId: 'D1', reconnectPeriod: 0 }),
      ).rejects.toMatchObject({ code: 3 });
      fail = false;
      const client = await connectAsync(broker.url, {
        username: 'D1',
        password: 'pw',
        clientId: 'D1',
        reconnectPeriod: 0,
      });
      await client.endAsync();
    } finally {
      await broker.close();
    }
  });

  /** 'accepted' or the CONNACK code, connecting from a local address of 127.0.0.0/8 (the broker is on 127.0.0.1). */
  async function login(
    port: number,
    from: string,
    password: string,
    clientId = 'D1',
  ): Promise<number | string> {
    const client = new MqttClient(() => createConnection({ host: '127.0.0.1', port, localAddress: from }), {
      username: 'D1',
      password,
      clientId,
      reconnectPeriod: 0,
      connectTimeout: 5000,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('error', reject);
      });
      return 'accepted';
    } catch (error) {
      return (error as { code?: number }).code ?? String(error);
    } finally {
      await client.endAsync(true);
    }
  }

  it('backs off repeated failed logins of a device per client address, with the right password too, and never from another address', async () => {
    let now = 0;
    const limiter = new LoginBackoffLimiter({ freeFailures: 3, baseDelayMs: 60_000, now: () => now });
    const hash = await hashDevicePassword('pw');
    const auth = createBrokerAuth({
      lookupDevice: async (code) => (code === 'D1' ? { hash, acl: { publish: [], subscribe: [] } } : null),
      loginLimiter: limiter,
    });
    const broker = await startEmbeddedBroker({ port: 0, ...auth }, quiet);
    try {
      // The attacker, on 127.0.0.2: three wrong passwords, then even the right one is refused unchecked.
      for (let i = 0; i < 3; i++) expect(await login(broker.port, '127.0.0.2', 'guess')).toBe(4);
      expect(await login(broker.port, '127.0.0.2', 'pw')).toBe(4);
      // A client id the device does not own counts too.
      expect(await login(broker.port, '127.0.0.3', 'pw', 'hp-ingestion-x')).toBe(2);
      // The device itself, from its own address, is not locked out.
      expect(await login(broker.port, '127.0.0.1', 'pw')).toBe('accepted');
      // Each attempt during the back-off doubles it: 60 s after the third failure, 120 s after the fourth.
      expect(limiter.retryAfterMs('D1', '127.0.0.2')).toBe(120_000);
      now += 60_001;
      expect(await login(broker.port, '127.0.0.2', 'pw')).toBe(4);
      expect(limiter.retryAfterMs('D1', '127.0.0.2')).toBe(240_000);
      // Once it has passed, the right password gets in and clears the address.
      now += 240_000;
      expect(await login(broker.port, '127.0.0.2', 'pw')).toBe('accepted');
      expect(limiter.retryAfterMs('D1', '127.0.0.2')).toBe(0);
    } finally {
      await broker.close();
    }
  });
});
