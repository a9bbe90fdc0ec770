import { INestApplicationContext } from '@nestjs/common';
import { EmbeddedBroker, EmbeddedBrokerOptions, startEmbeddedBroker } from '@hp/broker';
import { PlatformConfig } from '@hp/config';
import {
  createBrokerAuth,
  DeviceCredentialChanges,
  generateDevicePassword,
  LoginBackoffLimiter,
  PLATFORM_ACCOUNT_ACL,
  registryDeviceLookup,
  SIMULATOR_ACCOUNT_ACL,
} from '@hp/device-identity';
import { RegistryReader } from '@hp/registry';

export interface MqttAccount {
  username?: string;
  password?: string;
}

export interface BrokerAccounts {
  readonly consumer: MqttAccount;
  readonly simulator: MqttAccount;
}

/**
 * The embedded broker authenticates every client: devices by their registry credential and ACL, the
 * platform's consumer and the built-in simulator by accounts made up for this process. Each account is
 * bound to its client ids (a device to its code), so no device can take over the consumer's session.
 * A device's QoS 1 PUBACK waits for the consumer's, which follows the commit (acknowledgeAfter): a
 * kill -9 of the process then loses no acknowledged reading, as with Mosquitto's persistent session.
 */
export async function startAuthenticatedBroker(
  app: INestApplicationContext,
  config: PlatformConfig,
  /** How a device's QoS 1 message is made durable before its PUBACK (default: the consumer's commit). */
  durability: Pick<EmbeddedBrokerOptions, 'acknowledgeAfter' | 'storeBeforeAck'> = {
    acknowledgeAfter: { clientId: config.mqtt.clientId },
  },
): Promise<{ broker: EmbeddedBroker; accounts: BrokerAccounts }> {
  const consumer = {
    username: config.mqtt.username ?? 'hp-platform',
    password: config.mqtt.password ?? generateDevicePassword(),
  };
  const simulator = { username: 'hp-simulator', password: generateDevicePassword() };
  const auth = createBrokerAuth({
    lookupDevice: registryDeviceLookup(app.get(RegistryReader).devices),
    serviceAccounts: [
      // The consumer, and its helpers named after it (the Sparkplug command client: `<id>-spb-cmd`).
      {
        ...consumer,
        acl: PLATFORM_ACCOUNT_ACL,
        clientIds: [config.mqtt.clientId, `${config.mqtt.clientId}-*`],
      },
      // The station fleet and the waste scenario name their clients `hp-simulator-...`.
      { ...simulator, acl: SIMULATOR_ACCOUNT_ACL, clientIds: ['hp-simulator-*'] },
    ],
    // One limiter for device logins over MQTT and FTP: failures on one count for the other.
    loginLimiter: sharedLoginLimiter(app),
  });
  const broker = await startEmbeddedBroker({
    port: config.mqtt.embeddedPort,
    host: config.mqtt.embeddedHost,
    maxPacketBytes: config.mqtt.maxPacketBytes,
    ...durability,
    ...auth,
  });
  // A rotated or revoked credential: the old password is refused at once, and its open connection closed.
  // Only where the device admin runs in the same process; an MQTT edge reads a change within the
  // lookup cache's TTL instead.
  credentialChanges(app)?.subscribe((code) => {
    auth.forget(code);
    broker.disconnect(code);
  });
  return { broker, accounts: { consumer, simulator } };
}

function credentialChanges(app: INestApplicationContext): DeviceCredentialChanges | null {
  try {
    return app.get(DeviceCredentialChanges, { strict: false });
  } catch {
    return null;
  }
}

/** The FTP intake's device login limiter (Circular10IntakeModule provides it), or one of the broker's own. */
function sharedLoginLimiter(app: INestApplicationContext): LoginBackoffLimiter {
  try {
    return app.get(LoginBackoffLimiter, { strict: false });
  } catch {
    return new LoginBackoffLimiter();
  }
}
