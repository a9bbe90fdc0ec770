import { readFile } from 'node:fs/promises';
import { RegistryReader } from '@hp/registry';
import { runDeviceIdentityCli } from './device-identity-cli';
import { verifyDevicePassword } from './password-hash';
import { createDeviceFixture, DeviceFixture, OWN_STATION, PARK } from './spec-support/device-fixture';

async function run(
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDeviceIdentityCli(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('device identity commands', () => {
  let fixture: DeviceFixture;
  beforeAll(async () => (fixture = await createDeviceFixture()));
  afterAll(() => fixture?.cleanup());

  it('devices-add stores only the hash of the password it prints once', async () => {
    const { code, out } = await run(
      ['devices-add', '--code', 'AN-NEW', '--kind', 'analyzer', '--station', OWN_STATION],
      {
        DATABASE_URL: fixture.databaseUrl,
      },
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^created analyzer AN-NEW \(park TP1, station ST-A\)/);
    const password = /password: (\S+)/.exec(out)![1];
    expect(out.split(password)).toHaveLength(2); // printed exactly once
    const device = (await new RegistryReader(fixture.db).devices.findRefByCode('AN-NEW'))!;
    expect(device).toMatchObject({ kind: 'analyzer', parkCode: PARK, stationCode: OWN_STATION });
    expect(device.credentialHash).not.toContain(password);
    expect(await verifyDevicePassword(password, device.credentialHash!)).toBe(true);

    // Again: a new password replaces the old one.
    const again = await run(
      ['devices-add', '--code', 'AN-NEW', '--kind', 'analyzer', '--station', OWN_STATION],
      {
        DATABASE_URL: fixture.databaseUrl,
      },
    );
    expect(again.out).toMatch(/^updated analyzer AN-NEW/);
    const rotated = (await new RegistryReader(fixture.db).devices.findRefByCode('AN-NEW'))!.credentialHash!;
    expect(await verifyDevicePassword(password, rotated)).toBe(false);
  });

  it('mqtt-credentials wrote every device with a credential and the service accounts, and said so', async () => {
    const passwords = await readFile(fixture.passwordsPath, 'utf8');
    const users = passwords
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(':')[0]);
    // The healthcheck and the Sparkplug command client have accounts of their own: with use_username_as_clientid it would replace the consumer.
    expect(users).toEqual([
      'hp-platform',
      'hp-platform-healthcheck',
      'hp-platform-spb-cmd',
      'hp-simulator',
      'AN-A',
      'GW-1',
    ]);
    expect(passwords).not.toContain(fixture.platform.password);
    expect(passwords).not.toContain(fixture.analyzer.password);
    const summary = fixture.output.join('\n');
    expect(summary).toContain('6 accounts');
    expect(summary).toContain('no credential yet (devices-add gives one): SCALE-NOCRED');
    expect(summary).not.toContain(fixture.platform.password);
  });

  it('names the missing service account variable', async () => {
    const noPassword = await run(['mqtt-credentials', '--env-file', '/dev/null'], {
      MQTT_USERNAME: 'hp-platform',
    });
    expect(noPassword).toMatchObject({ code: 2, err: expect.stringMatching(/^MQTT_PASSWORD is not set/) });
    const noUser = await run(['mqtt-credentials', '--env-file', '/dev/null'], { MQTT_PASSWORD: 'x' });
    expect(noUser.err).toMatch(/^MQTT_USERNAME is not set/);
  });

  it.each([
    [['devices-add', '--code', 'a/b', '--kind', 'analyzer', '--station', OWN_STATION], /--code must match/],
    [
      ['devices-add', '--code', 'X1', '--kind', 'pump', '--park', PARK],
      /--kind must be one of analyzer, gateway, scale/,
    ],
    [['devices-add', '--code', 'X1', '--kind', 'analyzer', '--park', PARK], /analyzer needs --station/],
    [
      ['devices-add', '--code', 'X1', '--kind', 'gateway', '--station', OWN_STATION],
      /gateway is bound to a park/,
    ],
    [['devices-add', '--code', 'X1', '--kind', 'scale', '--park', 'NOPE'], /no park "NOPE"/],
    [['devices-add', '--code', 'X1', '--kind', 'analyzer', '--station', 'NOPE'], /no station "NOPE"/],
    [
      ['devices-add', '--code', 'X1', '--kind', 'analyzer', '--station', OWN_STATION, '--park', 'OTHER'],
      /is in park TP1, not OTHER/,
    ],
    [['devices-add', '--bogus'], /Unknown option '--bogus'/],
    [['nothing'], /unknown command "nothing"/],
  ])('refuses %j', async (argv, message) => {
    const { code, err } = await run(argv, { DATABASE_URL: fixture.databaseUrl });
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
