import { INestApplication } from '@nestjs/common';
import { AuthService, hashUserPassword, runUsersCli, UserAccounts, UserRole } from '@hp/accounts';
import { ConfigError, loadConfig } from '@hp/config';
import { hashDevicePassword } from '@hp/device-identity';
import { bootstrapApi } from '@hp/runtime';
import { AlertConfiguration, AlertLifecycle, AlertOccurrence, AlertView } from '@hp/alerting';
import { waitFor } from '@hp/testing';
import { SeededApi, startSeededApi } from './support/seeded-api';

/**
 * Issue 15, findings 4 and 8, on the real API app over HTTP on a PostgreSQL server (pg driver): the alert
 * stream gives one event per change, a disabled user is out at once (requests and open streams), the
 * stream opens with a single-use ticket (never a token in the URL), and sign-in resists guessing,
 * timing and lock-out abuse, behind trusted proxies only.
 */
const PASSWORD = 'right-password-1234';
/** The stream's poll period (ALERT_STREAM_POLL_MS in @hp/alerting). */
const POLL_MS = 500;

interface LiveStream {
  /** Every `event: alert` so far, as parsed JSON. */
  readonly events: AlertView[];
  /** Set when the server ended the stream. */
  readonly ended: () => boolean;
  close(): void;
}

describe('alert stream and accounts on a PostgreSQL server', () => {
  let api: SeededApi | undefined;
  let app: INestApplication;
  let url: string;
  let users: UserAccounts;
  let alerts: AlertLifecycle;
  let ruleId: number;
  const streams: LiveStream[] = [];

  beforeAll(async () => {
    api = await startSeededApi({
      AUTH_TRUSTED_PROXIES: '127.0.0.1',
      AUTH_MAX_FAILED_LOGINS: '3',
      AUTH_MAX_FAILED_LOGINS_PER_ADDRESS: '20',
    });
    ({ app, url } = api);
    users = app.get(UserAccounts);
    alerts = app.get(AlertLifecycle);
    ruleId = (
      await app.get(AlertConfiguration).saveRule({ code: 'hardening', kind: 'waste_violation' }, 'e2e')
    ).id;
    const hash = await hashUserPassword(PASSWORD);
    const accounts: [string, UserRole][] = [
      ['h-admin', 'admin'],
      ['h-officer', 'officer'],
      ['h-disable-me', 'officer'],
      ['h-victim', 'manager'],
      ['h-reset', 'officer'],
      ['h-timing', 'officer'],
    ];
    for (const [username, role] of accounts)
      await users.save({ username, name: username, role, passwordHash: hash });
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await api?.close();
  });

  /** Signs in over HTTP, as the client at `address` behind the trusted proxy (127.0.0.1). */
  function login(username: string, password: string, address: string): Promise<Response> {
    return fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ username, password }),
    });
  }

  async function tokensOf(username: string, address: string) {
    const response = await login(username, PASSWORD, address);
    expect(response.status).toBe(200);
    return (await response.json()) as { accessToken: string; refreshToken: string };
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function openStream(path: string, headers: Record<string, string> = {}): Promise<LiveStream> {
    const controller = new AbortController();
    const response = await fetch(`${url}${path}`, { headers, signal: controller.signal });
    expect(response.status).toBe(200);
    const events: AlertView[] = [];
    let ended = false;
    let text = '';
    const reader = response.body!.getReader();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += Buffer.from(value).toString('utf8');
        const blocks = text.split('\n\n');
        text = blocks.pop() ?? '';
        for (const block of blocks) {
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (block.includes('event: alert') && data) events.push(JSON.parse(data.slice(6)) as AlertView);
        }
      }
    })()
      .catch(() => undefined)
      .finally(() => (ended = true));
    const stream = { events, ended: () => ended, close: () => controller.abort() };
    streams.push(stream);
    return stream;
  }

  function occurrence(subject: string): AlertOccurrence {
    return {
      ruleId,
      subject,
      kind: 'waste_violation',
      severity: 'warning',
      parkId: null,
      stationId: null,
      reason: { code: 'TEXT', params: { text: subject } },
      details: {},
      at: new Date(),
    };
  }

  /** Changes a sentinel alert until the stream shows it: from then on the stream surely follows changes. */
  async function following(stream: LiveStream, subject: string): Promise<void> {
    await waitFor(async () => {
      const { alert } = await alerts.raise(occurrence(subject));
      return stream.events.some((e) => e.id === alert.id);
    });
  }

  it('sends one event per alert change on a PostgreSQL server, not the newest alert again every poll', async () => {
    const { alert } = await alerts.raise(occurrence('lot:ack-me'));
    const { accessToken } = await tokensOf('h-officer', '10.1.0.1');
    const stream = await openStream('/alerts/stream', bearer(accessToken));
    await following(stream, 'lot:sentinel-1');

    const acknowledged = await fetch(`${url}/alerts/${alert.id}/acknowledge`, {
      method: 'POST',
      headers: bearer(accessToken),
    });
    expect(acknowledged.status).toBe(201);
    await waitFor(() => stream.events.some((e) => e.id === alert.id));
    // A repeat could come on any later poll: nothing else signals its absence, so watch six polls.
    await new Promise((resolve) => setTimeout(resolve, 6 * POLL_MS));
    expect(stream.events.filter((e) => e.id === alert.id).map((e) => e.status)).toEqual(['acknowledged']);
  });

  it('refuses a disabled user’s access token on the next request and closes their open stream', async () => {
    const { accessToken, refreshToken } = await tokensOf('h-disable-me', '10.2.0.1');
    expect((await fetch(`${url}/parks`, { headers: bearer(accessToken) })).status).toBe(200);
    const stream = await openStream('/alerts/stream', bearer(accessToken));
    await following(stream, 'lot:sentinel-2');

    const admin = await tokensOf('h-admin', '10.2.0.2');
    const disabled = await fetch(`${url}/admin/users/h-disable-me/disable`, {
      method: 'POST',
      headers: bearer(admin.accessToken),
    });
    expect(disabled.status).toBe(200);

    const next = await fetch(`${url}/parks`, { headers: bearer(accessToken) });
    expect(next.status).toBe(401);
    await waitFor(() => stream.ended(), { timeoutMs: 5_000 });
    const refreshed = await fetch(`${url}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refreshed.status).toBe(401);
  });

  it('opens the stream with a single-use ticket only: reused, expired, foreign tickets and ?access_token= are refused', async () => {
    const { accessToken } = await tokensOf('h-officer', '10.3.0.1');
    const ask = (headers: Record<string, string>) =>
      fetch(`${url}/auth/stream-ticket`, { method: 'POST', headers });
    expect((await ask({})).status).toBe(401);
    const issued = await ask(bearer(accessToken));
    expect(issued.status).toBe(200);
    const { ticket, expiresIn } = (await issued.json()) as { ticket: string; expiresIn: number };
    expect(expiresIn).toBeGreaterThanOrEqual(30);
    expect(expiresIn).toBeLessThanOrEqual(60);

    const stream = await openStream(`/alerts/stream?ticket=${encodeURIComponent(ticket)}`);
    await following(stream, 'lot:sentinel-3');
    const status = async (path: string, headers: Record<string, string> = {}) => {
      const controller = new AbortController();
      const response = await fetch(`${url}${path}`, { headers, signal: controller.signal });
      controller.abort();
      return response.status;
    };
    expect(await status(`/alerts/stream?ticket=${encodeURIComponent(ticket)}`)).toBe(401); // spent
    expect(await status(`/alerts/stream?access_token=${encodeURIComponent(accessToken)}`)).toBe(401);
    expect(await status(`/alerts?access_token=${encodeURIComponent(accessToken)}`)).toBe(401);
    expect(await status(`/alerts/stream?ticket=${encodeURIComponent(accessToken)}`)).toBe(401); // not a ticket
    const another = ((await (await ask(bearer(accessToken))).json()) as { ticket: string }).ticket;
    expect(await status('/parks', bearer(another))).toBe(401); // a ticket is no access token
    // Expiry, at the service's clock: 31 s on, the unused ticket is refused.
    const auth = app.get(AuthService);
    expect(await auth.redeemStreamTicket(another, Math.floor(Date.now() / 1000) + 31)).toBeNull();
    expect(await auth.redeemStreamTicket(another)).toMatchObject({ username: 'h-officer' });
  });

  it('rehashes an old-scheme password with the users’ own scheme at the next sign-in', async () => {
    await users.save({
      username: 'h-legacy',
      name: 'legacy',
      role: 'officer',
      passwordHash: await hashDevicePassword(PASSWORD),
    });
    expect((await users.findByUsername('h-legacy'))!.passwordHash).toMatch(/^\$7\$10000\$/);
    await tokensOf('h-legacy', '10.4.0.1');
    expect((await users.findByUsername('h-legacy'))!.passwordHash).toMatch(/^\$pbkdf2-sha512\$i=210000\$/);
    await tokensOf('h-legacy', '10.4.0.1');
  });

  it('takes as long to refuse an unknown username as a known one with a wrong password', async () => {
    const auth = app.get(AuthService);
    const timed = async (username: string, round: number) => {
      const started = process.hrtime.bigint();
      await expect(
        auth.login(username, 'wrong-password', `10.5.${round}.${username.length}`),
      ).rejects.toThrow('wrong username or password');
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const unknown: number[] = [];
    const known: number[] = [];
    for (let round = 0; round < 11; round++) {
      unknown.push(await timed('h-nobody-by-that-name', round));
      known.push(await timed('h-timing', round));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ratio = median(unknown) / median(known);
    console.log(
      `sign-in refusal, median of 11: unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`,
    );
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.25);
  });

  it('lets the right user sign in from another address while an attacker keeps failing at one', async () => {
    const attacker = '203.0.113.66';
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await login('h-victim', `guess-${i}`, attacker)).status);
    expect(answers.slice(0, 3)).toEqual([401, 401, 401]);
    expect(answers.slice(3)).toContain(429);
    const refused = await login('h-victim', PASSWORD, attacker); // backed off, even with the right password
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('h-victim', PASSWORD, '198.51.100.7')).status).toBe(200);
  });

  it('does not enable a disabled account when its password is reset (admin API, users:add)', async () => {
    await users.setDisabled('h-reset', true);
    const admin = await tokensOf('h-admin', '10.6.0.1');
    const reset = await fetch(`${url}/admin/users`, {
      method: 'POST',
      headers: { ...bearer(admin.accessToken), 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'h-reset',
        name: 'reset',
        role: 'officer',
        password: 'a-new-password-1',
      }),
    });
    expect(reset.status).toBe(201);
    expect(((await reset.json()) as { user: { disabled: boolean } }).user.disabled).toBe(true);
    expect((await login('h-reset', 'a-new-password-1', '10.6.0.2')).status).toBe(401);

    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((m: string) => void printed.push(m));
    try {
      expect(
        await runUsersCli(['users-add', '--username', 'h-reset', '--role', 'officer'], () => undefined, {
          DATABASE_URL: api!.databaseUrl,
        }),
      ).toBe(0);
    } finally {
      log.mockRestore();
    }
    const password = /password: (\S+)/.exec(printed.join('\n'))![1];
    expect((await users.findByUsername('h-reset'))!.disabled).toBe(true);
    expect((await login('h-reset', password, '10.6.0.3')).status).toBe(401);
  });

  it('issues tokens with issuer, audience and key id', async () => {
    const { accessToken } = await tokensOf('h-officer', '10.7.0.1');
    const [header, payload] = accessToken
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
    expect(header).toMatchObject({ alg: 'HS256', kid: expect.any(String) });
    expect(payload).toMatchObject({ iss: 'hp-envmon', aud: 'hp-envmon:api', username: 'h-officer' });
  });
});

describe('client address and token key configuration', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const api = await startSeededApi({ AUTH_MAX_FAILED_LOGINS: '3' });
    try {
      await api.app.get(UserAccounts).save({
        username: 'p-user',
        name: 'p',
        role: 'officer',
        passwordHash: await hashUserPassword(PASSWORD),
      });
      const login = (password: string, address: string) =>
        fetch(`${api.url}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: JSON.stringify({ username: 'p-user', password }),
        });
      // Each failure claims another address; the peer (127.0.0.1) is what counts.
      for (let i = 0; i < 3; i++) expect((await login('wrong', `192.0.2.${i}`)).status).toBe(401);
      expect((await login(PASSWORD, '192.0.2.200')).status).toBe(429);
    } finally {
      await api.close();
    }
  });

  it('refuses to start the API outside embedded mode without AUTH_JWT_SECRET, naming it', async () => {
    const external = {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/never_opened',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'error',
    };
    await expect(bootstrapApi(loadConfig(external))).rejects.toThrow(
      /AUTH_JWT_SECRET: required when DATABASE_URL is set/,
    );
    const short = () => loadConfig({ ...external, AUTH_JWT_SECRET: 'too-short-a-key' });
    expect(short).toThrow(ConfigError);
    expect(short).toThrow(/AUTH_JWT_SECRET: expected keys of at least 32 characters/);
    expect(short).not.toThrow(/too-short-a-key/);
    expect(() =>
      loadConfig({ ...external, AUTH_JWT_SECRET: 'k'.repeat(32), AUTH_TRUSTED_PROXIES: 'not-an-address' }),
    ).toThrow(/AUTH_TRUSTED_PROXIES/);
  });
});
