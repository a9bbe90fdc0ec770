import { Injectable } from '@nestjs/common';
import { generateDevicePassword, hashDevicePassword, verifyDevicePassword } from '@hp/device-identity';
import { RegistryReader } from '@hp/registry';

/** A station data logger signed in over FTP: a registered device and the stations it may write for. */
export interface LoggerAccount {
  readonly deviceCode: string;
  readonly parkCode: string;
  /** Station codes it may upload files for (an analyzer: its own; a gateway: its park's active stations). */
  readonly stations: readonly string[];
  /** The directory it starts in: its station's for an analyzer, the root for a gateway. */
  readonly home: string;
}

/**
 * FTP sign-in of station data loggers, on the device identities MQTT uses (`npm run devices:add`): the
 * username is the device code and the password the one printed for it (only its hash is stored). An
 * analyzer bound to a station writes only for that station; a gateway for its park's stations.
 */
@Injectable()
export class LoggerAccounts {
  // An unknown name costs a hash check too, so the time taken does not tell which names exist.
  private readonly unknownUser = hashDevicePassword(generateDevicePassword());

  constructor(private readonly registry: RegistryReader) {}

  /** The account, or null for a wrong name or password, or a device that cannot upload station files. */
  async signIn(username: string, password: string): Promise<LoggerAccount | null> {
    const device = username ? await this.registry.devices.findRefByCode(username) : null;
    const hash = device?.credentialHash ?? null;
    if (!device || !hash) {
      await verifyDevicePassword(password, await this.unknownUser);
      return null;
    }
    if (!(await verifyDevicePassword(password, hash))) return null;
    if (device.kind === 'analyzer' && device.stationCode)
      return {
        deviceCode: device.code,
        parkCode: device.parkCode,
        stations: [device.stationCode],
        home: `/${device.stationCode}`,
      };
    if (device.kind === 'gateway') {
      const refs = await this.registry.stations.listRefs();
      return {
        deviceCode: device.code,
        parkCode: device.parkCode,
        stations: refs.filter((r) => r.parkCode === device.parkCode && r.active).map((r) => r.code),
        home: '/',
      };
    }
    return null;
  }
}
