import { INestApplication } from '@nestjs/common';
import { AuthService, User, UserAccounts, UserRole } from '@hp/accounts';
import { AlertLifecycle, AlertsReader, seedDefaultAlertRules } from '@hp/alerting';
import { DATABASE, Database } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { SeededApi, startSeededApi } from './support/seeded-api';

/**
 * The alert settings routes (issue 18.2, 18.7) over the real API app: editors edit and disable rules, edit and
 * remove recipients, end silences early; every signed-in user keeps their own "notify me" subscription (a
 * park operator among their own parks only), and an alert raised afterwards is queued to the subscribers
 * through the one outbox, in-app and by e-mail. Bad input is a 400 naming the field, a wrong role a 403, and
 * every change is in the audit log.
 */
describe('alert rules, recipients, silences and notify me through the API', () => {
  let api: SeededApi | undefined;
  let app: INestApplication;
  let db: Database;
  let parks: { id: number; code: string }[];
  const users = new Map<string, User>();

  async function user(username: string, role: UserRole, parkIds: number[] = []): Promise<User> {
    const saved = await new UserAccounts(db).save({
      username,
      name: username,
      role,
      parkIds,
      passwordHash: 'x',
    });
    users.set(username, saved);
    return saved;
  }
  const as = (username: string): Record<string, string> => {
    const u = users.get(username)!;
    return {
      authorization: `Bearer ${app.get(AuthService).accessToken(u)}`,
      'content-type': 'application/json',
    };
  };
  const send = async (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    username: string,
    body?: unknown,
  ) => {
    const response = await api!.request(method, path, as(username), body);
    return {
      status: response.status,
      body: response.body as Record<string, unknown> & { details?: { field?: string }; message?: string },
    };
  };
  const auditOf = async (subject: string) =>
    (await send('GET', `/admin/audit?subject=${encodeURIComponent(subject)}`, 'root')).body as unknown as {
      action: string;
      actor: string;
      before: unknown;
      after: unknown;
    }[];

  beforeAll(async () => {
    // With an SMTP URL, e-mail is queued (nothing is sent: the API app runs no delivery worker).
    api = await startSeededApi({ ALERT_SMTP_URL: 'smtp://127.0.0.1:2525' });
    app = api.app;
    db = app.get<Database>(DATABASE);
    await seedDefaultAlertRules(db);
    parks = (await app.get(RegistryReader).parks.list()).map((p) => ({ id: p.id, code: p.code }));
    await user('root', 'admin');
    await user('lan', 'officer');
    await user('minh', 'manager');
    await user('hoa', 'park_operator', [parks[0].id]);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('lets editors edit and disable a rule, refusing bad input by field and other roles', async () => {
    const rules = (await send('GET', '/alerts/rules', 'lan')).body as unknown as {
      id: number;
      code: string;
    }[];
    const noData = rules.find((r) => r.code === 'default-no-data')!;
    const edited = await send('PATCH', `/alerts/rules/${noData.id}`, 'lan', {
      severity: 'critical',
      settings: { minutes: 45 },
    });
    expect(edited).toMatchObject({
      status: 200,
      body: {
        code: 'default-no-data',
        kind: 'no_data',
        severity: 'critical',
        settings: { minutes: 45 },
        enabled: true,
      },
    });
    const disabled = await send('PATCH', `/alerts/rules/${noData.id}`, 'lan', { enabled: false });
    expect(disabled.body).toMatchObject({ severity: 'critical', enabled: false });

    const badSeverity = await send('PATCH', `/alerts/rules/${noData.id}`, 'lan', { severity: 'loud' });
    expect(badSeverity.status).toBe(400);
    expect(badSeverity.body.details?.field).toBe('severity');
    const badSetting = await send('PATCH', `/alerts/rules/${noData.id}`, 'lan', { settings: { minutez: 3 } });
    expect(badSetting.status).toBe(400);
    expect(badSetting.body.message).toMatch(/settings\.minutez/);
    const renamed = await send('PATCH', `/alerts/rules/${noData.id}`, 'lan', { code: 'other' });
    expect(renamed.status).toBe(400);
    expect(renamed.body.details?.field).toBe('code');
    expect((await send('PATCH', '/alerts/rules/999999', 'lan', { enabled: true })).status).toBe(404);
    expect((await send('PATCH', `/alerts/rules/${noData.id}`, 'minh', { enabled: true })).status).toBe(403);
    expect((await send('GET', '/alerts/rules', 'hoa')).status).toBe(403);

    expect((await auditOf(`alert-rule:${noData.id}`)).map((e) => [e.action, e.actor])).toEqual([
      ['alert-rule.edit', 'lan'],
      ['alert-rule.edit', 'lan'],
    ]);
  });

  it('lets editors edit and remove a recipient', async () => {
    const created = await send('POST', '/alerts/recipients', 'lan', {
      name: 'Trực ban',
      role: 'officer',
      email: 'trucban@example.vn',
    });
    expect(created.status).toBe(201);
    const id = created.body['id'] as number;
    const edited = await send('PUT', `/alerts/recipients/${id}`, 'lan', {
      name: 'Trực ban đêm',
      role: 'officer',
      parkId: parks[0].id,
      minSeverity: 'critical',
      email: 'trucban.dem@example.vn',
    });
    expect(edited).toMatchObject({
      status: 200,
      body: { id, name: 'Trực ban đêm', parkId: parks[0].id, minSeverity: 'critical' },
    });
    const badEmail = await send('PUT', `/alerts/recipients/${id}`, 'lan', {
      name: 'x',
      role: 'officer',
      email: 'not-an-address',
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.details?.field).toBe('email');
    const noPark = await send('PUT', `/alerts/recipients/${id}`, 'lan', {
      name: 'x',
      role: 'officer',
      parkId: 999999,
      email: 'a@example.vn',
    });
    expect(noPark.status).toBe(400);
    expect(noPark.body.details?.field).toBe('parkId');
    expect((await send('DELETE', `/alerts/recipients/${id}`, 'minh')).status).toBe(403);
    expect(await send('DELETE', `/alerts/recipients/${id}`, 'lan')).toMatchObject({
      status: 200,
      body: { id, name: 'Trực ban đêm' },
    });
    expect((await send('DELETE', `/alerts/recipients/${id}`, 'lan')).status).toBe(404);
    expect((await auditOf(`alert-recipient:${id}`)).map((e) => e.action)).toEqual([
      'alert-recipient.remove',
      'alert-recipient.edit',
    ]);
  });

  it('ends a silence in force now, withdraws one still to come, and refuses ending one that is over', async () => {
    const hour = 3_600_000;
    const active = await send('POST', '/alerts/silences', 'lan', {
      parkId: parks[0].id,
      startsAt: new Date(Date.now() - hour).toISOString(),
      endsAt: new Date(Date.now() + hour).toISOString(),
      reason: 'hiệu chuẩn',
    });
    expect(active).toMatchObject({ status: 201, body: { state: 'active', createdBy: 'lan' } });
    const activeId = active.body['id'] as number;
    const ended = await send('POST', `/alerts/silences/${activeId}/end`, 'lan');
    expect(ended).toMatchObject({ status: 201, body: { id: activeId, state: 'ended' } });
    expect(Date.parse(ended.body['endsAt'] as string)).toBeLessThanOrEqual(Date.now());
    expect((await send('POST', `/alerts/silences/${activeId}/end`, 'lan')).status).toBe(409);

    const upcoming = await send('POST', '/alerts/silences', 'lan', {
      startsAt: new Date(Date.now() + hour).toISOString(),
      endsAt: new Date(Date.now() + 2 * hour).toISOString(),
      reason: 'bảo trì',
    });
    expect(upcoming.body['state']).toBe('upcoming');
    const upcomingId = upcoming.body['id'] as number;
    expect((await send('POST', `/alerts/silences/${upcomingId}/end`, 'minh')).status).toBe(403);
    expect((await send('POST', `/alerts/silences/${upcomingId}/end`, 'lan')).body['state']).toBe('withdrawn');
    const listed = (await send('GET', '/alerts/silences', 'lan')).body as unknown as {
      id: number;
      state: string;
    }[];
    expect(listed.find((s) => s.id === upcomingId)).toBeUndefined();
    expect(listed.find((s) => s.id === activeId)?.state).toBe('ended');

    const backwards = await send('POST', '/alerts/silences', 'lan', {
      startsAt: new Date(Date.now() + hour).toISOString(),
      endsAt: new Date(Date.now()).toISOString(),
      reason: 'x',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details?.field).toBe('endsAt');
    expect((await send('POST', '/alerts/silences/999999/end', 'lan')).status).toBe(404);
    expect((await auditOf(`alert-silence:${activeId}`)).map((e) => e.action)).toEqual(['alert-silence.end']);
  });

  it("keeps each user's own subscription: a park operator among their parks only, nobody another's", async () => {
    expect((await send('GET', '/me/notification-preferences', 'minh')).body).toMatchObject({
      subscribed: false,
      topics: [],
      inApp: true,
      email: null,
    });
    const saved = await send('PUT', '/me/notification-preferences', 'minh', {
      parkIds: [parks[1].id],
      topics: ['exceedance', 'waste'],
      minSeverity: 'warning',
      inApp: true,
      email: 'minh@bqlkkt.haiphong.gov.vn',
    });
    expect(saved).toMatchObject({
      status: 200,
      body: { parkIds: [parks[1].id], topics: ['exceedance', 'waste'], subscribed: true },
    });

    // The route names no user; a body naming one is refused, and the other user's choice is untouched.
    const other = await send('PUT', '/me/notification-preferences', 'hoa', {
      userId: users.get('minh')!.id,
      parkIds: null,
      topics: [],
    });
    expect(other.status).toBe(400);
    expect(other.body.details?.field).toBe('userId');
    expect((await send('GET', '/me/notification-preferences', 'hoa')).body).toMatchObject({
      subscribed: false,
    });
    expect((await send('GET', '/me/notification-preferences', 'minh')).body).toMatchObject({
      topics: ['exceedance', 'waste'],
    });

    // A park operator follows their own parks only.
    const foreign = await send('PUT', '/me/notification-preferences', 'hoa', {
      parkIds: [parks[1].id],
      topics: ['exceedance'],
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.details?.field).toBe('parkIds');
    expect(
      (await send('PUT', '/me/notification-preferences', 'hoa', { parkIds: null, topics: ['exceedance'] }))
        .status,
    ).toBe(200);

    for (const [body, field] of [
      [{ parkIds: null, topics: ['weather'] }, 'topics[0]'],
      [{ parkIds: [999999], topics: ['exceedance'] }, 'parkIds'],
      [{ parkIds: null, topics: ['exceedance'], email: 'nobody' }, 'email'],
      [{ parkIds: null, topics: ['exceedance'], minSeverity: 'loud' }, 'minSeverity'],
      [{ topics: ['exceedance'] }, 'parkIds'],
    ] as const) {
      const refused = await send('PUT', '/me/notification-preferences', 'minh', body);
      expect([refused.status, refused.body.details?.field]).toEqual([400, field]);
    }
    expect((await auditOf('user:minh')).map((e) => [e.action, e.actor])).toEqual([
      ['alert-subscription.save', 'minh'],
    ]);
  });

  it('queues an alert to the subscribers who may see it, in-app and by e-mail, once each', async () => {
    const threshold = (await app.get(AlertsReader).rules.list()).find((r) => r.code === 'default-threshold')!;
    const raise = (parkId: number, subject: string) =>
      app.get(AlertLifecycle).raise({
        ruleId: threshold.id,
        subject,
        kind: 'threshold',
        severity: 'critical',
        parkId,
        stationId: null,
        reason: { code: 'TEXT', params: { text: 'COD' } },
        details: {},
        at: new Date(),
      });
    const targetsOf = async (alertId: number) =>
      (await app.get(AlertsReader).notifications.listForAlert(alertId))
        .map((n) => `${n.channel} ${n.target}`)
        .sort();
    const minh = users.get('minh')!.id;
    const hoa = users.get('hoa')!.id;
    // The manager follows parks[1]; the park operator every park they may see, i.e. parks[0].
    const second = await raise(parks[1].id, 'subscribers-1');
    expect(await targetsOf(second.alert.id)).toEqual([
      `email minh@bqlkkt.haiphong.gov.vn`,
      `in_app user:${minh}`,
    ]);
    const first = await raise(parks[0].id, 'subscribers-0');
    expect(await targetsOf(first.alert.id)).toEqual([`in_app user:${hoa}`]);
  });
});
