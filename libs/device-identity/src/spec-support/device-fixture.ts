// A real registry for the broker specs: a test database with one park, two stations and devices added
// through the `devices-add` command, and the mosquitto files written by `mqtt-credentials`.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Database } from '@hp/storage';
import { RegistryAdmin } from '@hp/registry';
import { tempDataDir } from '@hp/testing';
import { openTestStore } from '@hp/testing-store';
import { runDeviceIdentityCli } from '../device-identity-cli';

export interface Account {
  readonly username: string;
  readonly password: string;
}

export interface DeviceFixture {
  readonly db: Database;
  readonly databaseUrl: string;
  readonly parkCode: string;
  /** Bound to station ST-A; ST-B is another station of the same park. */
  readonly analyzer: Account;
  readonly gateway: Account;
  readonly platform: Account;
  readonly simulator: Account;
  /** Written by `mqtt-credentials`. */
  readonly passwordsPath: string;
  readonly aclPath: string;
  /** A scratch directory (removed by cleanup). */
  readonly dir: string;
  /** Everything the commands printed. */
  readonly output: string[];
  cleanup(): Promise<void>;
}

export const PARK = 'TP1';
export const OWN_STATION = 'ST-A';
export const OTHER_STATION = 'ST-B';

async function cli(argv: string[], env: Record<string, string>, output: string[]): Promise<void> {
  const code = await runDeviceIdentityCli(argv, {
    env,
    out: (l) => output.push(l),
    err: (l) => output.push(l),
  });
  if (code !== 0) throw new Error(`${argv.join(' ')} exited ${code}:\n${output.join('\n')}`);
}

function passwordIn(output: readonly string[]): string {
  const line = [...output].reverse().find((l) => l.trim().startsWith('password: '));
  if (!line) throw new Error(`no password printed:\n${output.join('\n')}`);
  return line.trim().slice('password: '.length);
}

export async function createDeviceFixture(): Promise<DeviceFixture> {
  const store = await openTestStore('pg', { poolSize: 2 });
  const { db } = store;
  const databaseUrl = store.connection.databaseUrl!;
  const tmp = await tempDataDir({ prefix: 'hp-device-identity-' });
  try {
    const park = await new RegistryAdmin(db).registerPark({ code: PARK, name: 'Test park' });
    const plant = await new RegistryAdmin(db).registerTreatmentPlant({
      code: `${PARK}-WWTP`,
      parkId: park.id,
      name: 'Plant',
    });
    for (const code of [OWN_STATION, OTHER_STATION]) {
      await new RegistryAdmin(db).registerStation({ code, plantId: plant.id, name: code, kind: 'outlet' });
    }
    // A device without a credential: it must stay out of the broker's files.
    await new RegistryAdmin(db).registerDevice({ code: 'SCALE-NOCRED', kind: 'scale', parkId: park.id });

    const env = { DATABASE_URL: databaseUrl };
    const output: string[] = [];
    const add = async (args: string[]): Promise<Account> => {
      const printed: string[] = [];
      await cli(['devices-add', ...args], env, printed);
      output.push(...printed);
      return { username: args[1], password: passwordIn(printed) };
    };
    const analyzer = await add(['--code', 'AN-A', '--kind', 'analyzer', '--station', OWN_STATION]);
    const gateway = await add(['--code', 'GW-1', '--kind', 'gateway', '--park', PARK]);

    const platform = { username: 'hp-platform', password: 'platform-secret-1' };
    const simulator = { username: 'hp-simulator', password: 'simulator-secret-1' };
    // MQTT_PASSWORD and the simulator account come from an env file, as from infra/.env.
    const envFile = join(tmp.dir, 'env');
    await writeFile(
      envFile,
      `MQTT_PASSWORD=${platform.password}  # an inline comment\nMQTT_SIMULATOR_USERNAME=${simulator.username}\nMQTT_SIMULATOR_PASSWORD='${simulator.password}'\n`,
    );
    const passwordsPath = join(tmp.dir, 'passwords');
    const aclPath = join(tmp.dir, 'acl');
    await cli(
      ['mqtt-credentials', '--passwords', passwordsPath, '--acl', aclPath, '--env-file', envFile],
      { ...env, MQTT_USERNAME: platform.username },
      output,
    );
    return {
      db,
      databaseUrl,
      parkCode: PARK,
      analyzer,
      gateway,
      platform,
      simulator,
      passwordsPath,
      aclPath,
      dir: tmp.dir,
      output,
      cleanup: () => Promise.all([store.cleanup(), tmp.remove()]).then(() => undefined),
    };
  } catch (error) {
    await Promise.all([store.cleanup(), tmp.remove()]);
    throw error;
  }
}
