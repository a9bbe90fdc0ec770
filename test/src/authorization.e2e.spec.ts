import { INestApplication } from '@nestjs/common';
import { ACCESS_POLICIES, AuthService, hashUserPassword } from '@hp/accounts';
import {
  AlertRulesRepository,
  AlertsRepository,
  ParksRepository,
  StationsRepository,
  UserRole,
  UsersRepository,
  WasteLotsRepository,
} from '@hp/storage';
import { SeededApi, startSeededApi } from './support/seeded-api';

/**
 * Every HTTP route x every role, on the real API app: anonymous calls are refused (401) except the public
 * routes, role-restricted routes refuse the other roles (403), city-wide routes refuse park operators, and
 * a park operator reaches only resources of the parks they look after. Plus sign-in: wrong passwords,
 * the failed-login limit, refresh-token rotation, disabled accounts.
 */
const ROLES: readonly UserRole[] = ['admin', 'officer', 'manager', 'park_operator'];
const MINE = 'VSIP-HP';
const OTHER = 'DEEPC-HP1';

describe('authorization of every endpoint for every role', () => {
  let api: SeededApi | undefined;
  let app: INestApplication;
  let url: string;
  const tokens = new Map<UserRole, string>();
  /** Route params and queries naming a resource of the operator's park, or of another park. */
  const resources: Record<'mine' | 'other', Record<string, string>> = { mine: {}, other: {} };

  beforeAll(async () => {
    api = await startSeededApi({ AUTH_MAX_FAILED_LOGINS: '3' });
    ({ app, url } = api);
    const parks = app.get(ParksRepository);
    const mine = (await parks.findByCode(MINE))!;
    const other = (await parks.findByCode(OTHER))!;
    const refs = await app.get(StationsRepository).listRefs();
    const rule = await app.get(AlertRulesRepository).upsert({ code: 'authz', kind: 'waste_violation' });
    for (const [side, park] of [
      ['mine', mine],
      ['other', other],
    ] as const) {
      const station = refs.find((r) => r.parkCode === park.code)!;
      const lot = `AUTHZ-${park.code}`;
      await app.get(WasteLotsRepository).upsert({
        lotCode: lot,
        state: 'stored',
        generatorCode: null,
        parkId: park.id,
        wasteCode: '16 01 12',
        anchorAt: new Date(),
        generatedAt: new Date(),
        generatedKg: 1,
        manifestNumber: `M-${park.code}`,
        transporterCode: null,
        facilityCode: null,
        handedOverAt: null,
        handedOverKg: null,
        receivedAt: null,
        receivedKg: null,
        treatedAt: null,
        treatmentMethod: null,
        certificate: null,
        findings: [],
        eventCount: 1,
      });
      const { alert } = await app.get(AlertsRepository).openOrRepeat(
        {
          ruleId: rule.id,
          subject: `lot:${lot}`,
          kind: 'waste_violation',
          severity: 'warning',
          parkId: park.id,
          stationId: null,
          message: 'x',
          details: {},
          at: new Date(),
        },
        false,
      );
      resources[side] = {
        code: park.code,
        id: String(station.id),
        lot,
        alert: String(alert.id),
        manifest: `M-${park.code}`,
        parkId: String(park.id),
      };
    }
    const users = app.get(UsersRepository);
    for (const role of ROLES) {
      const user = await users.upsert({
        username: `u-${role}`,
        name: role,
        role,
        parkIds: role === 'park_operator' ? [mine.id] : [],
        passwordHash: await hashUserPassword(`${role}-password-1`),
      });
      tokens.set(role, app.get(AuthService).accessToken(user));
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  /** A concrete request for a policy key, naming a resource of one side. */
  function request(key: string, side: 'mine' | 'other'): { method: string; path: string } {
    const [method, pattern] = key.split(' ');
    const r = resources[side];
    const lotRoute = pattern.startsWith('/api/waste/lots/');
    const alertRoute = pattern.startsWith('/api/alerts/:id');
    let path = pattern
      .replace(':code', lotRoute ? r['lot'] : r['code'])
      .replace(':id', alertRoute ? r['alert'] : r['id'])
      .replace(':username', 'u-manager');
    if (key === 'GET /api/waste/manifests') path += `?number=${encodeURIComponent(r['manifest'])}`;
    if (key === 'GET /api/waste/reports/annual' || key === 'GET /api/reports/progress')
      path += `?park=${r['code']}`;
    return { method, path: path.replace(/^\/api/, '') };
  }

  async function call(key: string, side: 'mine' | 'other', token?: string): Promise<number> {
    const { method, path } = request(key, side);
    const controller = new AbortController();
    const response = await fetch(`${path === '/metrics' ? url.replace(/\/api$/, '') : url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: method === 'POST' ? '{}' : undefined,
      signal: controller.signal,
    });
    controller.abort(); // a live stream would never end
    return response.status;
  }

  it('has a policy for every route the API serves, and no policy for a route that does not exist', async () => {
    const docs = (await (await fetch(`${url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(docs.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const api = Object.keys(ACCESS_POLICIES).filter((k) => k !== 'GET /metrics');
    expect(served.sort()).toEqual(api.sort());
  });

  it.each(Object.keys(ACCESS_POLICIES).filter((k) => k !== 'GET /metrics'))('%s', async (key) => {
    const policy = ACCESS_POLICIES[key];
    const anonymous = await call(key, 'mine');
    if (policy.access === 'public') {
      expect(anonymous).not.toBe(401);
      return;
    }
    expect({ key, anonymous }).toEqual({ key, anonymous: 401 });
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const role of ROLES) {
      const allowedRole = !('roles' in policy) || policy.roles === undefined || policy.roles.includes(role);
      const operator = role === 'park_operator';
      const own = await call(key, 'mine', tokens.get(role));
      outcome[`${role} own park`] = own === 403 ? 'refused' : 'allowed';
      expected[`${role} own park`] =
        allowedRole && !(operator && policy.access === 'city') ? 'allowed' : 'refused';
      if (policy.access === 'park') {
        const other = await call(key, 'other', tokens.get(role));
        outcome[`${role} other park`] = other === 403 ? 'refused' : 'allowed';
        expected[`${role} other park`] = allowedRole && !operator ? 'allowed' : 'refused';
      }
    }
    expect(outcome).toEqual(expected);
  });

  it('filters lists to a park operator’s parks', async () => {
    const get = async (path: string, role: UserRole) =>
      (await (
        await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${tokens.get(role)}` } })
      ).json()) as Record<string, unknown>[];
    expect((await get('/parks', 'park_operator')).map((p) => p['code'])).toEqual([MINE]);
    expect((await get('/parks', 'officer')).length).toBeGreaterThan(1);
    expect((await get('/alerts', 'park_operator')).map((a) => a['parkId'])).toEqual([
      Number(resources.mine['parkId']),
    ]);
    expect(new Set((await get('/stations', 'park_operator')).map((s) => s['parkCode']))).toEqual(
      new Set([MINE]),
    );
  });

  it('records user, credential and alert changes in the audit log, without secrets', async () => {
    const admin = { authorization: `Bearer ${tokens.get('admin')}`, 'content-type': 'application/json' };
    const saved = await fetch(`${url}/admin/users`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ username: 'audited', name: 'Audited', role: 'officer' }),
    });
    const { password } = (await saved.json()) as { password: string };
    expect(password.length).toBeGreaterThanOrEqual(12);
    await fetch(`${url}/admin/devices`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ code: 'AUDIT-GW', kind: 'gateway', park: MINE }),
    });
    const trail = (await (await fetch(`${url}/admin/audit`, { headers: admin })).json()) as {
      actor: string;
      action: string;
      subject: string;
    }[];
    // The alert was acknowledged earlier in this suite (every role tried); its first acknowledgement is recorded.
    expect(trail.map((e) => [e.actor, e.action, e.subject])).toEqual(
      expect.arrayContaining([
        ['u-admin', 'user.save', 'user:audited'],
        ['u-admin', 'device.credentials', 'device:AUDIT-GW'],
        [expect.any(String), 'alert.acknowledge', `alert:${resources.mine['alert']}`],
      ]),
    );
    const text = JSON.stringify(trail);
    expect(text).not.toContain(password);
    expect(text).not.toMatch(/\$7\$|passwordHash/);
  });

  it('signs in, refreshes once per refresh token, limits failed logins and refuses disabled accounts', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const login = await post('/auth/login', {
      username: 'u-park_operator',
      password: 'park_operator-password-1',
    });
    expect(login.status).toBe(200);
    const pair = (await login.json()) as {
      accessToken: string;
      refreshToken: string;
      user: { parkCodes: string[]; role: string };
    };
    expect(pair.user).toMatchObject({ role: 'park_operator', parkCodes: [MINE] });
    const me = await fetch(`${url}/auth/me`, { headers: { authorization: `Bearer ${pair.accessToken}` } });
    expect(await me.json()).toMatchObject({ username: 'u-park_operator', parkCodes: [MINE] });
    const refreshed = await post('/auth/refresh', { refreshToken: pair.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await post('/auth/refresh', { refreshToken: pair.refreshToken })).status).toBe(401); // spent
    expect(
      (await fetch(`${url}/parks`, { headers: { authorization: `Bearer ${pair.accessToken}x` } })).status,
    ).toBe(401);

    // A disabled account cannot sign in (one failure, from this test's one client address).
    await app.get(UsersRepository).setDisabled('u-officer', true);
    expect(
      (await post('/auth/login', { username: 'u-officer', password: 'officer-password-1' })).status,
    ).toBe(401);
    // Failures count per username and per client address; the limit here is 3.
    for (let i = 0; i < 2; i++) {
      const wrong = await post('/auth/login', { username: 'u-manager', password: 'nope' });
      expect(await wrong.json()).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'wrong username or password',
      });
    }
    const limited = await post('/auth/login', { username: 'u-manager', password: 'manager-password-1' });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      details: { retryAfterSeconds: expect.any(Number) },
    });
  });
});
