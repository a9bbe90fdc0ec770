// Holds infra/ (docker-compose.yml, the Dockerfile, mosquitto and grafana config) to the code: no Docker engine
// runs here, so this reads the real files and checks what `docker compose up` would otherwise find out late.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '@hp/config';
import { parseEnvFile } from './support/env-file';

const ROOT = path.resolve(__dirname, '../..');
const INFRA = path.join(ROOT, 'infra');
const read = (relative: string): string => fs.readFileSync(path.join(ROOT, relative), 'utf8');
const exists = (absolute: string): boolean => fs.existsSync(absolute);
const rel = (absolute: string): string => path.relative(ROOT, absolute);

type Scalar = string | number | boolean | null;
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, Scalar> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (string | number | { target: number; published?: string | number })[];
  volumes?: (
    string | { type: string; source?: string; target: string; bind?: { create_host_path?: boolean } }
  )[];
  restart?: string;
}
interface Compose {
  services: Record<string, Service>;
}

const composeText = read('infra/docker-compose.yml');
const compose = parse(composeText, { merge: true }) as Compose;
const services = compose.services ?? {};

const INFRA_SERVICES = ['timescaledb', 'mosquitto', 'redis', 'grafana'];
const APP_SERVICES = ['migrate', 'ingestion', 'api', 'worker'];
const ONE_SHOT = ['migrate'];
/** What each app service must run: an entry point of the app, through the ts-node runner. */
const APP_COMMANDS: Record<string, { project: string; entry: string; args: string[] }> = {
  migrate: { project: 'apps/platform', entry: 'apps/platform/src/cli.ts', args: ['migrate'] },
  ingestion: { project: 'apps/ingestion', entry: 'apps/ingestion/src/main.ts', args: [] },
  api: { project: 'apps/api', entry: 'apps/api/src/main.ts', args: [] },
  worker: { project: 'apps/worker', entry: 'apps/worker/src/main.ts', args: [] },
};
/** Files the compose mounts that are generated, not committed: each has a committed example of its format. */
const GENERATED = ['infra/mosquitto/passwords', 'infra/mosquitto/acl'];
const CREDENTIALS_COMMAND = 'npm run mqtt:credentials';
const CONFIG_NAMES = CONFIG_VARIABLES.map((v) => v.name);

function service(name: string): Service {
  const found = services[name];
  if (!found) throw new Error(`infra/docker-compose.yml has no service "${name}"`);
  return found;
}

// --- compose interpolation, with infra/.env.example as the env file ------------------------------------------

const envExample = parseEnvFile(read('infra/.env.example'));
/** infra/.env.example less the variables the compose file has defaults for: a minimal infra/.env. */
const envRequired = Object.fromEntries(
  Object.entries(envExample).filter(([name]) => !new RegExp(`\\$\\{${name}:?-`).test(composeText)),
);

/** Compose's ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $VAR and $$; `missing` collects required names without a value. */
function interpolate(value: string, vars: Record<string, string>, missing: Set<string>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced?: string, colon?: string, op?: string, word?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = (braced ?? bare)!;
      const value = vars[name];
      const unset = value === undefined || (colon === ':' && value === '');
      if (!unset) return value;
      if (op === '-') return word ?? '';
      missing.add(name);
      return '';
    },
  );
}

function environment(svc: Service): Record<string, string> {
  const env: Record<string, string> = {};
  const raw = svc.environment ?? {};
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      const [key, ...rest] = entry.split('=');
      env[key] = rest.join('=');
    }
  } else {
    for (const [key, value] of Object.entries(raw)) env[key] = value === null ? '' : String(value);
  }
  return env;
}

function resolvedEnvironment(
  name: string,
  vars: Record<string, string> = envExample,
): Record<string, string> {
  const missing = new Set<string>();
  const env = Object.fromEntries(
    Object.entries(environment(service(name))).map(([key, value]) => [
      key,
      interpolate(value, vars, missing),
    ]),
  );
  if (missing.size > 0)
    throw new Error(`${name}: infra/.env.example does not set ${[...missing].join(', ')}`);
  return env;
}

function commandOf(svc: Service): string[] {
  const command = svc.command ?? [];
  return Array.isArray(command) ? command : command.split(/\s+/).filter(Boolean);
}

function dependencies(svc: Service): Record<string, string> {
  const deps = svc.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([d, spec]) => [d, spec?.condition ?? 'service_started']),
  );
}

interface Mount {
  source: string;
  target: string;
  createHostPath: boolean;
}

/** Bind mounts of a service, source resolved against infra/ (the compose file's folder). */
function bindMounts(svc: Service): Mount[] {
  const mounts: Mount[] = [];
  for (const volume of svc.volumes ?? []) {
    if (typeof volume === 'string') {
      const [source, target] = volume.split(':');
      if (/^[./~]/.test(source))
        mounts.push({ source: path.resolve(INFRA, source), target, createHostPath: true });
    } else if (volume.type === 'bind' && volume.source) {
      // Only an explicit `create_host_path: false` counts: what compose does when it is left out has varied.
      const createHostPath = volume.bind?.create_host_path !== false;
      mounts.push({ source: path.resolve(INFRA, volume.source), target: volume.target, createHostPath });
    }
  }
  return mounts;
}

/** The container port of each published port. */
function containerPorts(svc: Service): number[] {
  return (svc.ports ?? []).map((port) => {
    if (typeof port === 'object') return Number(port.target);
    const parts = String(port)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    return Number(parts[parts.length - 1]);
  });
}

function healthTest(svc: Service): string {
  const test = svc.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

// ----------------------------------------------------------------------------------------------------------

describe('infra/docker-compose.yml', () => {
  it.each([...INFRA_SERVICES, ...APP_SERVICES])('has the service %s, with an image or a build', (name) => {
    const svc = service(name);
    expect(Boolean(svc.image) || Boolean(svc.build)).toBe(true);
  });

  it.each([...INFRA_SERVICES, ...APP_SERVICES].filter((s) => !ONE_SHOT.includes(s)))(
    'gives %s a healthcheck',
    (name) => {
      const svc = service(name);
      expect(svc.healthcheck?.disable).not.toBe(true);
      expect(healthTest(svc)).not.toMatch(/^(NONE)?$/);
    },
  );

  it('runs the one-shot migrate once, not in a restart loop', () => {
    expect(service('migrate').restart ?? 'no').toBe('no');
  });

  it.each(APP_SERVICES)(
    'sets on %s only variables the apps read (CONFIG_VARIABLES of @hp/config)',
    (name) => {
      const unknown = Object.keys(environment(service(name))).filter((key) => !CONFIG_NAMES.includes(key));
      expect(unknown).toEqual([]);
    },
  );

  it.each(APP_SERVICES)(
    'gives %s an environment that loadConfig accepts, with infra/.env.example',
    (name) => {
      expect(() => loadConfig(resolvedEnvironment(name))).not.toThrow();
    },
  );

  it.each(APP_SERVICES)(
    'gives %s an environment that loadConfig accepts with the compose defaults',
    (name) => {
      expect(Object.keys(envRequired).length).toBeLessThan(Object.keys(envExample).length);
      expect(() => loadConfig(resolvedEnvironment(name, envRequired))).not.toThrow();
    },
  );

  it.each(APP_SERVICES)('points the URLs of %s at the compose services on their standard ports', (name) => {
    const env = resolvedEnvironment(name);
    const expected: Record<string, [string, string, string[]]> = {
      DATABASE_URL: ['timescaledb', '5432', ['postgres:', 'postgresql:']],
      MQTT_URL: ['mosquitto', '1883', ['mqtt:']],
      REDIS_URL: ['redis', '6379', ['redis:']],
    };
    for (const [variable, [host, port, protocols]] of Object.entries(expected)) {
      expect(env[variable]).toBeDefined();
      const url = new URL(env[variable]);
      expect({ variable, host: url.hostname, port: url.port }).toEqual({ variable, host, port });
      expect(protocols).toContain(url.protocol);
      expect(Object.keys(services)).toContain(host);
    }
  });

  it('gives the apps the credentials the services are started with', () => {
    const db = resolvedEnvironment('timescaledb');
    const broker = resolvedEnvironment('mosquitto');
    const missing = new Set<string>();
    const redisCommand = commandOf(service('redis')).map((part) => interpolate(part, envExample, missing));
    const requirepass = redisCommand[redisCommand.indexOf('--requirepass') + 1];
    for (const name of APP_SERVICES) {
      const env = resolvedEnvironment(name);
      const database = new URL(env.DATABASE_URL);
      expect(decodeURIComponent(database.username)).toBe(db.POSTGRES_USER);
      expect(decodeURIComponent(database.password)).toBe(db.POSTGRES_PASSWORD);
      expect(database.pathname).toBe(`/${db.POSTGRES_DB}`);
      expect(decodeURIComponent(new URL(env.REDIS_URL).password)).toBe(requirepass);
      expect([env.MQTT_USERNAME, env.MQTT_PASSWORD]).toEqual([broker.MQTT_USERNAME, broker.MQTT_PASSWORD]);
    }
    expect(missing).toEqual(new Set());
  });

  it.each(APP_SERVICES)('runs the entry point of %s through infra/scripts/run.cjs', (name) => {
    const { project, entry, args } = APP_COMMANDS[name];
    const command = commandOf(service(name));
    // node [node flags such as --max-old-space-size] infra/scripts/run.cjs [--dist] <entry> [args]
    expect(command[0]).toBe('node');
    const at = command.indexOf('infra/scripts/run.cjs');
    expect(at).toBeGreaterThan(0);
    expect(command.slice(1, at).every((flag) => flag.startsWith('--'))).toBe(true);
    const rest = command.slice(at + 1);
    expect(rest[0] === '--dist' ? rest.slice(1) : rest).toEqual([entry, ...args]);
    expect(exists(path.join(ROOT, 'infra/scripts/run.cjs'))).toBe(true);
    expect(exists(path.join(ROOT, project, 'project.json'))).toBe(true);
  });

  it('references every app entry point', () => {
    const referenced = APP_SERVICES.flatMap((name) => commandOf(service(name)));
    for (const { entry } of Object.values(APP_COMMANDS)) expect(referenced).toContain(entry);
  });

  it('probes the apps with scripts that exist, on variables they are given', () => {
    for (const name of APP_SERVICES.filter((s) => !ONE_SHOT.includes(s))) {
      const test = service(name).healthcheck?.test;
      expect(Array.isArray(test)).toBe(true);
      const [, node, script, mode, variable] = test as string[];
      expect([node, script]).toEqual(['node', 'infra/scripts/healthcheck.cjs']);
      expect(exists(path.join(ROOT, script))).toBe(true);
      expect(['http', 'connected']).toContain(mode);
      if (mode === 'connected') expect(Object.keys(environment(service(name)))).toContain(variable);
    }
  });

  it('builds the apps from the repository root with infra/docker/Dockerfile', () => {
    for (const name of APP_SERVICES) {
      const build = service(name).build;
      expect(typeof build).toBe('object');
      const { context, dockerfile } = build as { context?: string; dockerfile?: string };
      const root = path.resolve(INFRA, context ?? '.');
      expect(root).toBe(ROOT);
      expect(path.resolve(root, dockerfile ?? 'Dockerfile')).toBe(path.join(ROOT, 'infra/docker/Dockerfile'));
    }
  });

  it('mounts only files that exist, or generated ones whose format is committed and documented', () => {
    const readme = read('infra/README.md');
    const ignored = read('infra/.gitignore')
      .split('\n')
      .map((l) => l.trim());
    const mounts = Object.values(services).flatMap(bindMounts);
    expect(mounts.length).toBeGreaterThan(0);
    for (const mount of mounts) {
      const source = rel(mount.source);
      if (GENERATED.includes(source)) {
        expect({ source, example: exists(`${mount.source}.example`) }).toEqual({ source, example: true });
        expect(readme).toContain(source);
        expect(readme).toContain(`${source}.example`);
        expect(ignored).toContain(path.relative(INFRA, mount.source));
        // Otherwise a missing file silently becomes an empty folder on the host.
        expect({ source, createHostPath: mount.createHostPath }).toEqual({ source, createHostPath: false });
      } else {
        expect({ source, exists: exists(mount.source) }).toEqual({ source, exists: true });
      }
    }
    expect(readme).toContain(CREDENTIALS_COMMAND);
  });

  it('publishes the api on the port it listens on (HTTP_PORT)', () => {
    const httpPort =
      environment(service('api')).HTTP_PORT ?? CONFIG_VARIABLES.find((v) => v.name === 'HTTP_PORT')!.default;
    expect(containerPorts(service('api'))).toEqual([Number(httpPort)]);
  });

  it('starts each service after existing ones, waiting for what the condition needs', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const [dependency, condition] of Object.entries(dependencies(svc))) {
        const context = `${name} -> ${dependency}`;
        expect({ context, exists: dependency in services }).toEqual({ context, exists: true });
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy')
          expect({ context, test: healthTest(services[dependency]) }).not.toEqual({ context, test: '' });
        if (condition === 'service_completed_successfully') expect(ONE_SHOT).toContain(dependency);
      }
    }
    for (const name of APP_SERVICES.filter((s) => !ONE_SHOT.includes(s))) {
      expect(dependencies(service(name)).migrate).toBe('service_completed_successfully');
    }
    expect(dependencies(service('migrate')).timescaledb).toBe('service_healthy');
  });

  it('documents in infra/.env.example every variable it interpolates without a default', () => {
    const missing = new Set<string>();
    interpolate(composeText, envExample, missing);
    expect([...missing]).toEqual([]);
  });
});

describe('infra/docker/Dockerfile', () => {
  const dockerfile = read('infra/docker/Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'));
  const last = (keyword: string): string | undefined =>
    instructions.filter((line) => line.trim().toUpperCase().startsWith(`${keyword} `)).pop();

  it('starts an app through infra/scripts/run.cjs', () => {
    expect(last('CMD')).toMatch(/node.*infra\/scripts\/run\.cjs.*apps\/\w+\/src\/main\.ts/);
  });

  it('runs as a user other than root', () => {
    const user = last('USER')?.trim().split(/\s+/)[1];
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
  });

  it('has a healthcheck on the api health endpoint and copies what run.cjs needs', () => {
    expect(last('HEALTHCHECK')).toMatch(/infra\/scripts\/healthcheck\.cjs.*http/);
    expect(read('infra/scripts/healthcheck.cjs')).toContain('/api/health');
    for (const needed of [
      'package.json',
      'package-lock.json',
      'tsconfig.base.json',
      'infra/scripts',
      'libs',
      'simulators',
      'apps',
    ]) {
      expect(
        instructions.some((line) =>
          new RegExp(`^COPY\\s.*\\b${needed.replace('.', '\\.')}\\b`).test(line.trim()),
        ),
      ).toBe(true);
    }
    expect(exists(path.join(ROOT, 'infra/docker/Dockerfile.dockerignore'))).toBe(true);
  });

  it('installs production dependencies only, which include the TypeScript runtime', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    for (const runtime of ['ts-node', 'typescript', 'tsconfig-paths'])
      expect(Object.keys(pkg.dependencies)).toContain(runtime);
  });
});

describe('infra/mosquitto/mosquitto.conf', () => {
  const lines = read('infra/mosquitto/mosquitto.conf')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const option = (name: string): string[] =>
    lines.filter((line) => line.split(/\s+/)[0] === name).map((line) => line.split(/\s+/).slice(1).join(' '));

  it('refuses anonymous clients', () => {
    expect(option('allow_anonymous')).toEqual(['false']);
    expect(option('per_listener_settings')).not.toContain('true');
  });

  it('listens on 1883 and reads the password and ACL files the compose mounts', () => {
    expect(option('listener')).toEqual(['1883']);
    const targets = bindMounts(service('mosquitto')).map((m) => m.target);
    expect(targets).toContain('/mosquitto/config/mosquitto.conf');
    expect(option('password_file')).toHaveLength(1);
    expect(option('acl_file')).toHaveLength(1);
    expect(targets).toContain(option('password_file')[0]);
    expect(targets).toContain(option('acl_file')[0]);
  });

  it('grants the platform service account read on hp/v1/# in the ACL example', () => {
    const acl = read('infra/mosquitto/acl.example');
    expect(acl).toMatch(
      new RegExp(`^user ${envExample.MQTT_USERNAME}\\n(topic .*\\n)*topic read hp/v1/#$`, 'm'),
    );
  });
});

describe('infra/grafana/provisioning', () => {
  interface Datasource {
    uid: string;
    type: string;
    url: string;
    jsonData: { database?: string; timescaledb?: boolean };
    secureJsonData: { password: string };
  }
  const datasources = (
    parse(read('infra/grafana/provisioning/datasources/timescaledb.yaml')) as { datasources: Datasource[] }
  ).datasources;

  it('provisions TimescaleDB as uid "timescale" on the compose database', () => {
    const timescale = datasources.find((d) => d.uid === 'timescale');
    expect(timescale).toBeDefined();
    const { type, url, jsonData } = timescale!;
    expect({ type, url, timescaledb: jsonData.timescaledb }).toEqual({
      type: 'grafana-postgresql-datasource',
      url: 'timescaledb:5432',
      timescaledb: true,
    });
    expect(jsonData.database).toBe(environment(service('timescaledb')).POSTGRES_DB);
    // Its password comes from the grafana container's environment.
    const variable = /^\$\{?([A-Z_][A-Z0-9_]*)\}?$/.exec(timescale!.secureJsonData.password)?.[1];
    expect(variable).toBeDefined();
    expect(Object.keys(environment(service('grafana')))).toContain(variable);
  });

  it('loads dashboards from a folder the compose mounts', () => {
    const providers = (
      parse(read('infra/grafana/provisioning/dashboards/dashboards.yaml')) as {
        providers: { options: { path: string } }[];
      }
    ).providers;
    const targets = bindMounts(service('grafana')).map((m) => m.target);
    expect(targets).toContain('/etc/grafana/provisioning');
    for (const provider of providers) expect(targets).toContain(provider.options.path);
  });
});
