import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Env } from '@hp/config';
import { DomainError, TOPIC_CODE_PATTERN } from '@hp/contracts';
import { Database, SqlExecutor, withConfiguredDatabase } from '@hp/storage';
import { DEVICE_KINDS, DeviceKind, RegistryAdmin, RegistryReader } from '@hp/registry';
import { BROKER_UPTIME_TOPIC, PLATFORM_ACCOUNT_ACL, SIMULATOR_ACCOUNT_ACL } from './acl';
import { ServiceAccount } from './broker-auth';
import { DeviceAccount, deviceAccount } from './device-accounts';
import { writeMosquittoCredentials } from './mosquitto-files';
import { generateDevicePassword, hashDevicePassword } from './password-hash';

export const DEVICE_IDENTITY_COMMANDS = ['mqtt-credentials', 'devices-add'] as const;
export type DeviceIdentityCommand = (typeof DEVICE_IDENTITY_COMMANDS)[number];

export const DEVICE_IDENTITY_USAGE = `  mqtt-credentials [--passwords PATH] [--acl PATH] [--env-file PATH]
            write the mosquitto password and ACL files (default infra/mosquitto/passwords and
            infra/mosquitto/acl) for MQTT_USERNAME/MQTT_PASSWORD and every device with a credential
  devices-add --code CODE --kind analyzer|gateway|scale (--station STATION | --park PARK)
            create or update a device with a fresh MQTT password, printed once`;

export const DEFAULT_PASSWORDS_PATH = 'infra/mosquitto/passwords';
export const DEFAULT_ACL_PATH = 'infra/mosquitto/acl';
/** Read by mqtt-credentials when it exists (the compose stack's env file), for the MQTT_* variables only. */
export const DEFAULT_ENV_FILE = 'infra/.env';

export interface DeviceIdentityCliIo {
  readonly env?: Env;
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
}

export function isDeviceIdentityCommand(command: string | undefined): command is DeviceIdentityCommand {
  return (DEVICE_IDENTITY_COMMANDS as readonly (string | undefined)[]).includes(command);
}

/** A mistake in the command line or the environment: printed as it is, exit status 2. */
class UsageError extends Error {
  readonly exitCode = 2;
}

/**
 * `mqtt-credentials` and `devices-add` (argv[0]), without Nest: read the configuration, open the
 * database (DATABASE_URL, else the embedded one), do the one thing, return the exit status.
 */
export async function runDeviceIdentityCli(
  argv: readonly string[],
  io: DeviceIdentityCliIo = {},
): Promise<number> {
  const out = io.out ?? ((line: string) => console.log(line));
  const err = io.err ?? ((line: string) => console.error(line));
  const [command, ...args] = argv;
  let run: (db: Database) => Promise<void>;
  let env: Env;
  try {
    if (command === 'mqtt-credentials') {
      const options = parseFlags(args, ['passwords', 'acl', 'env-file']);
      env = withEnvFile(io.env ?? process.env, options['env-file']);
      const accounts = serviceAccounts(env);
      run = (db) => mqttCredentials(db, accounts, options, out);
    } else if (command === 'devices-add') {
      const options = parseFlags(args, ['code', 'kind', 'station', 'park']);
      const request = deviceRequest(options);
      env = io.env ?? process.env;
      run = (db) => addDevice(db, request, out);
    } else {
      throw new UsageError(`unknown command "${command ?? ''}"\n${DEVICE_IDENTITY_USAGE}`);
    }
  } catch (error) {
    err((error as Error).message);
    return 2;
  }
  return withConfiguredDatabase(command, run, { env, err });
}

function parseFlags(args: readonly string[], names: readonly string[]): Record<string, string | undefined> {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    });
    return values as Record<string, string | undefined>;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${DEVICE_IDENTITY_USAGE}`);
  }
}

/** The env with the MQTT_* variables of the env file added where the environment leaves them unset. */
function withEnvFile(env: Env, file: string | undefined): Env {
  const path = file ?? DEFAULT_ENV_FILE;
  if (!existsSync(path)) {
    if (file !== undefined) throw new UsageError(`--env-file ${file}: no such file`);
    return env;
  }
  const merged: Record<string, string | undefined> = { ...env };
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?(MQTT_[A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || merged[match[1]]?.trim()) continue;
    // As compose reads it: a quoted value as it is, an unquoted one up to a ` #` comment.
    const quoted = /^(['"])(.*)\1$/.exec(match[2]);
    merged[match[1]] = quoted ? quoted[2] : match[2].replace(/\s+#.*$/, '');
  }
  return merged;
}

function required(env: Env, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value)
    throw new UsageError(`${name} is not set: it is ${what} (set it in infra/.env or the environment)`);
  return value;
}

/**
 * The platform's account (MQTT_USERNAME/MQTT_PASSWORD, both required), the compose healthcheck's
 * `<MQTT_USERNAME>-healthcheck` (same password, may read $SYS/broker/uptime only), the Sparkplug command
 * client's `<MQTT_USERNAME>-spb-cmd` (same password, may publish NCMD only) and, when
 * MQTT_SIMULATOR_USERNAME is set, a simulator account with MQTT_SIMULATOR_PASSWORD. The shipped
 * mosquitto.conf makes each username its client id (use_username_as_clientid): those two need accounts
 * of their own, or each would replace the consumer's session.
 */
function serviceAccounts(env: Env): ServiceAccount[] {
  const username = required(env, 'MQTT_USERNAME', "the platform service account's username");
  const password = required(env, 'MQTT_PASSWORD', "the platform service account's password");
  const accounts: ServiceAccount[] = [
    { username, password, acl: PLATFORM_ACCOUNT_ACL },
    {
      username: `${username}-healthcheck`,
      password,
      acl: { publish: [], subscribe: [BROKER_UPTIME_TOPIC] },
    },
    // The Sparkplug B command client of the ingestion app (libs/runtime bootstrap.ts): NCMD only.
    {
      username: `${username}-spb-cmd`,
      password,
      acl: { publish: PLATFORM_ACCOUNT_ACL.publish, subscribe: [] },
    },
  ];
  if (env['MQTT_SIMULATOR_USERNAME']?.trim()) {
    accounts.push({
      username: env['MQTT_SIMULATOR_USERNAME'].trim(),
      password: required(env, 'MQTT_SIMULATOR_PASSWORD', 'the password of MQTT_SIMULATOR_USERNAME'),
      acl: SIMULATOR_ACCOUNT_ACL,
    });
  }
  return accounts;
}

async function mqttCredentials(
  db: Database,
  accounts: readonly ServiceAccount[],
  options: Record<string, string | undefined>,
  out: (line: string) => void,
): Promise<void> {
  const devices: DeviceAccount[] = [];
  const unusable: string[] = [];
  for (const ref of await new RegistryReader(db).devices.listRefs()) {
    try {
      devices.push(deviceAccount(ref));
    } catch (error) {
      unusable.push(`${ref.code} (${(error as Error).message})`);
    }
  }
  const passwordsPath = options['passwords'] ?? DEFAULT_PASSWORDS_PATH;
  const aclPath = options['acl'] ?? DEFAULT_ACL_PATH;
  const result = await writeMosquittoCredentials({
    devices,
    serviceAccounts: accounts,
    passwordsPath,
    aclPath,
  });
  out(`wrote ${passwordsPath} and ${aclPath}: ${result.usernames.length} accounts`);
  out(`  service accounts: ${accounts.map((a) => a.username).join(', ')}`);
  out(
    `  client id = username on the shipped mosquitto.conf (use_username_as_clientid): the consumer's session is "${accounts[0].username}"; each ingestion instance needs its own account`,
  );
  out(`  devices: ${result.usernames.length - accounts.length}`);
  if (result.withoutCredential.length) {
    out(`  left out, no credential yet (devices-add gives one): ${result.withoutCredential.join(', ')}`);
  }
  if (unusable.length) out(`  left out, code not usable in a topic: ${unusable.join('; ')}`);
}

export interface DeviceRequest {
  readonly code: string;
  readonly kind: DeviceKind;
  readonly station: string | undefined;
  readonly park: string | undefined;
}

export interface IssuedDeviceCredentials {
  readonly code: string;
  readonly kind: DeviceKind;
  readonly parkCode: string;
  readonly stationCode: string | null;
  /** Shown once; only its hash is stored. */
  readonly password: string;
  readonly existed: boolean;
}

/** Checks a device request; a DomainError (INVALID_ARGUMENT) names what is wrong. */
export function checkDeviceRequest(options: Record<string, string | undefined>): DeviceRequest {
  const { code, kind, station, park } = options;
  const invalid = (message: string) => new DomainError('INVALID_ARGUMENT', message);
  if (!code || !TOPIC_CODE_PATTERN.test(code)) {
    throw invalid(`code must match ${TOPIC_CODE_PATTERN} (it is the MQTT username and part of topics)`);
  }
  if (!(DEVICE_KINDS as readonly (string | undefined)[]).includes(kind)) {
    throw invalid(`kind must be one of ${DEVICE_KINDS.join(', ')}`);
  }
  const request = { code, kind: kind as DeviceKind, station, park };
  if (request.kind === 'analyzer' && !station) throw invalid('an analyzer needs a station');
  if (request.kind === 'gateway' && station) throw invalid('a gateway is bound to a park, not a station');
  if (!station && !park) throw invalid(`a ${request.kind} needs a park`);
  return request;
}

function deviceRequest(options: Record<string, string | undefined>): DeviceRequest {
  try {
    return checkDeviceRequest(options);
  } catch (error) {
    // The command line names its flags.
    throw new UsageError(
      (error as Error).message
        .replace(/^code /, '--code ')
        .replace(/^kind /, '--kind ')
        .replace('needs a station', 'needs --station STATION_CODE')
        .replace('is bound to a park, not a station', 'is bound to a park: --park, not --station')
        .replace(/needs a park$/, 'needs --park PARK_CODE'),
    );
  }
}

/** Creates or updates the device with a fresh password, stored only as its hash (the CLI and the admin API). */
export async function issueDeviceCredentials(
  db: SqlExecutor,
  request: DeviceRequest,
): Promise<IssuedDeviceCredentials> {
  const registry = new RegistryReader(db);
  let parkCode = request.park;
  let stationId: number | null = null;
  if (request.station) {
    const station = (await registry.stations.listRefs()).find((s) => s.code === request.station);
    if (!station) throw new DomainError('INVALID_ARGUMENT', `no station "${request.station}"`);
    if (parkCode && parkCode !== station.parkCode) {
      throw new DomainError(
        'INVALID_ARGUMENT',
        `station ${station.code} is in park ${station.parkCode}, not ${parkCode}`,
      );
    }
    parkCode = station.parkCode;
    stationId = station.id;
  }
  const park = parkCode === undefined ? null : await registry.parks.findByCode(parkCode);
  if (!park) throw new DomainError('INVALID_ARGUMENT', `no park "${parkCode}"`);
  const existed = (await registry.devices.findByCode(request.code)) !== null;
  const password = generateDevicePassword();
  await new RegistryAdmin(db).registerDevice({
    code: request.code,
    kind: request.kind,
    parkId: park.id,
    stationId,
    credentialHash: await hashDevicePassword(password),
  });
  return {
    code: request.code,
    kind: request.kind,
    parkCode: park.code,
    stationCode: request.station ?? null,
    password,
    existed,
  };
}

/** The CLI: issues the credentials and prints the password once. */
async function addDevice(db: Database, request: DeviceRequest, out: (line: string) => void): Promise<void> {
  let issued: IssuedDeviceCredentials;
  try {
    issued = await issueDeviceCredentials(db, request);
  } catch (error) {
    throw error instanceof DomainError ? new UsageError(error.message) : error;
  }
  const park = { code: issued.parkCode };
  const existed = issued.existed;
  const password = issued.password;
  const where = request.station ? `park ${park.code}, station ${request.station}` : `park ${park.code}`;
  out(
    `${existed ? 'updated' : 'created'} ${request.kind} ${request.code} (${where}) with a new MQTT password`,
  );
  out(`  username: ${request.code}`);
  out(`  password: ${password}`);
  out(
    '  The password is shown this once and stored only as a hash; a lost one is replaced by running devices-add again.',
  );
  out(
    '  Mosquitto: run `npm run mqtt:credentials`, then reload it; the embedded broker sees it within 30 s.',
  );
}
