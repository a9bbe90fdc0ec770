// The browser tests' Chromium: Debian's /usr/bin/chromium (CHROMIUM_PATH points elsewhere), driven by
// playwright-core, with pages that collect what went wrong for the test to check at its end.
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export interface BrowserPage {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors (a 401/403 resource aside: the sign-in and access-denied paths). */
  errors: string[];
  /** Content-Security-Policy violations, from the console and the securitypolicyviolation event. */
  cspViolations: string[];
}

/**
 * A fresh context (own sessionStorage) in Hai Phong's time zone and a Vietnamese locale, a desktop 1366x900
 * unless told, `mobile` a touch phone at twice the pixel density.
 */
export async function openBrowserPage(
  browser: Browser,
  options: { width?: number; height?: number; mobile?: boolean; stepMs?: number } = {},
): Promise<BrowserPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    deviceScaleFactor: options.mobile ? 2 : 1,
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
    timezoneId: 'Asia/Ho_Chi_Minh',
    locale: 'vi-VN',
  });
  context.setDefaultTimeout(options.stepMs ?? 20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  const cspViolations: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    // ERR_NETWORK_CHANGED: Chromium drops a request in flight when the machine's interfaces change, which
    // the cluster drill does beside it (its hosts' namespaces and bridge); the page retries the request.
    if (
      message.type() === 'error' &&
      !/Failed to load resource: (.* (401|403)|net::ERR_NETWORK_CHANGED)/.test(message.text())
    )
      errors.push(message.text());
  });
  await page.exposeFunction('reportCspViolation', (text: string) => cspViolations.push(text));
  await page.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));",
  );
  return { context, page, errors, cspViolations };
}
