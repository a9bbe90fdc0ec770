// What the console's browser tests share: the embedded platform as `npm start` runs it (the console built
// first when a source is newer than the last build), axe-core's verdict on a page, and the screenshots.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { loadConfig } from '@hp/config';
import { bootstrapPlatform, PlatformHandle } from '@hp/runtime';
import { tempDataDir, TempDataDir } from '@hp/testing';
import { BrowserPage, launchChromium, openBrowserPage } from './browser';

const ROOT = path.resolve(__dirname, '../../..');
const SCREENSHOTS = path.resolve(__dirname, '../../output/screenshots');

/** The console built, as `npm start` does first, when a source is newer than the last build. */
export function buildConsoleIfStale(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'infra/scripts/build-console.cjs'), '--if-stale'], {
    stdio: 'inherit',
  });
}

export interface ConsolePlatform {
  platform: PlatformHandle;
  close(): Promise<void>;
}

/** The fully embedded platform with the demo accounts and a fast simulated fleet; `settings` override. */
export async function startConsolePlatform(settings: Record<string, string> = {}): Promise<ConsolePlatform> {
  buildConsoleIfStale();
  await mkdir(SCREENSHOTS, { recursive: true });
  const dataDir: TempDataDir = await tempDataDir();
  const platform = await bootstrapPlatform(
    loadConfig({
      DATA_DIR: dataDir.dir,
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      MQTT_EMBEDDED_PORT: '0',
      LOG_LEVEL: 'warn',
      SIMULATOR_ENABLED: 'true',
      SIMULATOR_INTERVAL_MS: '100',
      SIMULATOR_SPEED: '600',
      SIMULATOR_BACKFILL_HOURS: '2',
      SIMULATOR_HISTORY_DAYS: '0',
      ...settings,
    }),
  );
  return {
    platform,
    close: async () => {
      await platform.close();
      await dataDir.remove();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let axeSource: Promise<string> | undefined;

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, as a file's text, so the page's CSP needs no exception.
  await page.evaluate(await axeSource);
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })),
    })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A full-page screenshot in test/output/screenshots/. */
export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

/** The platform with Chromium: pages to open, demo sign-in and an API client, all closed together. */
export interface ConsoleBrowser extends ConsolePlatform {
  browser: Browser;
  /** A fresh context: a 1366 px desktop, or a 390 px touch phone. */
  openPage(phone?: boolean): Promise<BrowserPage>;
  /** Signs in on the console's sign-in page; a demo account's password (`<username>-demo-2030`) unless told. */
  signIn(page: Page, username: string, password?: string): Promise<void>;
}

export async function startConsoleBrowser(settings: Record<string, string> = {}): Promise<ConsoleBrowser> {
  const started = await startConsolePlatform(settings);
  const browser = await launchChromium();
  const pages: BrowserPage[] = [];
  return {
    ...started,
    browser,
    openPage: async (phone = false) => {
      const opened = await openBrowserPage(browser, phone ? { width: 390, height: 844, mobile: true } : {});
      pages.push(opened);
      return opened;
    },
    signIn: async (page, username, password = `${username}-demo-2030`) => {
      await page.goto(`${started.platform.httpUrl}/console/`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('nav-board').waitFor();
    },
    close: async () => {
      for (const opened of pages) await opened.context.close().catch(() => undefined);
      await browser.close();
      await started.close();
    },
  };
}
