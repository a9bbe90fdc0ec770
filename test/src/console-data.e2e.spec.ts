import { readFile } from 'node:fs/promises';
import { Page } from 'playwright-core';
import { connectAsync, MqttClient } from 'mqtt';
import { ComplianceEngine } from '@hp/compliance';
import { addDays, localDayOf, stationTelemetryTopic } from '@hp/contracts';
import { hashDevicePassword } from '@hp/device-identity';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { PlatformHandle } from '@hp/runtime';
import { adminToken } from './support/admin-token';
import { BrowserPage } from './support/browser';
import {
  ConsoleBrowser,
  screenshot,
  seriousAxeViolations,
  startConsoleBrowser,
} from './support/console-platform';
import { seedSpikedDay } from './support/spiked-day';

/**
 * The station data screen and the quarantine browser in a real browser against the embedded platform: an
 * officer opens a station from the board, its chart takes a new reading live, a custom range in Hai Phong
 * time, the CSV of that range; a correction proposed by the officer and approved by the admin changes the
 * day's verdict; a malformed MQTT message is found in the quarantine browser with its reason in Vietnamese.
 */
const SPIKE = 126; // 10:30 local on DAY

describe('console: station data, corrections and quarantine in a browser (embedded platform)', () => {
  let started: ConsoleBrowser | undefined;
  let platform: PlatformHandle | undefined;
  let device: MqttClient | undefined;
  let station: { id: number; code: string; parkCode: string };
  let officer: BrowserPage;
  // A day five days ago, with readings only this test wrote.
  const DAY = addDays(localDayOf(new Date()), -5);
  const times: Date[] = [];

  beforeAll(async () => {
    started = await startConsoleBrowser();
    platform = started.platform;
    const app = platform.app;
    const refs = await app.get(RegistryReader).stations.listRefs();
    station = refs.find((r) => r.parkCode === 'VSIP-HP')!;
    const park = (await app.get(RegistryReader).parks.findByCode('VSIP-HP'))!;
    times.push(
      ...(await seedSpikedDay(app, { stationId: station.id, day: DAY, spike: SPIKE, calibrating: [10] })),
    );
    await app.get(RegistryAdmin).registerDevice({
      code: 'DATA-E2E-LOGGER',
      parkId: park.id,
      stationId: station.id,
      kind: 'analyzer',
      credentialHash: await hashDevicePassword('data e2e secret'),
    });
    device = await connectAsync(platform.mqttUrl, {
      username: 'DATA-E2E-LOGGER',
      password: 'data e2e secret',
      clientId: 'DATA-E2E-LOGGER',
      reconnectPeriod: 0,
    });
    officer = await openPage(false);
  }, 120_000);

  afterAll(async () => {
    await device?.endAsync().catch(() => undefined);
    await started?.close();
  }, 60_000);

  const openPage = (phone: boolean) => started!.openPage(phone);
  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await started!.signIn(page, username, password);
    await page.getByTestId('board-grid').waitFor();
  }

  const cod = (page: Page) => page.locator('[data-testid="data-chart"][data-parameter="COD"]');
  const codSection = (page: Page) => page.locator('section', { has: cod(page) });

  it('opens a station from the board; its chart takes a new reading live', async () => {
    const { page } = officer;
    await signIn(page, 'officer', 'officer-demo-2030');
    await page
      .locator(`[data-testid="board-row"][data-station="${station.code}"] [data-testid="board-station-data"]`)
      .click();
    await page.getByTestId('station-data').waitFor();
    expect(page.url()).toMatch(new RegExp(`#/stations/${station.id}/data$`));
    await cod(page).waitFor();

    const time = new Date(Math.floor(Date.now() / 1000) * 1000 - 30_000);
    await device!.publishAsync(
      stationTelemetryTopic(station.parkCode, station.code),
      JSON.stringify({
        readings: [{ parameter: 'COD', value: 87.6, unit: 'mg/L', time: time.toISOString(), status: '00' }],
      }),
      { qos: 1 },
    );
    // No reload: the preset range asks again by itself.
    await codSection(page).locator(`tr[data-time="${time.toISOString()}"]`).waitFor({ state: 'attached' });
    expect(
      await codSection(page).locator(`tr[data-time="${time.toISOString()}"] td`).nth(1).textContent(),
    ).toBe('87,6');
  }, 90_000);

  it('shows a custom range in Hai Phong time with each value’s status, and downloads it as CSV', async () => {
    const { page } = officer;
    // Refused before anything is asked: the end before the start.
    await page.getByTestId('data-from').fill(`${DAY}T12:00`);
    await page.getByTestId('data-to').fill(`${DAY}T09:00`);
    await page.getByTestId('data-apply').click();
    await page.getByTestId('data-range-error').waitFor();
    expect(await page.getByTestId('data-from').getAttribute('aria-invalid')).toBe('true');

    await page.getByTestId('data-to').fill(`${DAY}T11:00`);
    await page.getByTestId('data-from').fill(`${DAY}T00:00`);
    await page.getByTestId('data-apply').click();
    await page.locator('[data-testid="data-chart"][data-parameter="COD"][data-count="132"]').waitFor();
    expect(await page.getByTestId('data-range-error').count()).toBe(0);
    // 00:50 local reads status 01 (calibrating), in words.
    const calibrating = codSection(page).locator(`tr[data-time="${times[10].toISOString()}"]`);
    expect(await calibrating.getAttribute('data-status')).toBe('01');
    expect(await calibrating.locator('td').nth(2).textContent()).toBe('Hiệu chuẩn (01)');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('data-csv').click(),
    ]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r\n/);
    expect(lines).toHaveLength(1 + 132);
    expect(lines.slice(1).every((line) => line.includes('COD'))).toBe(true);
    expect(lines.some((line) => line.includes('2000'))).toBe(true);
    expect(lines[0]).toMatch(/^Thời điểm \(giờ Việt Nam \+07:00\),/);
    expect(lines[1].startsWith(`${DAY}T00:00:00+07:00,${station.code},`)).toBe(true);
    expect(lines[11]).toMatch(/,01$/);
  }, 90_000);

  it('a correction proposed by the officer and approved by the admin changes the day’s verdict', async () => {
    const { page } = officer;
    const dayRow = (p: Page) => p.locator(`[data-testid="judged-days"] tr[data-day="${DAY}"]`);
    expect(await dayRow(page).getAttribute('data-verdict')).toBe('exceedance');

    const spike = codSection(page).locator(`tr[data-time="${times[SPIKE].toISOString()}"]`);
    await codSection(page).locator('summary').click();
    await spike.getByTestId('data-correct').click();
    await page.getByTestId('field-value').fill('100,2');
    await page.getByTestId('field-reasonCode').selectOption('CALIBRATION');
    await page.getByTestId('field-note').fill('Bọt khí trong buồng đo COD, phát hiện khi hiệu chuẩn');
    await page.getByTestId('data-propose-submit').click();
    const proposal = page.locator('[data-testid="data-proposals"] tr[data-state="pending"]');
    await proposal.waitFor();
    // The proposer cannot approve their own.
    expect(await proposal.getByTestId('review-approve').count()).toBe(0);
    await codSection(page).locator('summary').click(); // the values table closed again for the screenshot
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'station-data-vi-desktop.png');

    const admin = await openPage(false);
    await signIn(admin.page, 'admin', 'admin-demo-2030');
    await admin.page.goto(`${platform!.httpUrl}/console/#/stations/${station.id}/data`);
    const pending = admin.page.locator('[data-testid="data-proposals"] tr[data-state="pending"]');
    await pending.getByTestId('review-approve').click();
    await admin.page.locator('[data-testid="data-proposals"] tr[data-state="approved"]').waitFor();
    // The worker judges marked days every minute; run its pass now.
    expect(await platform!.app.get(ComplianceEngine).recomputeMarked()).toBeGreaterThanOrEqual(1);
    await admin.page.getByTestId('data-from').fill(`${DAY}T00:00`);
    await admin.page.getByTestId('data-to').fill(`${DAY}T11:00`);
    await admin.page.getByTestId('data-apply').click();
    await dayRow(admin.page).and(admin.page.locator('[data-verdict="compliant"]')).waitFor();
    // The correction shows beside the reading it corrects.
    await codSection(admin.page).locator('summary').click();
    expect(
      await codSection(admin.page)
        .locator(`tr[data-time="${times[SPIKE].toISOString()}"] td`)
        .nth(3)
        .textContent(),
    ).toBe('Đã hiệu chỉnh: 100,2 · Đang đo (00)');
    expect(admin.errors).toEqual([]);
  }, 120_000);

  it('finds a malformed MQTT message in the quarantine browser with its reason in Vietnamese', async () => {
    const { page } = officer;
    await device!.publishAsync(
      stationTelemetryTopic(station.parkCode, station.code),
      '<img src=x onerror=alert(1)> not json',
      { qos: 1 },
    );
    await page.getByTestId('nav-quarantine').click();
    await page.getByTestId('quarantine').waitFor();
    await page.getByTestId('q-topic').fill(station.code);
    await page.getByTestId('q-apply').click();
    const row = page.locator(`[data-testid="quarantine-table"] tr[data-topic*="${station.code}"]`).first();
    await row.waitFor();
    expect(await row.getByTestId('q-problems').textContent()).toContain('Bản tin không phải JSON hợp lệ');
    // Stored, so the API's filters find it; each refusal a 400 naming its parameter., each refusal a 400 naming its parameter.
    const quarantine = async (query: string) => {
      const response = await fetch(`${platform!.httpUrl}/api/quarantine?${query}`, {
        headers: { authorization: `Bearer ${adminToken(platform!.app)}` },
      });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const found = await quarantine(`topic=${station.code}&reason=PAYLOAD_NOT_JSON&limit=5`);
    expect(found.body).toEqual([
      expect.objectContaining({
        payload: '<img src=x onerror=alert(1)> not json',
        problems: [{ index: null, source: null, reason: { code: 'PAYLOAD_NOT_JSON', params: {} } }],
      }),
    ]);
    expect((await quarantine(`topic=${station.code}&reason=UNIT_NOT_ACCEPTED`)).body).toEqual([]);
    for (const [query, field] of [
      ['reason=NOPE', 'reason'],
      ['offset=-1', 'offset'],
      ['topic=a%20b', 'topic'],
      ['from=2026-12-02T00:00:00%2B07:00&to=2026-12-01T00:00:00%2B07:00', 'from'],
    ])
      expect(await quarantine(query)).toMatchObject({ status: 400, body: { details: { field } } });

    // The payload is text, not markup.
    await row.locator('summary').click();
    expect(await row.getByTestId('q-payload').textContent()).toBe('<img src=x onerror=alert(1)> not json');
    expect(await page.locator('[data-testid="quarantine-table"] img').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'quarantine-vi-desktop.png');
    expect(officer.errors).toEqual([]);
    expect(officer.cspViolations).toEqual([]);

    const phone = await openPage(true);
    await signIn(phone.page, 'officer', 'officer-demo-2030');
    await phone.page.getByTestId('language-switch').click();
    await phone.page.goto(`${platform!.httpUrl}/console/#/quarantine`);
    await phone.page.getByRole('heading', { level: 1, name: 'Quarantined messages' }).waitFor();
    await phone.page.getByTestId('q-reason').selectOption('PAYLOAD_NOT_JSON');
    await phone.page.getByTestId('q-apply').click();
    await phone.page.locator('[data-testid="q-problems"]', { hasText: 'not valid JSON' }).first().waitFor();
    expect(await seriousAxeViolations(phone.page)).toEqual([]);
    await screenshot(phone.page, 'quarantine-en-phone.png');
    // No sideways scrolling on a phone.
    expect(await phone.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await phone.page.goto(`${platform!.httpUrl}/console/#/stations/${station.id}/data`);
    await cod(phone.page).waitFor();
    await phone.page.locator('[data-testid="data-proposals"] tr[data-state="approved"]').waitFor();
    expect(await seriousAxeViolations(phone.page)).toEqual([]);
    await screenshot(phone.page, 'station-data-en-phone.png');
    expect(phone.errors).toEqual([]);
  }, 120_000);
});
