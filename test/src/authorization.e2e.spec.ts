import { INestApplication } from '@nestjs/common';
import { mulberry32 } from '@hp/simulators';
import { AuthService, hashUserPassword, UserAccounts, UserRole } from '@hp/accounts';
import { AlertConfiguration, AlertLifecycle } from '@hp/alerting';
import { WasteWriter } from '@hp/waste';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { parseReportPeriod, ReportSubmissionsService } from '@hp/reports';
import { SeededApi, startSeededApi } from './support/seeded-api';
import { apiAccess } from './support/served-routes';

/**
 * Every HTTP route x every role, on the real API app: anonymous calls are refused (401) except the public
 * routes, role-restricted routes refuse the other roles (403), city-wide routes refuse park operators, and
 * a park operator reaches only resources of the parks they look after. Plus sign-in: wrong passwords,
 * the failed-login limit, refresh-token rotation, disabled accounts.
 */
const ROLES: readonly UserRole[] = ['admin', 'officer', 'manager', 'park_operator'];
const MINE = 'VSIP-HP';
const OTHER = 'DEEPC-HP1';
/** The API's routes with the @Access each handler declares (undefined: none, so the guard refuses it). */
const ACCESS = apiAccess();

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
    const parks = app.get(RegistryReader).parks;
    const mine = (await parks.findByCode(MINE))!;
    const other = (await parks.findByCode(OTHER))!;
    const refs = await app.get(RegistryReader).stations.listRefs();
    const rule = await app
      .get(AlertConfiguration)
      .saveRule({ code: 'authz', kind: 'waste_violation' }, 'e2e');
    for (const [side, park] of [
      ['mine', mine],
      ['other', other],
    ] as const) {
      const station = refs.find((r) => r.parkCode === park.code)!;
      const lot = `AUTHZ-${park.code}`;
      await app.get(WasteWriter).saveFoldedLot({
        lotCode: lot,
        state: 'stored',
        // Names the park, so a report that wrongly includes this lot shows it.
        generatorCode: `GEN-${park.code}`,
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
      const { alert } = await app.get(AlertLifecycle).raise({
        ruleId: rule.id,
        subject: `lot:${lot}`,
        kind: 'waste_violation',
        severity: 'warning',
        parkId: park.id,
        stationId: null,
        reason: { code: 'TEXT', params: { text: 'x' } },
        details: {},
        at: new Date(),
      });
      const submission = await app
        .get(ReportSubmissionsService)
        .create(
          park.code,
          parseReportPeriod('2026-11'),
          { progress: '', difficulties: '', proposals: '' },
          'e2e',
        );
      // A permit per side: the park of /permits/:id is its station's.
      const permit = await app.get(RegistryAdmin).recordDischargePermit({
        stationId: station.id,
        standardVersion: 'QCVN40:2011',
        columnCode: 'B',
        effectiveFrom: '2026-01-01',
        parameters: ['COD'],
      });
      resources[side] = {
        submission: String(submission.id),
        permit: String(permit.id),
        code: park.code,
        id: String(station.id),
        lot,
        alert: String(alert.id),
        manifest: `M-${park.code}`,
        parkId: String(park.id),
      };
    }
    const users = app.get(UserAccounts);
    for (const role of ROLES) {
      const user = await users.save({
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
    const submissionRoute = pattern.startsWith('/api/report-submissions/:id');
    const permitRoute = pattern.startsWith('/api/permits/:id');
    let path = pattern
      .replace(':code', lotRoute ? r['lot'] : r['code'])
      .replace(
        ':id',
        alertRoute ? r['alert'] : submissionRoute ? r['submission'] : permitRoute ? r['permit'] : r['id'],
      )
      .replace(':username', 'u-disposable'); // disabling a user ends their tokens: not one used here
    if (key === 'GET /api/waste/manifests') path += `?number=${encodeURIComponent(r['manifest'])}`;
    if (
      key === 'GET /api/waste/reports/annual' ||
      key === 'GET /api/reports/progress' ||
      key === 'POST /api/report-submissions'
    )
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
    const declared = Object.keys(ACCESS).filter((k) => ACCESS[k] !== undefined && k !== 'GET /metrics');
    expect(served.sort()).toEqual(declared.sort());
  });

  it('documents each route parameter once in OpenAPI, with the one form the route accepts', async () => {
    const docs = (await (await fetch(`${url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: object }[] }>>;
    };
    const problems: string[] = [];
    for (const [path, ops] of Object.entries(docs.paths))
      for (const [method, op] of Object.entries(ops)) {
        const names = (op.parameters ?? []).map((p) => `${p.in}:${p.name}`);
        if (new Set(names).size !== names.length) problems.push(`${method} ${path}: ${names.join(', ')}`);
      }
    expect(problems).toEqual([]);
    const param = (path: string, name: string) =>
      docs.paths[path]['get'].parameters?.find((p) => p.name === name)?.schema;
    expect(param('/api/stations/{id}', 'id')).toMatchObject({ type: 'integer', minimum: 1 });
    expect(param('/api/parks/{code}', 'code')).toMatchObject({
      type: 'string',
      pattern: '^[A-Z0-9-]{1,64}$',
    });
    expect(param('/api/reports/progress', 'park')).toMatchObject({ pattern: '^[A-Z0-9-]{1,64}$' });
    expect(param('/api/reports/progress', 'parkId')).toBeUndefined();
    expect(param('/api/compliance/kpi', 'date')).toMatchObject({ type: 'string', format: 'date' });
    expect(param('/api/waste/manifests', 'number')).toMatchObject({ type: 'string' });
  });

  it.each(Object.keys(ACCESS).filter((k) => k !== 'GET /metrics'))('%s', async (key) => {
    const policy = ACCESS[key];
    if (policy === undefined) throw new Error(`${key} declares no @Access`);
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

  /**
   * Property: whatever the spelling of a route's ids, codes and query (leading zeros, signs, whitespace,
   * other digits and letter case, percent-encodings, repeated and unknown parameters, `parkId` beside
   * `park`), a park operator never receives another park's data, and nothing answers 5xx. Requests are
   * generated from a seed over every route the API serves; a 2xx answer must name no other park's code,
   * park id, station id, lot or manifest.
   */
  it('never gives a park operator another park’s data, whatever the spelling of the request (seeded property test)', async () => {
    const next = mulberry32(15_003);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    const parks = await app.get(RegistryReader).parks.list();
    const refs = await app.get(RegistryReader).stations.listRefs();
    const mineId = Number(resources.mine['parkId']);
    const myStations = new Set(refs.filter((r) => r.parkCode === MINE).map((r) => r.id));
    const foreignCodes = parks.filter((p) => p.code !== MINE).map((p) => p.code);
    const foreignCode = new RegExp(
      `(?<![A-Za-z0-9])(${foreignCodes.map(escapeRegExp).join('|')})(?![A-Za-z0-9])`,
    );
    /** What in an answer shows another park's data; null when nothing does. */
    const leak = (body: string, disposition: string | null): string | null => {
      const code = foreignCode.exec(body) ?? foreignCode.exec(disposition ?? '');
      if (code) return `names park ${code[1]}`;
      for (const [, id] of body.matchAll(/"parkId":(\d+)/g)) if (Number(id) !== mineId) return `parkId ${id}`;
      for (const [, id] of body.matchAll(/"stationId":(\d+)/g))
        if (!myStations.has(Number(id))) return `stationId ${id}`;
      for (const marker of [resources.other['lot'], resources.other['manifest']])
        if (body.includes(marker)) return `names ${marker}`;
      return null;
    };

    const r = (side: 'mine' | 'other') => resources[side];
    const enc = encodeURIComponent;
    /** Other spellings of an id, as URL text (path or query value). */
    const idSpellings = (id: string): string[] => [
      `0${id}`,
      `00${id}`,
      `+${id}`,
      `%2B${id}`,
      `-${id}`,
      `%20${id}`,
      `${id}%20`,
      `%09${id}`,
      `${id}.0`,
      `${id}e0`,
      `0x${Number(id).toString(16)}`,
      enc(digitsIn(id, 0x0660)), // Arabic-Indic digits
      enc(digitsIn(id, 0xff10)), // full-width digits
      `%3${id[0]}${id.slice(1)}`, // a percent-encoded digit: canonical once decoded
      `%2530${id}`, // double-encoded leading zero
      `${id}%00`,
      `${id}/`,
    ];
    /** Other spellings of a code, as URL text. */
    const codeSpellings = (code: string): string[] => [
      code.toLowerCase(),
      code[0].toLowerCase() + code.slice(1),
      `%20${code}`,
      `${code}%20`,
      `${code}.`,
      `%${code.charCodeAt(0).toString(16).toUpperCase()}${code.slice(1)}`,
      `%25${code.charCodeAt(0).toString(16).toUpperCase()}${code.slice(1)}`,
      enc(code.replace('I', '\u0130').replace('E', '\u0415')), // Turkish dotted I, Cyrillic Ie
      `${code}%00`,
      enc(`${code}\u200b`), // zero-width space
    ];
    /** Query strings that name both parks, or name a park twice, or under another spelling of its name. */
    const parkQueryMixups = (): string[] => {
      const [mine, other] = [r('mine'), r('other')];
      return [
        `parkId=${mine['parkId']}`,
        `parkId=${mine['parkId']}&park=${other['code']}`,
        `park=${other['code']}&parkId=${mine['parkId']}`,
        `park=${mine['code']}&park=${other['code']}`,
        `park=${other['code']}&park=${mine['code']}`,
        `park=${mine['code']}&Park=${other['code']}`,
        `park=${mine['code']}&park%5B%5D=${other['code']}`,
        `park%5B%5D=${other['code']}&park=${mine['code']}`,
        `park=${mine['code']}&parkCode=${other['code']}`,
        `park=${mine['code']},${other['code']}`,
        `p%61rk=${other['code']}&park=${mine['code']}`,
        ...codeSpellings(other['code']).map((c) => `park=${c}`),
        ...codeSpellings(mine['code']).map((c) => `park=${c}`),
      ];
    };
    const extras = (): string[] => [
      'x=1',
      `parkId=${r('mine')['parkId']}`,
      `park=${r('mine')['code']}`,
      `park=${r('other')['code']}`,
      `parkId=${r('other')['parkId']}`,
      `id=${r('mine')['id']}`,
      'format=csv&format=pdf',
    ];

    interface Probe {
      readonly key: string;
      readonly method: string;
      readonly path: string;
      readonly query: string;
    }
    const probes: Probe[] = [];
    const routes = Object.keys(ACCESS).filter(
      // /metrics is served outside /api; the live stream never ends (its filter is tested in the alerts suite).
      // Signing in holds no park's data, and failed sign-ins would count against the later login test.
      (k) => k !== 'GET /metrics' && k !== 'GET /api/alerts/stream' && !k.startsWith('POST /api/auth/'),
    );
    for (const key of routes) {
      const [method, pattern] = key.split(' ');
      const params = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]);
      /** The resource a route parameter names, on one side. */
      const value = (param: string, side: 'mine' | 'other'): string =>
        param === 'username'
          ? 'u-disposable'
          : param === 'code'
            ? pattern.startsWith('/api/waste/lots/')
              ? r(side)['lot']
              : pattern.startsWith('/api/waste/parties/')
                ? 'NO-SUCH-PARTY'
                : r(side)['code']
            : pattern.startsWith('/api/alerts/')
              ? r(side)['alert']
              : r(side)['id'];
      const base = (side: 'mine' | 'other'): string[] => {
        const q: string[] = [];
        if (key === 'GET /api/waste/manifests') q.push(`number=${enc(r(side)['manifest'])}`);
        if (key === 'GET /api/waste/reports/annual' || key === 'GET /api/reports/progress')
          q.push(`park=${r(side)['code']}`);
        if (key === 'GET /api/reports/progress') q.push('format=csv');
        return q;
      };
      const path = (spelled: Record<string, string>) =>
        pattern.replace(/:(\w+)/g, (_, p: string) => spelled[p]).replace(/^\/api/, '');
      const canonical = (side: 'mine' | 'other') =>
        Object.fromEntries(params.map((p) => [p, enc(value(p, side))]));
      const add = (spelled: Record<string, string>, query: string[]) =>
        probes.push({ key, method, path: path(spelled), query: query.join('&') });

      add(canonical('mine'), base('mine'));
      add(canonical('other'), base('other'));
      // Each parameter of the path in each other spelling, naming the other park's resource (and mine).
      for (const p of params) {
        for (const side of ['other', 'mine'] as const) {
          const v = value(p, side);
          const spellings = /^\d+$/.test(v) ? idSpellings(v) : codeSpellings(v);
          for (const spelling of spellings) add({ ...canonical(side), [p]: spelling }, base(side));
        }
      }
      // The query: a park named twice or in another spelling, a manifest named twice, unknown parameters.
      if (key === 'GET /api/waste/reports/annual' || key === 'GET /api/reports/progress') {
        const format = key === 'GET /api/reports/progress' ? ['format=csv'] : [];
        for (const q of parkQueryMixups()) add({}, [q, ...format]);
      }
      if (key === 'GET /api/waste/manifests') {
        const [mine, other] = [enc(r('mine')['manifest']), enc(r('other')['manifest'])];
        for (const q of [
          `number=${mine}&number=${other}`,
          `number=${other}&number=${mine}`,
          `number=${mine}&number%5B%5D=${other}`,
          `number=${other.toLowerCase()}`,
          `number=%20${other}`,
          `number=${mine}&park=${r('other')['code']}`,
        ])
          add({}, [q]);
      }
      for (const extra of extras())
        add(canonical(pick(['mine', 'other'] as const)), [...base('mine'), extra]);
      // And random mixtures of all of the above.
      for (let i = 0; i < 6; i++) {
        const side = pick(['mine', 'other'] as const);
        const spelled = canonical(side);
        for (const p of params) {
          const v = value(p, pick(['mine', 'other'] as const));
          if (next() < 0.7) spelled[p] = pick(/^\d+$/.test(v) ? idSpellings(v) : codeSpellings(v));
        }
        add(spelled, [...base(side), pick(extras()), ...(next() < 0.5 ? [pick(parkQueryMixups())] : [])]);
      }
    }

    const operator = tokens.get('park_operator')!;
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const probe = async ({ key, method, path, query }: Probe): Promise<void> => {
      const target = `${url}${path}${query ? `?${query}` : ''}`;
      const response = await fetch(target, {
        method,
        headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const body = await response.text();
      if (response.status >= 500)
        failures.push(`${method} ${target}: ${response.status} ${body.slice(0, 120)}`);
      // Open data (public) and reference data (any signed-in user) are everyone's by policy.
      else if (response.status < 300 && !['public', 'any'].includes(ACCESS[key]?.access ?? 'none')) {
        const found = leak(body, response.headers.get('content-disposition'));
        if (found) failures.push(`${key}: ${method} ${target}: ${response.status}, ${found}`);
      }
    };
    for (let i = 0; i < probes.length; i += 8) await Promise.all(probes.slice(i, i + 8).map(probe));

    const counts = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
    console.log(
      `authorization property: ${probes.length} requests over ${routes.length} routes (${counts.join(', ')})`,
    );
    // The probe reaches data at all: the operator's own resources answer 2xx.
    expect([...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(20);
    expect({ failures: failures.slice(0, 25), count: failures.length }).toEqual({ failures: [], count: 0 });
  }, 600_000);

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
    await app.get(UserAccounts).setDisabled('u-officer', true);
    expect(
      (await post('/auth/login', { username: 'u-officer', password: 'officer-password-1' })).status,
    ).toBe(401);
    // Failures count per (username, client address) pair, never per username alone; the limit here is 3,
    // then the pair waits, longer after each further failure.
    for (let i = 0; i < 3; i++) {
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

/** The decimal digits of an id written in another script's digits (from that script's zero). */
function digitsIn(id: string, zero: number): string {
  return [...id].map((d) => String.fromCharCode(zero + Number(d))).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
