import { startEmbeddedBroker } from '@hp/broker';
import { DevicesRepository } from '@hp/storage';
import { Logger } from '@nestjs/common';
import { connectAsync } from 'mqtt';
import { PLATFORM_ACCOUNT_ACL, SIMULATOR_ACCOUNT_ACL } from './acl';
import { createBrokerAuth, DeviceCredential } from './broker-auth';
import { registryDeviceLookup } from './device-accounts';
import { hashDevicePassword } from './password-hash';
import { brokerAclContract } from './spec-support/broker-acl-contract';

const quiet = new Logger('EmbeddedBroker', { timestamp: false });
quiet.log = () => undefined;

describe('createBrokerAuth on the embedded aedes broker', () => {
  brokerAclContract({
    refusesSubscriptions: true,
    platformProtocol: 4,
    async start(fixture) {
      const auth = createBrokerAuth({
        lookupDevice: registryDeviceLookup(new DevicesRepository(fixture.db)),
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
      const client = await connectAsync(broker.url, { username: 'D1', password: 'pw-1', reconnectPeriod: 0 });
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
        connectAsync(broker.url, { username: 'D1', password: 'pw', reconnectPeriod: 0 }),
      ).rejects.toMatchObject({ code: 3 });
      fail = false;
      const client = await connectAsync(broker.url, { username: 'D1', password: 'pw', reconnectPeriod: 0 });
      await client.endAsync();
    } finally {
      await broker.close();
    }
  });
});
