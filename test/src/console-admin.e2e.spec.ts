import { connectAsync } from 'mqtt';
import { Page } from 'playwright-core';
import { RegistryReader } from '@hp/registry';
import { PlatformHandle } from '@hp/runtime';
import {
  ConsoleBrowser,
  screenshot,
  seriousAxeViolations,
  startConsoleBrowser,
} from './support/console-platform';

/**
 * The administration screens (issue 18.2) in a real browser against the embedded platform and its demo
 * accounts: the admin issues a gateway's MQTT credential and sees its password once, the gateway connects
 * with it to the embedded broker and shows online with its last message; a rotation shows a new password
 * once and the broker refuses the old one at once. The admin adds a park operator for one park, who then sees
 * that park only and no administration. axe-core with no serious or critical violation, Vietnamese and
 * English on a desktop and a 390 px phone (test/output/screenshots/admin-*).
 */
const DEVICE = 'E2E-ADMIN-GW';
const OPERATOR = 'e2e-admin-op';

describe('console: administration of devices and users in a browser (embedded platform)', () => {
  let started: ConsoleBrowser | undefined;
  let platform: PlatformHandle;
  let operatorPark = '';
  let operatorPassword = '';

  beforeAll(async () => {
    started = await startConsoleBrowser({ SIMULATOR_ENABLED: 'false' });
    platform = started.platform;
    // A park other than the demo operator's (VSIP-HP) that has stations.
    const stations = await platform.app.get(RegistryReader).stations.listRefs();
    operatorPark = stations.find((s) => s.parkCode !== 'VSIP-HP')!.parkCode;
  }, 120_000);

  afterAll(() => started?.close(), 60_000);

  const openPage = (phone: boolean) => started!.openPage(phone);
  const signIn = (page: Page, username: string, password: string) =>
    started!.signIn(page, username, password);

  const connectDevice = (password: string) =>
    connectAsync(platform.mqttUrl, {
      clientId: DEVICE,
      username: DEVICE,
      password,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
    });

  const deviceRow = (page: Page, status?: string) =>
    page.locator(
      `[data-testid="device-row"][data-code="${DEVICE}"]${status ? `[data-status="${status}"]` : ''}`,
    );

  it('issues a device credential shown once, sees the device online, rotates it and the old one is refused', async () => {
    const { page, errors, cspViolations } = await openPage(false);
    await signIn(page, 'admin', 'admin-demo-2030');
    await page.getByTestId('nav-admin').click();
    await page.getByRole('heading', { level: 2, name: 'Thiết bị và khóa truy cập MQTT' }).waitFor();

    // A bad code: the API's 400 names the field, and the form says so beside it.
    const form = page.getByTestId('device-form');
    await form.getByTestId('field-code').fill('mã sai');
    await form.getByTestId('field-park').fill('VSIP-HP');
    await page.getByTestId('device-form-submit').click();
    await page
      .locator('[data-testid="device-form"] [data-testid="field-code"][aria-invalid="true"]')
      .waitFor();

    await form.getByTestId('field-code').fill(DEVICE);
    await page.getByTestId('device-form-submit').click();
    const box = page.getByTestId('one-time-secret');
    await box.waitFor();
    await expect(page.getByTestId('secret-warning').textContent()).resolves.toMatch(/Chỉ hiển thị lần này/);
    const first = (await page.getByTestId('secret-password').textContent())!;
    expect(first.length).toBeGreaterThanOrEqual(16);
    await page.getByTestId('secret-done').click();
    await box.waitFor({ state: 'detached' });
    await deviceRow(page, 'never').waitFor();
    // Never readable again: not on the page, not in the list the API answers.
    await page.reload();
    await deviceRow(page).waitFor();
    expect(await page.content()).not.toContain(first);

    // The gateway connects with it and says it is online: the list shows it, with its last message.
    const device = await connectDevice(first);
    await device.publishAsync(
      `hp/v1/devices/${DEVICE}/status`,
      JSON.stringify({ online: true, time: new Date().toISOString(), firmware: '1.0.0' }),
      { qos: 1, retain: true },
    );
    await deviceRow(page, 'online').getByTestId('last-message').waitFor({ timeout: 30_000 });
    await expect(deviceRow(page).getByTestId('last-message').textContent()).resolves.toMatch(/trạng thái/);
    await screenshot(page, 'admin-devices-vi-desktop.png');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Rotation: a new password once; the broker closes the old session and refuses the old password.
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
    await deviceRow(page).getByTestId('device-rotate').click();
    await box.waitFor();
    const second = (await page.getByTestId('secret-password').textContent())!;
    expect(second).not.toBe(first);
    await screenshot(page, 'admin-device-secret-vi-desktop.png');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await closed;
    await device.endAsync(true);
    await expect(connectDevice(first)).rejects.toThrow(/Bad username or password|Not authorized/i);
    const renewed = await connectDevice(second);
    await renewed.endAsync();
    await page.getByTestId('secret-done').click();

    // The refused code's 400 is the only resource error.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 120_000);

  it('adds a park operator for one park, who sees only that park and no administration', async () => {
    const { page } = await openPage(false);
    await signIn(page, 'admin', 'admin-demo-2030');
    await page.goto(`${platform.httpUrl}/console/#/admin/users`);
    await page.getByRole('heading', { level: 2, name: 'Người dùng', exact: true }).waitFor();
    const form = page.getByTestId('user-form');
    await form.getByTestId('field-username').fill(OPERATOR);
    await form.getByTestId('field-name').fill('Vận hành thử nghiệm');
    await form.getByTestId('role-park_operator').click();
    // A park operator without a park: refused beside the field.
    await page.getByTestId('user-form-submit').click();
    await page
      .locator('[data-testid="user-form"] [data-testid="field-parkCodes"][aria-invalid="true"]')
      .waitFor();
    await form.getByTestId('field-parkCodes').fill(operatorPark);
    await page.getByTestId('user-form-submit').click();
    await page.getByTestId('one-time-secret').waitFor();
    operatorPassword = (await page.getByTestId('secret-password').textContent())!;
    await page.getByTestId('secret-done').click();
    await page.locator(`[data-testid="user-row"][data-username="${OPERATOR}"]`).waitFor();
    await screenshot(page, 'admin-users-vi-desktop.png');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const operator = await openPage(false);
    await signIn(operator.page, OPERATOR, operatorPassword);
    expect(await operator.page.getByTestId('nav-admin').count()).toBe(0);
    await operator.page.getByTestId('nav-registry').click();
    await operator.page.locator(`[data-park="${operatorPark}"]`).waitFor();
    const parks = await operator.page
      .locator('[data-park]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-park')));
    expect(parks).toEqual([operatorPark]);

    // Disabled, then enabled again by the admin.
    const row = page.locator(`[data-testid="user-row"][data-username="${OPERATOR}"]`);
    await row.getByTestId('user-disable').click();
    await page
      .locator(`[data-testid="user-row"][data-username="${OPERATOR}"][data-state="disabled"]`)
      .waitFor();
    await row.getByTestId('user-enable').click();
    await page
      .locator(`[data-testid="user-row"][data-username="${OPERATOR}"][data-state="active"]`)
      .waitFor();
  }, 120_000);

  it('reads in English on a phone without serious accessibility violations', async () => {
    const { page, errors } = await openPage(true);
    await signIn(page, 'admin', 'admin-demo-2030');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('nav-admin').click();
    await page.getByRole('heading', { level: 2, name: 'Devices and MQTT credentials' }).waitFor();
    await deviceRow(page).waitFor();
    await screenshot(page, 'admin-devices-en-phone.png');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('admin-tab-adminUsers').click();
    await page.locator(`[data-testid="user-row"][data-username="${OPERATOR}"]`).waitFor();
    await screenshot(page, 'admin-users-en-phone.png');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
