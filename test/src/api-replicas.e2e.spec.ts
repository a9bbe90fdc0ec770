import { INestApplication } from '@nestjs/common';
import { AlertLifecycle } from '@hp/alerting';
import { loadConfig } from '@hp/config';
import { RegistryAdmin } from '@hp/registry';
import { bootstrapApi } from '@hp/runtime';
import { createTestDatabase, TestDatabase, waitFor } from '@hp/testing';
import { adminHeaders } from './support/admin-token';

/**
 * Two replicas of the api app on one database, as behind a load balancer: what one does, the other
 * knows. A stream ticket opens one stream whichever replica it is shown to, an acknowledgement made
 * on one replica reaches a live stream open on the other, and failed logins spread over the replicas
 * count as on one.
 */
describe('api replicas behind a load balancer', () => {
  let database: TestDatabase;
  const replicas: { app: INestApplication; url: string }[] = [];
  /** The live stream's connection: aborted before the apps close, or the close would wait for it. */
  const controller = new AbortController();

  beforeAll(async () => {
    database = await createTestDatabase();
    const run = `${process.pid}-${Date.now().toString(36)}`;
    for (let i = 0; i < 2; i++) {
      const app = await bootstrapApi(
        loadConfig({
          DATABASE_URL: database.url,
          AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
          HTTP_PORT: '0',
          HTTP_HOST: '127.0.0.1',
          LOG_LEVEL: 'error',
          REDIS_URL: 'redis://127.0.0.1:6379',
          REDIS_PREFIX: `e2e-replicas-${run}`,
          AUTH_MAX_FAILED_LOGINS: '3',
        }),
      );
      replicas.push({ app, url: `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api` });
    }
  }, 60_000);

  afterAll(async () => {
    controller.abort();
    for (const { app } of replicas) await app.close();
    await database?.drop();
  });

  async function streamTicket(replica: number): Promise<string> {
    const { app, url } = replicas[replica];
    const response = await fetch(`${url}/auth/stream-ticket`, { method: 'POST', headers: adminHeaders(app) });
    expect(response.status).toBe(200);
    return ((await response.json()) as { ticket: string }).ticket;
  }

  it('redeems a stream ticket once across replicas, and streams an acknowledgement made on the other', async () => {
    const [a, b] = replicas;
    const park = await a.app.get(RegistryAdmin).registerPark({ code: 'REP-PARK', name: 'park' });
    const rule = await fetch(`${a.url}/alerts/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...adminHeaders(a.app) },
      body: JSON.stringify({ code: 'replicas', kind: 'waste_violation', severity: 'warning' }),
    });
    expect(rule.status).toBe(201);
    const { alert } = await a.app.get(AlertLifecycle).raise({
      ruleId: ((await rule.json()) as { id: number }).id,
      subject: 'lot:REP-1',
      kind: 'waste_violation',
      severity: 'warning',
      parkId: park.id,
      stationId: null,
      reason: { code: 'TEXT', params: { text: 'lot REP-1' } },
      details: {},
      at: new Date(),
    });

    // The ticket asked of A opens a stream on B, as a browser's EventSource would (no headers).
    const ticket = await streamTicket(0);
    const stream = await fetch(`${b.url}/alerts/stream?ticket=${encodeURIComponent(ticket)}`, {
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    let streamed = '';
    const reader = stream.body!.getReader();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        streamed += Buffer.from(value).toString('utf8');
      }
    })().catch(() => undefined);
    // Shown again, to either replica, it opens nothing: B redeemed it, and A knows.
    for (const replica of [a, b]) {
      const again = await fetch(`${replica.url}/alerts/stream?ticket=${encodeURIComponent(ticket)}`, {
        signal: controller.signal,
      });
      expect(again.status).toBe(401);
    }

    const acknowledged = await fetch(`${a.url}/alerts/${alert.id}/acknowledge`, {
      method: 'POST',
      headers: adminHeaders(a.app),
    });
    expect(acknowledged.status).toBeLessThan(300);
    const acknowledgedAt = Date.now();
    await waitFor(
      () =>
        streamed
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => JSON.parse(line.slice(6)) as { id: number; status: string })
          .some((event) => event.id === alert.id && event.status === 'acknowledged'),
      { timeoutMs: 5_000, description: "A's acknowledgement on B's stream" },
    );
    console.log(`acknowledged on replica A, streamed by replica B after ${Date.now() - acknowledgedAt} ms`);
  }, 60_000);

  it('counts failed logins spread over the replicas together', async () => {
    const login = (replica: number) =>
      fetch(`${replicas[replica].url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'mallory-target', password: 'a wrong password' }),
      });
    // Three free failures (AUTH_MAX_FAILED_LOGINS), alternately on A and B: the next one waits on either.
    expect([(await login(0)).status, (await login(1)).status, (await login(0)).status]).toEqual([
      401, 401, 401,
    ]);
    const refused = await login(1);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
