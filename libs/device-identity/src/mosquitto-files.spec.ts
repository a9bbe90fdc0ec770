import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDataDir, TempDataDir } from '@hp/testing';
import { aclFor, PLATFORM_ACCOUNT_ACL } from './acl';
import { writeMosquittoCredentials } from './mosquitto-files';
import { verifyDevicePassword } from './password-hash';

describe('writeMosquittoCredentials', () => {
  let tmp: TempDataDir;
  beforeEach(async () => (tmp = await tempDataDir()));
  afterEach(() => tmp.remove());

  const paths = () => ({ passwordsPath: join(tmp.dir, 'passwords'), aclPath: join(tmp.dir, 'acl') });

  it('writes username:hash lines and user blocks, readable by mosquitto (0644)', async () => {
    const analyzer = aclFor({ code: 'AN-1', kind: 'analyzer' }, { parkCode: 'DV1', stationCode: 'ST01' });
    const result = await writeMosquittoCredentials({
      serviceAccounts: [{ username: 'hp-platform', password: 'pw-platform', acl: PLATFORM_ACCOUNT_ACL }],
      devices: [
        { username: 'AN-1', hash: '$7$101$c2FsdA==$aGFzaA==', acl: analyzer },
        { username: 'SC-9', hash: null, acl: { publish: [], subscribe: [] } },
      ],
      ...paths(),
    });
    expect(result).toEqual({ usernames: ['hp-platform', 'AN-1'], withoutCredential: ['SC-9'] });

    const passwords = (await readFile(paths().passwordsPath, 'utf8'))
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(passwords).toHaveLength(2);
    expect(passwords[1]).toBe('AN-1:$7$101$c2FsdA==$aGFzaA==');
    const [user, hash] = passwords[0].split(/:(.*)/s);
    expect(user).toBe('hp-platform');
    expect(await verifyDevicePassword('pw-platform', hash)).toBe(true);

    const acl = await readFile(paths().aclPath, 'utf8');
    expect(acl).toContain(
      [
        'user hp-platform',
        'topic write spBv1.0/+/NCMD/+',
        'topic read hp/v1/#',
        'topic read spBv1.0/#',
        'topic read $SYS/broker/uptime',
        '',
      ].join('\n'),
    );
    expect(acl).toContain(
      [
        'user AN-1',
        'topic write hp/v1/parks/DV1/stations/ST01/telemetry',
        'topic write hp/v1/devices/AN-1/status',
        '',
      ].join('\n'),
    );
    expect(acl).not.toContain('SC-9');
    // Comments only on lines of their own.
    for (const line of acl.split('\n')) expect(line).toMatch(/^(#.*|user \S+|topic (read|write) \S+|)$/);

    for (const file of Object.values(paths())) expect((await stat(file)).mode & 0o777).toBe(0o644);
  });

  it('refuses a username mosquitto cannot take, or one used twice', async () => {
    const acl = { publish: [], subscribe: [] };
    await expect(
      writeMosquittoCredentials({
        serviceAccounts: [{ username: 'a:b', password: 'x', acl }],
        devices: [],
        ...paths(),
      }),
    ).rejects.toThrow(/a:b/);
    await expect(
      writeMosquittoCredentials({
        serviceAccounts: [{ username: 'hp-platform', password: 'x', acl }],
        devices: [{ username: 'hp-platform', hash: '$7$1$AA==$AA==', acl }],
        ...paths(),
      }),
    ).rejects.toThrow(/used twice/);
  });
});
