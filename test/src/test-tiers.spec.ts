// Test tiers (issue 17 item 7; docs/architecture.md, "Tests"): a spec's name says its tier. A plain
// `*.spec.ts` in a lib, app or the simulators is small: pure functions, no service. One that opens a database,
// a broker or Redis is medium and says so (`*.pg.spec.ts`, `*.embedded.spec.ts`, `*.integration.spec.ts`,
// a storage `*.contract.spec.ts`); end-to-end tests live in test/src.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const MEDIUM_NAME = /\.(pg|embedded|integration|contract|e2e)\.spec\.ts$/;

/** What a spec reaches a real service through: a database, a broker, Redis or a booted app. */
const SERVICE_USE = [
  /\b(createTestDatabase|openDatabase|openTestStore|StorageModule)\b/,
  /\b(PrivatePostgres|PrivateMosquitto|PrivateRedis|connectAsync|startMosquitto)\b/,
  /\bbootstrap(Api|Worker|Ingestion|Platform)\b/,
  /\b(createDeviceFixture|startOpenDataApp|startSeededApi)\b/,
  /from '(pg|ioredis|bullmq|mqtt)'/,
  /driver: 'bullmq'/,
];

/** Small-named specs that do reach a service, each with why it keeps its name. Shrink this list; never grow it. */
const EXCEPTIONS: Record<string, string> = {
  'libs/testing/src/testing.spec.ts': "the test helpers' own spec: createTestDatabase is what it tests",
  'libs/storage/src/storage.module.spec.ts': 'the storage module wiring (migrate on boot, close on shutdown)',
  'libs/queue/src/job-queue.spec.ts': 'both queue drivers behind one contract, BullMQ on the local Redis',
  'libs/runtime/src/apps.spec.ts': 'boots each app of the split deployment (composition root)',
  'libs/device-identity/src/device-identity-cli.spec.ts':
    'the CLI against a real registry and Mosquitto files',
  'simulators/src/fleet.spec.ts': 'the simulated fleet publishing to a real MQTT broker',
  'libs/broker/src/embedded-broker.spec.ts': "the in-process broker's own spec: MQTT clients against it",
  'libs/device-identity/src/broker-auth.spec.ts': 'device log-in and ACLs against a real registry and broker',
  'libs/device-identity/src/mosquitto.spec.ts': 'the same ACL contract on a real Mosquitto',
};

function specs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return specs(path);
    return entry.name.endsWith('.spec.ts') ? [relative(ROOT, path)] : [];
  });
}

const SMALL = ['libs', 'apps', 'simulators']
  .flatMap((dir) => specs(join(ROOT, dir)))
  .filter((path) => !MEDIUM_NAME.test(path.split('/').pop()!));

const usesService = (path: string) => {
  const code = readFileSync(join(ROOT, path), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  return SERVICE_USE.some((pattern) => pattern.test(code));
};

describe('test tiers', () => {
  it('finds the small specs (a sanity check of the walk)', () => {
    expect(SMALL).toContain('libs/compliance/src/judgement/judge-day.spec.ts');
    expect(SMALL).toContain('libs/waste/src/lifecycle/lot-fold.spec.ts');
  });

  it('keeps every small-named spec off databases, brokers and Redis, except those listed with a reason', () => {
    const offenders = SMALL.filter((path) => !(path in EXCEPTIONS) && usesService(path));
    expect(offenders).toEqual([]);
  });

  it('lists only exceptions that still exist and still reach a service', () => {
    const stale = Object.keys(EXCEPTIONS).filter((path) => !SMALL.includes(path) || !usesService(path));
    expect(stale).toEqual([]);
  });
});
