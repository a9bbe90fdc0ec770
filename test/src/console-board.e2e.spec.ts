import { Page } from 'playwright-core';
import { PlatformHandle } from '@hp/runtime';
import { waitFor } from '@hp/testing';
import { adminToken } from './support/admin-token';
import {
  ConsoleBrowser,
  screenshot,
  seriousAxeViolations,
  startConsoleBrowser,
} from './support/console-platform';

/**
 * The console (apps/console, React + TypeScript built by vite) in a real browser against the fully
 * embedded platform, as `npm start` runs it: sign-in, the live operations board (the stations x parameters
 * grid of latest values and the map's markers), the strict CSP (no inline script or style) with no
 * violation, hashed assets precompressed and cached for good, axe-core with no serious or critical
 * violation, Vietnamese and English on a desktop and a 390 px phone (screenshots in test/output/screenshots/).
 */

const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

describe('console: the live operations board in a browser (embedded platform)', () => {
  let started: ConsoleBrowser | undefined;
  let platform: PlatformHandle | undefined;

  beforeAll(async () => {
    started = await startConsoleBrowser();
    platform = started.platform;
    const token = adminToken(platform.app);
    const api = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${platform!.httpUrl}/api${p}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${p}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    // Coordinates through the registry's API (the seed records none): test positions around Hai Phong,
    // one park per step, each station beside its park.
    const parks = await api<
      { code: string; treatmentPlants: { stations: { id: number; active: boolean }[] }[] }[]
    >('GET', '/parks');
    let i = 0;
    for (const park of parks) {
      const stations = park.treatmentPlants.flatMap((p) => p.stations).filter((s) => s.active);
      if (stations.length === 0) continue;
      const at = { latitude: 20.72 + (i % 4) * 0.06, longitude: 106.55 + Math.floor(i / 4) * 0.12 };
      i += 1;
      await api('PATCH', `/parks/${park.code}`, at);
      for (const station of stations)
        await api('PATCH', `/stations/${station.id}`, {
          latitude: at.latitude + 0.01,
          longitude: at.longitude + 0.01,
        });
    }
    await waitFor(
      async () =>
        (await api<{ parameters: { value: number | null }[] }[]>('GET', '/board/latest')).some((s) =>
          s.parameters.some((p) => p.value !== null),
        ),
      { timeoutMs: 30_000, description: 'latest values on the board' },
    );
  }, 120_000);

  afterAll(() => started?.close(), 60_000);

  const openPage = (phone: boolean) => started!.openPage(phone);
  async function signIn(page: Page): Promise<void> {
    await page.goto(`${platform!.httpUrl}/console/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await started!.signIn(page, 'officer');
    await page.getByTestId('board-grid').waitFor();
  }

  /** The grid shows values with their time, and the map its station markers. */
  async function expectBoard(page: Page): Promise<void> {
    await page.locator('[data-testid="board-cell"] .value').first().waitFor();
    await page.locator('[data-testid="board-cell"] time').first().waitFor();
    expect(await page.getByTestId('board-row').count()).toBeGreaterThanOrEqual(8);
    await page.locator('[data-testid="map-marker"]').first().waitFor();
    expect(await page.locator('[data-testid="map-marker"]').count()).toBeGreaterThanOrEqual(8);
    const verdicts = await page
      .locator('[data-testid="map-marker"]')
      .evaluateAll((paths) => paths.map((p) => p.getAttribute('data-verdict')));
    for (const verdict of verdicts)
      expect(verdict).toMatch(
        /^(compliant|exceedance|suspected_exceedance|insufficient_data|no_permit|none)$/,
      );
    // The 2030 targets above the grid: this month's wastewater share so far (provisional) and this year's
    // hazardous-waste share, each as a figure and a bar. (Last month's, from the demo history, is checked by
    // demo-start.e2e.spec.ts: this platform starts with no history.)
    await page.locator('[data-testid="target-this-month-share"][data-share]').waitFor();
    const thisMonth = await page.getByTestId('target-this-month-share').getAttribute('data-share');
    expect(Number(thisMonth)).toBeGreaterThanOrEqual(0);
    expect(Number(thisMonth)).toBeLessThanOrEqual(1);
    expect(await page.getByTestId('target-this-month').getAttribute('data-provisional')).toBe('true');
    await page.locator('[data-testid="target-waste-share"]').waitFor();
  }

  it('serves the console under its strict CSP, with immutable precompressed assets', async () => {
    const url = platform!.httpUrl;
    const index = await fetch(`${url}/console/`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/<style|\sstyle=/); // no inline style
    const assets = [...html.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await fetch(`${url}${asset}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-encoding')).toBe('br');
      expect(response.headers.get('vary')).toBe('Accept-Encoding');
      await response.arrayBuffer();
    }
    const gzip = await fetch(`${url}${assets[0]}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    await gzip.arrayBuffer();
    // No tiles configured: the map has no background source, and the CSP allows none.
    expect(await (await fetch(`${url}/console/config.json`)).json()).toEqual({
      mapTileUrl: null,
      mapTileAttribution: null,
    });
    expect((await fetch(`${url}/console/assets/missing.js`)).status).toBe(404);
    // The previous dashboard stays at / with its own policy.
    const dashboard = await fetch(`${url}/`);
    expect(dashboard.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    await dashboard.text();
  });

  it.each([
    ['desktop', false],
    ['phone', true],
  ])(
    'signs in and shows the live board in Vietnamese and English on a %s, accessible and within the CSP',
    async (device, phone) => {
      const { page, errors, cspViolations } = await openPage(phone);
      await signIn(page);
      await expectBoard(page);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Bảng điều hành trực tuyến',
      );
      expect(await page.getByRole('region', { name: /^Bản đồ: \d+ trạm/ }).count()).toBe(1);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, `board-vi-${device}.png`);
      // Live: the board asks again by itself (every 15 s).
      await page.waitForResponse((r) => r.url().endsWith('/api/board/latest') && r.ok(), { timeout: 20_000 });

      await page.getByTestId('language-switch').click();
      await page.getByRole('heading', { level: 1, name: 'Live operations board' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await expectBoard(page);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, `board-en-${device}.png`);

      expect(cspViolations).toEqual([]);
      expect(errors).toEqual([]);
    },
    90_000,
  );
});
