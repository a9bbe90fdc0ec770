// A real mosquitto 2 broker as a child process, on a free port of 127.0.0.1, with its own config, pid
// and log in a scratch directory (the machine's own broker on 1883 is never touched).
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { waitFor } from '@hp/testing';

export interface MosquittoOptions {
  readonly dir: string;
  readonly passwordsPath: string;
  readonly aclPath: string;
}

export interface MosquittoProcess {
  readonly url: string;
  readonly port: number;
  /** What mosquitto logged so far. */
  log(): Promise<string>;
  close(): Promise<void>;
}

/** An executable of the mosquitto package: on PATH, or in /usr/sbin (Debian's place for the broker). */
export function mosquittoExecutable(name: 'mosquitto' | 'mosquitto_passwd'): string {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  const found = dirs
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find((path) => existsSync(path));
  if (!found) throw new Error(`${name} is not installed: apt-get install mosquitto (CI does, see .ci/run)`);
  return found;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The shipped broker configuration (infra/mosquitto/mosquitto.conf). */
export const SHIPPED_MOSQUITTO_CONF = resolve(__dirname, '../../../../infra/mosquitto/mosquitto.conf');
/** Settings of the shipped file that belong to its deployment (paths, listener, logging): replaced here. */
const DEPLOYMENT_SETTINGS = new Set([
  'per_listener_settings',
  'listener',
  'protocol',
  'password_file',
  'acl_file',
  'persistence',
  'persistence_location',
  'autosave_interval',
  'log_dest',
  'log_type',
  'log_timestamp_format',
  'connection_messages',
  'sys_interval',
  'user',
  'pid_file',
]);

/** The policy lines of the shipped mosquitto.conf (authentication, client ids, limits), as it has them. */
export async function shippedMosquittoPolicy(): Promise<string[]> {
  return (await readFile(SHIPPED_MOSQUITTO_CONF, 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .filter((line) => !DEPLOYMENT_SETTINGS.has(line.split(/\s+/)[0]));
}

/** Runs with the shipped configuration's policy (infra/mosquitto/mosquitto.conf), on its own port and files. */
export async function startMosquitto(options: MosquittoOptions): Promise<MosquittoProcess> {
  const port = await freePort();
  const logPath = join(options.dir, 'mosquitto.log');
  const confPath = join(options.dir, 'mosquitto.conf');
  // Started as root, mosquitto would switch to the `mosquitto` user, which cannot enter the 0700 scratch
  // directory; `user <whoever runs the test>` keeps it as it is (as any other user it does not switch).
  await writeFile(
    confPath,
    [
      `user ${userInfo().username}`,
      'per_listener_settings false',
      `password_file ${options.passwordsPath}`,
      `acl_file ${options.aclPath}`,
      `listener ${port} 127.0.0.1`,
      // After the listener, as in the shipped file: a listener option before any `listener` line would
      // open mosquitto's default listener on 1883.
      ...(await shippedMosquittoPolicy()),
      'persistence false',
      `pid_file ${join(options.dir, 'mosquitto.pid')}`,
      `log_dest file ${logPath}`,
      'log_type all',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(mosquittoExecutable('mosquitto'), ['-c', confPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => readFile(logPath, 'utf8').catch(() => '');
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`mosquitto exited ${child.exitCode}: ${stderr}${await log()}`);
        return accepts(port);
      },
      { timeoutMs: 5000, description: `mosquitto listening on ${port}` },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    log,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
