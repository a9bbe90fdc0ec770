import { DeviceReads, DeviceRef } from '@hp/registry';
import { AclRules, aclFor } from './acl';
import { DeviceCredential } from './broker-auth';

/** A device as an MQTT account: its code is the username; no hash means it cannot log in yet. */
export interface DeviceAccount {
  readonly username: string;
  readonly hash: string | null;
  readonly acl: AclRules;
}

/** The MQTT account of a registry device (username = device code, ACL from aclFor). */
export function deviceAccount(device: DeviceRef): DeviceAccount {
  return { username: device.code, hash: device.credentialHash, acl: aclFor(device, device) };
}

/** lookupDevice for createBrokerAuth, reading the registry: devices without a credential cannot log in. */
export function registryDeviceLookup(
  devices: Pick<DeviceReads, 'findRefByCode'>,
): (code: string) => Promise<DeviceCredential | null> {
  return async (code) => {
    const device = await devices.findRefByCode(code);
    if (!device?.credentialHash) return null;
    return { hash: device.credentialHash, acl: aclFor(device, device) };
  };
}
