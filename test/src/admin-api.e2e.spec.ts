import { DeviceActivityRecorder } from '@hp/ingestion';
import { verifyDevicePassword } from '@hp/device-identity';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { SeededApi, startSeededApi } from './support/seeded-api';

/**
 * Issue 18, administration: the device credential and user routes on the API app over HTTP (a PostgreSQL
 * server): admins only, bad input a 400 naming the field, unknown subjects a 404, secrets answered once
 * and never stored or audited in the clear, the last message recorded in batches.
 */
interface ApiDevice {
  code: string;
  kind: string;
  parkCode: string;
  stationCode: string | null;
  hasCredential: boolean;
  lastMessageAt: string | null;
  lastMessageKind: string | null;
}

describe('admin API: devices and users', () => {
  let api: SeededApi;
  let admin: Record<string, string>;
  let park: string;
  let otherPark: string;
  let station: { code: string; parkCode: string };

  beforeAll(async () => {
    api = await startSeededApi();
    admin = api.signedIn('a-admin', 'admin');
    const refs = await api.app.get(RegistryReader).stations.listRefs();
    station = refs[0];
    park = station.parkCode;
    otherPark = refs.find((r) => r.parkCode !== park)!.parkCode;
  });

  afterAll(() => api?.close());

  const credentialOf = async (code: string) =>
    (await api.app.get(RegistryReader).devices.findRefByCode(code))?.credentialHash ?? null;

  it('issues, lists, rotates and revokes a device credential, the password answered once', async () => {
    const issued = await api.request('POST', '/admin/devices', admin, {
      code: 'ADM-AN-1',
      kind: 'analyzer',
      station: station.code,
    });
    expect(issued.status).toBe(201);
    const first = (issued.body as { password: string }).password;
    expect(await verifyDevicePassword(first, (await credentialOf('ADM-AN-1'))!)).toBe(true);

    const listed = await api.request('GET', '/admin/devices', admin);
    expect(listed.status).toBe(200);
    expect((listed.body as ApiDevice[]).find((d) => d.code === 'ADM-AN-1')).toMatchObject({
      kind: 'analyzer',
      parkCode: park,
      stationCode: station.code,
      hasCredential: true,
      lastMessageAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toMatch(/\$7\$|credentialHash|password/);

    const rotated = await api.request('POST', '/admin/devices/ADM-AN-1/rotate', admin);
    expect(rotated.status).toBe(200);
    const second = (rotated.body as { password: string; code: string }).password;
    expect(second).not.toBe(first);
    const hash = (await credentialOf('ADM-AN-1'))!;
    expect(await verifyDevicePassword(first, hash)).toBe(false);
    expect(await verifyDevicePassword(second, hash)).toBe(true);

    const revoked = await api.request('POST', '/admin/devices/ADM-AN-1/revoke', admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ code: 'ADM-AN-1', hasCredential: false });
    expect(await credentialOf('ADM-AN-1')).toBeNull();

    const trail = await api.request('GET', '/admin/audit?subject=device:ADM-AN-1', admin);
    expect((trail.body as { action: string }[]).map((e) => e.action)).toEqual([
      'device.revoke',
      'device.rotate',
      'device.credentials',
    ]);
    expect(JSON.stringify(trail.body)).not.toContain(second);
  });

  it('refuses bad device input with a 400 naming the field, an unknown device with a 404', async () => {
    const badCode = await api.request('POST', '/admin/devices', admin, {
      code: 'a b',
      kind: 'gateway',
      park,
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'code' } });
    const badKind = await api.request('POST', '/admin/devices', admin, {
      code: 'X-1',
      kind: 'toaster',
      park,
    });
    expect(badKind).toMatchObject({ status: 400, body: { details: { field: 'kind' } } });
    const noPark = await api.request('POST', '/admin/devices', admin, { code: 'X-1', kind: 'gateway' });
    expect(noPark.status).toBe(400);
    const badPath = await api.request('POST', '/admin/devices/a%20b/rotate', admin);
    expect(badPath).toMatchObject({ status: 400, body: { details: { field: 'code' } } });
    expect((await api.request('POST', '/admin/devices/NO-SUCH/rotate', admin)).status).toBe(404);
    expect((await api.request('POST', '/admin/devices/NO-SUCH/revoke', admin)).status).toBe(404);
  });

  it('refuses every admin route to the other roles with a 403', async () => {
    await api.request('POST', '/admin/devices', admin, { code: 'ADM-GW-1', kind: 'gateway', park });
    for (const role of ['officer', 'manager', 'park_operator'] as const) {
      const user = api.signedIn(`a-${role}`, role, role === 'park_operator' ? [1] : []);
      const routes: [method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown][] = [
        ['GET', '/admin/devices'],
        ['POST', '/admin/devices', { code: 'ADM-GW-2', kind: 'gateway', park }],
        ['POST', '/admin/devices/ADM-GW-1/rotate'],
        ['POST', '/admin/devices/ADM-GW-1/revoke'],
        ['GET', '/admin/users'],
        ['PATCH', '/admin/users/admin-x', { role: 'admin' }],
        ['POST', '/admin/users/admin-x/enable'],
      ];
      for (const [method, path, body] of routes)
        expect([role, method, path, (await api.request(method, path, user, body)).status]).toEqual([
          role,
          method,
          path,
          403,
        ]);
    }
    expect(await credentialOf('ADM-GW-1')).not.toBeNull();
  });

  it('changes a user role and parks, disables and enables them, all audited', async () => {
    const created = await api.request('POST', '/admin/users', admin, {
      username: 'adm-op',
      name: 'Vận hành',
      role: 'park_operator',
      parkCodes: [park],
    });
    expect(created.status).toBe(201);
    const parks = await api.app.get(RegistryReader).parks.list();
    const idOf = (code: string) => parks.find((p) => p.code === code)!.id;
    expect(created.body).toMatchObject({ user: { role: 'park_operator', parkIds: [idOf(park)] } });

    const moved = await api.request('PATCH', '/admin/users/adm-op', admin, { parkCodes: [otherPark] });
    expect(moved).toMatchObject({ status: 200, body: { role: 'park_operator', parkIds: [idOf(otherPark)] } });
    const officer = await api.request('PATCH', '/admin/users/adm-op', admin, { role: 'officer' });
    expect(officer).toMatchObject({ status: 200, body: { role: 'officer', parkIds: [] } });
    // Back to park operator without a park: refused, naming the field.
    const parkless = await api.request('PATCH', '/admin/users/adm-op', admin, { role: 'park_operator' });
    expect(parkless).toMatchObject({ status: 400, body: { details: { field: 'parkCodes' } } });
    const noPark = await api.request('PATCH', '/admin/users/adm-op', admin, {
      role: 'park_operator',
      parkCodes: ['NO-SUCH-PARK'],
    });
    expect(noPark).toMatchObject({ status: 400, body: { details: { field: 'parkCodes' } } });
    const badRole = await api.request('PATCH', '/admin/users/adm-op', admin, { role: 'king' });
    expect(badRole).toMatchObject({ status: 400, body: { details: { field: 'role' } } });
    expect((await api.request('PATCH', '/admin/users/nobody-here', admin, { name: 'X' })).status).toBe(404);
    expect((await api.request('PATCH', '/admin/users/a', admin, { name: 'X' })).status).toBe(400);

    // An admin neither disables themselves nor takes their own admin role away.
    await api.request('POST', '/admin/users', admin, { username: 'a-admin', name: 'A', role: 'admin' });
    const self = await api.request('POST', '/admin/users/a-admin/disable', admin);
    expect(self).toMatchObject({ status: 400, body: { details: { field: 'username' } } });
    const demoted = await api.request('PATCH', '/admin/users/a-admin', admin, { role: 'officer' });
    expect(demoted).toMatchObject({ status: 400, body: { details: { field: 'role' } } });

    const disabled = await api.request('POST', '/admin/users/adm-op/disable', admin);
    expect(disabled).toMatchObject({ status: 200, body: { disabled: true } });
    const enabled = await api.request('POST', '/admin/users/adm-op/enable', admin);
    expect(enabled).toMatchObject({ status: 200, body: { disabled: false, role: 'officer' } });
    expect((await api.request('POST', '/admin/users/nobody-here/enable', admin)).status).toBe(404);

    const trail = await api.request('GET', '/admin/audit?subject=user:adm-op', admin);
    expect((trail.body as { action: string }[]).map((e) => e.action)).toEqual([
      'user.enable',
      'user.disable',
      'user.change',
      'user.change',
      'user.save',
    ]);
  });

  it("records a device's last message in one batched write, never an older time over a newer", async () => {
    await api.request('POST', '/admin/devices', admin, {
      code: 'ADM-AN-2',
      kind: 'analyzer',
      station: station.code,
    });
    await api.request('POST', '/admin/devices', admin, { code: 'ADM-GW-3', kind: 'gateway', park });
    const recorder = new DeviceActivityRecorder(api.app.get(RegistryAdmin));
    try {
      const at = new Date('2026-12-01T03:00:00Z');
      recorder.note(`hp/v1/parks/${park}/stations/${station.code}/telemetry`, at);
      recorder.note('hp/v1/gateways/ADM-GW-3/telemetry', at);
      recorder.note('hp/v1/devices/ADM-GW-3/status', new Date(at.getTime() + 1000));
      recorder.note('hp/v1/gateways/NOT-A-DEVICE/telemetry', at);
      await recorder.flush();
      recorder.note('hp/v1/gateways/ADM-GW-3/telemetry', new Date(at.getTime() - 60_000));
      await recorder.flush();
    } finally {
      await recorder.onApplicationShutdown();
    }
    const devices = (await api.request('GET', '/admin/devices', admin)).body as ApiDevice[];
    expect(devices.find((d) => d.code === 'ADM-AN-2')).toMatchObject({
      lastMessageAt: '2026-12-01T03:00:00.000Z',
      lastMessageKind: 'telemetry',
    });
    expect(devices.find((d) => d.code === 'ADM-GW-3')).toMatchObject({
      lastMessageAt: '2026-12-01T03:00:01.000Z',
      lastMessageKind: 'status',
    });
  });
});
