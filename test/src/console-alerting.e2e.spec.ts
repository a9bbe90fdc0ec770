import { Page } from 'playwright-core';
import { connectAsync } from 'mqtt';
import { stationTelemetryTopic } from '@hp/contracts';
import { RegistryReader } from '@hp/registry';
import { PlatformHandle } from '@hp/runtime';
import { waitFor } from '@hp/testing';
import { BrowserPage } from './support/browser';
import {
  ConsoleBrowser,
  screenshot,
  seriousAxeViolations,
  startConsoleBrowser,
} from './support/console-platform';

/**
 * Alert settings and "notify me" (issue 18.2, 18.7) in a real browser against the embedded platform with its
 * demo accounts and mail catcher: an officer edits a rule and creates (and ends) a silence through the
 * screens; the manager opens Notify me from the notification centre and subscribes to one park's
 * exceedances in-app and by e-mail; a COD reading far above the permit is then published over MQTT to the
 * embedded broker, the real rule engine raises the alert, and the manager sees it arrive in the
 * notification centre and receives the Vietnamese e-mail in the mail catcher. axe-core finds no serious or
 * critical violation; screenshots in test/output/screenshots/ (alerting-*, notify-me-*).
 */
const PARK = 'VSIP-HP';
const MANAGER_EMAIL = 'lanh.dao@bqlkkt.haiphong.gov.vn';

describe('console: alert settings and notify me in a browser (embedded platform)', () => {
  let started: ConsoleBrowser | undefined;
  let platform: PlatformHandle | undefined;
  let officer: BrowserPage;
  let manager: BrowserPage;
  const opened: BrowserPage[] = [];

  beforeAll(async () => {
    // No simulated fleet: the only readings are the ones this test publishes.
    started = await startConsoleBrowser({ SIMULATOR_ENABLED: 'false' });
    platform = started.platform;
    officer = await openPage(false);
    manager = await openPage(false);
  }, 120_000);

  afterAll(() => started?.close(), 60_000);

  async function openPage(phone: boolean): Promise<BrowserPage> {
    const page = await started!.openPage(phone);
    opened.push(page);
    return page;
  }
  async function signIn(page: Page, username: string): Promise<void> {
    await started!.signIn(page, username);
    await page.getByTestId('notification-bell').waitFor();
  }

  const tokens = new Map<string, string>();
  async function api<T>(path: string, username: string, init: RequestInit = {}): Promise<T> {
    if (!tokens.has(username)) {
      const login = await fetch(`${platform!.httpUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: `${username}-demo-2030` }),
      });
      tokens.set(username, ((await login.json()) as { accessToken: string }).accessToken);
    }
    const accessToken = tokens.get(username)!;
    const response = await fetch(`${platform!.httpUrl}/api${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as T;
  }

  it('an officer edits a rule and creates a silence through the screens', async () => {
    const { page } = officer;
    await signIn(page, 'officer');
    await page.getByTestId('nav-alerting').click();
    await page.getByTestId('alert-rules').waitFor();
    const row = page.locator('[data-testid="rules-table"] tr[data-rule="default-threshold"]');
    await row.waitFor();
    await page.getByTestId('rule-edit-default-threshold').click();
    await page.getByTestId('rule-edit').waitFor();
    // Not a number: refused beside its field, nothing sent.
    await page.getByTestId('field-forSeconds').fill('năm');
    await page.getByTestId('rule-form-submit').click();
    await page.locator('[data-testid="field-forSeconds"][aria-invalid="true"]').waitFor();
    await page.getByTestId('field-forSeconds').fill('60');
    await page.getByTestId('severity-critical').click();
    await page.getByTestId('rule-form-submit').click();
    await row.filter({ hasText: 'báo sau 60 giây' }).waitFor();
    expect(await row.textContent()).toContain('Nghiêm trọng');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'alerting-rules-vi-desktop.png');

    // Disabled and enabled again from its row.
    await page.getByTestId('rule-toggle-default-window-mean').click();
    await page.locator('tr[data-rule="default-window-mean"][data-enabled="false"]').waitFor();
    await page.getByTestId('rule-toggle-default-window-mean').click();
    await page.locator('tr[data-rule="default-window-mean"][data-enabled="true"]').waitFor();

    await page.getByTestId('tab-alert-silences').click();
    await page.getByTestId('alert-silences').waitFor();
    const parks = await api<{ id: number; code: string }[]>('/parks', 'officer');
    const other = parks.find((p) => p.code !== PARK)!;
    await page.getByTestId('field-parkId').selectOption(String(other.id));
    await page.getByTestId('field-ruleKind').selectOption('no_data');
    await page.getByTestId('field-reason').fill('Hiệu chuẩn thiết bị định kỳ');
    await page.getByTestId('silence-form-submit').click();
    const silence = page.locator('[data-testid="silences-table"] tr[data-state="active"]');
    await silence.waitFor();
    expect(await silence.textContent()).toContain('Hiệu chuẩn thiết bị định kỳ');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'alerting-silences-vi-desktop.png');
    await silence.getByTestId('silence-end').click();
    await page.locator('[data-testid="silences-table"] tr[data-state="ended"]').waitFor();

    await page.getByTestId('tab-alert-recipients').click();
    await page.getByTestId('recipients-table').waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Alert recipients' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'alerting-recipients-en-desktop.png');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Người nhận cảnh báo' }).waitFor();

    // Each change is in the audit log, by the officer.
    const audit = await api<{ action: string; actor: string }[]>('/admin/audit?limit=50', 'admin');
    for (const action of ['alert-rule.edit', 'alert-silence.add', 'alert-silence.end'])
      expect(audit).toContainEqual(expect.objectContaining({ action, actor: 'officer' }));
  }, 120_000);

  it('the manager subscribes to one park’s exceedances, in-app and by e-mail', async () => {
    const { page } = manager;
    await signIn(page, 'manager');
    // Officers' settings are not offered to a manager; Notify me is reachable from the notification centre.
    expect(await page.getByTestId('nav-alerting').count()).toBe(0);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications-notify-me').click();
    await page.getByTestId('notify-me-form').waitFor();
    expect(await page.getByTestId('notify-me-summary').getAttribute('data-subscribed')).toBe('false');
    await page.getByTestId('notify-parks-chosen').click();
    await page.getByTestId(`notify-park-${PARK}`).click();
    await page.getByTestId('notify-topic-exceedance').click();
    await page.getByTestId('notify-by-email').click();
    await page.getByTestId('field-email').fill(MANAGER_EMAIL);
    await page.getByTestId('notify-me-form-submit').click();
    await page.getByTestId('notify-me-saved').waitFor();
    await page.locator('[data-testid="notify-me-summary"][data-subscribed="true"]').waitFor();
    expect(await page.getByTestId('notify-me-summary').textContent()).toContain('Vượt quy chuẩn');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'notify-me-vi-desktop.png');

    const saved = await api<{ parkIds: number[]; topics: string[]; email: string; inApp: boolean }>(
      '/me/notification-preferences',
      'manager',
    );
    const parks = await api<{ id: number; code: string }[]>('/parks', 'manager');
    expect(saved).toMatchObject({
      parkIds: [parks.find((p) => p.code === PARK)!.id],
      topics: ['exceedance'],
      inApp: true,
      email: MANAGER_EMAIL,
    });
  }, 90_000);

  it('an exceedance arrives: live in the manager’s notification centre and by e-mail in Vietnamese', async () => {
    const { page } = manager;
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications').waitFor();
    const before = Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));

    // The park's outlet under the demo permit (QCVN 40:2011 B: COD at most 150 mg/L times Kq and Kf).
    const station = `${PARK}-CETP-OUT`;
    const stationId = (await platform!.app.get(RegistryReader).stations.findByCode(station))!.id;
    const device = `E2E-ALERTING-${station}`;
    const { password } = await api<{ password: string }>('/admin/devices', 'admin', {
      method: 'POST',
      body: JSON.stringify({ code: device, kind: 'analyzer', station }),
    });
    const client = await connectAsync(platform!.mqttUrl, {
      clientId: device,
      username: device,
      password,
      reconnectPeriod: 0,
    });
    try {
      // Far above any permit's COD limit, for longer than the rule's delay: the rule engine opens the alert.
      const at = (minutesAgo: number) =>
        new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
      await client.publishAsync(
        stationTelemetryTopic(PARK, station),
        JSON.stringify({
          readings: [8, 5, 2].map((m) => ({
            parameter: 'COD',
            value: 900,
            unit: 'mg/L',
            time: at(m),
            status: '00',
          })),
        }),
        { qos: 1 },
      );
    } finally {
      await client.endAsync();
    }

    const alert = await waitFor(
      async () =>
        (
          await api<{ id: number; kind: string; stationId: number | null }[]>('/alerts?status=open', 'admin')
        ).find((a) => a.kind === 'threshold' && a.stationId === stationId) ?? null,
      { timeoutMs: 20_000, description: 'the threshold alert raised by the rule engine' },
    );
    expect(alert.id).toBeGreaterThan(0);

    // Live: the notification centre refreshes itself, no reload.
    const notification = page.locator('[data-testid="notification"][data-read="false"]').filter({
      hasText: 'COD',
    });
    await notification.first().waitFor({ timeout: 45_000 });
    expect(await notification.first().textContent()).toMatch(/vượt giới hạn/);
    await waitFor(
      async () =>
        Number(await page.getByTestId('notification-bell').getAttribute('data-unread')) > before
          ? true
          : null,
      { timeoutMs: 15_000, description: 'the bell counting the new notification' },
    );

    const mail = await waitFor(
      async () =>
        (await api<{ to: string[]; subject: string | null; raw: string }[]>('/dev/mailbox', 'admin')).find(
          (m) => m.to.includes(MANAGER_EMAIL),
        ) ?? null,
      { timeoutMs: 20_000, description: 'the e-mail to the manager in the mail catcher' },
    );
    expect(mail.subject).toMatch(/^\[Nghiêm trọng\] Cảnh báo mới: .*COD .*vượt giới hạn/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'alerting-notifications-vi-desktop.png');
  }, 120_000);

  it('shows Notify me and the rules on a phone, in English', async () => {
    const phone = await openPage(true);
    await signIn(phone.page, 'manager');
    await phone.page.getByTestId('language-switch').click();
    await phone.page.getByTestId('nav-notify-me').click();
    await phone.page.getByRole('heading', { level: 1, name: 'Notify me' }).waitFor();
    await phone.page.locator('[data-testid="notify-me-summary"][data-subscribed="true"]').waitFor();
    expect(await seriousAxeViolations(phone.page)).toEqual([]);
    await screenshot(phone.page, 'notify-me-en-phone.png');

    const { page } = officer;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('tab-alert-rules').click();
    await page.getByTestId('rules-table').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'alerting-rules-vi-phone.png');

    for (const p of opened) {
      expect(p.cspViolations).toEqual([]);
      // No failed request either: the bad number is refused in the browser, before anything is sent.
      expect(p.errors).toEqual([]);
    }
  }, 90_000);
});
