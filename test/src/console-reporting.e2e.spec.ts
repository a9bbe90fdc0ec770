import { Page } from 'playwright-core';
import { PlatformHandle } from '@hp/runtime';
import { BrowserPage } from './support/browser';
import {
  ConsoleBrowser,
  screenshot,
  seriousAxeViolations,
  startConsoleBrowser,
} from './support/console-platform';

/**
 * The console's reporting chain (plan 624/KH-BQL) and notification centre in a real browser against the
 * embedded platform with its demo accounts: the park operator submits its monthly report, the Planning
 * department's officer returns it with a comment, the operator reads the comment and resubmits, the officer
 * approves, then drafts and issues the report to the City and downloads its PDF; the officer's notification
 * centre agrees with the API. axe-core with no serious or critical violation, Vietnamese and English on a
 * desktop and a 390 px phone (screenshots in test/output/screenshots/).
 */

/** The month before this one in Hai Phong, as the console proposes it. */
function previousMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

describe('console: the reporting chain and the notification centre in a browser (embedded platform)', () => {
  let started: ConsoleBrowser | undefined;
  let platform: PlatformHandle | undefined;
  const period = previousMonth();
  let operator: BrowserPage;
  let officer: BrowserPage;

  beforeAll(async () => {
    started = await startConsoleBrowser();
    platform = started.platform;
    operator = await started.openPage();
    officer = await started.openPage();
  }, 120_000);

  afterAll(() => started?.close(), 60_000);

  const openPage = (phone: boolean) => started!.openPage(phone);
  async function signInToReports(page: Page, username: string): Promise<void> {
    await started!.signIn(page, username);
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports').waitFor();
  }

  async function token(username: string): Promise<string> {
    const response = await fetch(`${platform!.httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `${username}-demo-2030` }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  /** Opens the period's submission in the list (after a reload, so the list is the server's now). */
  async function openSubmission(page: Page, state: string): Promise<void> {
    await page.reload();
    await page.locator(`[data-testid="submission-row"][data-state="${state}"]`).first().waitFor();
    await page
      .locator(`[data-testid="submission-row"][data-state="${state}"]`)
      .first()
      .getByTestId('submission-open')
      .click();
    await page.locator(`[data-testid="submission-detail"][data-state="${state}"]`).waitFor();
  }

  it('a park operator submits its monthly report over the platform figures', async () => {
    const { page } = operator;
    await signInToReports(page, 'operator');
    expect(await page.getByTestId('submission-period').inputValue()).toBe(period);
    await page.getByTestId('submission-open-period').click();
    await page.locator('[data-testid="submission-detail"][data-state="draft"]').waitFor();
    // The platform's figures are shown, not editable.
    await page.getByTestId('submission-figures').waitFor();
    expect(await page.getByTestId('submission-figures').locator('input, textarea').count()).toBe(0);
    await page.getByTestId('narrative-progress').fill('Đã vận hành ổn định trạm quan trắc tự động.');
    await page.getByTestId('narrative-difficulties').fill('Mất kết nối ngắn hạn.');
    await page.getByTestId('narrative-proposals').fill('Đề nghị hỗ trợ kiểm định thiết bị.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId('submission-submit').click();
    await page.locator('[data-testid="submission-detail"][data-state="submitted"]').waitFor();
  }, 90_000);

  it('the Planning department returns it with a comment; the operator reads it and resubmits', async () => {
    await signInToReports(officer.page, 'officer');
    await openSubmission(officer.page, 'submitted');
    expect(await officer.page.getByTestId('narrative-progress-text').textContent()).toBe(
      'Đã vận hành ổn định trạm quan trắc tự động.',
    );
    await officer.page.getByTestId('review-comment-input').fill('Bổ sung số liệu lưu lượng xả thải.');
    await officer.page.getByTestId('submission-return').click();
    await officer.page.locator('[data-testid="submission-detail"][data-state="returned"]').waitFor();

    const { page } = operator;
    await openSubmission(page, 'returned');
    expect(await page.getByTestId('review-comment').textContent()).toContain(
      'Bổ sung số liệu lưu lượng xả thải.',
    );
    await page
      .getByTestId('narrative-progress')
      .fill('Đã bổ sung lưu lượng xả thải trung bình 1.200 m³/ngày.');
    await page.getByTestId('submission-submit').click();
    await page.locator('[data-testid="submission-detail"][data-state="resubmitted"]').waitFor();
  }, 90_000);

  it('the officer approves it, issues the report to the City and downloads its PDF', async () => {
    const { page } = officer;
    await openSubmission(page, 'resubmitted');
    await page.getByTestId('submission-approve').click();
    await page.locator('[data-testid="submission-detail"][data-state="approved"]').waitFor();

    expect(await page.getByTestId('city-period').inputValue()).toBe(period);
    await page.getByTestId('city-create').click();
    await page.locator('[data-testid="city-report-row"][data-state="draft"]').waitFor();
    await page.getByTestId('city-issue').click();
    const issued = page.locator('[data-testid="city-report-row"][data-state="issued"]').first();
    await issued.waitFor({ timeout: 60_000 });
    const [pdf] = await Promise.all([
      page.waitForResponse((r) => /\/api\/city-reports\/\d+\/document\.pdf$/.test(r.url())),
      issued.getByTestId('city-download-pdf').click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);

    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'reporting-vi-desktop.png');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Periodic reports' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'reporting-en-desktop.png');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' }).waitFor();
  }, 120_000);

  it('shows the reporting screens on a phone in Vietnamese and English', async () => {
    const phone = await openPage(true);
    await signInToReports(phone.page, 'officer');
    await phone.page.locator('[data-testid="submission-row"][data-state="approved"]').first().waitFor();
    await phone.page.locator('[data-testid="city-report-row"][data-state="issued"]').first().waitFor();
    expect(await seriousAxeViolations(phone.page)).toEqual([]);
    await screenshot(phone.page, 'reporting-vi-phone.png');
    await phone.page.getByTestId('language-switch').click();
    await phone.page.getByRole('heading', { level: 1, name: 'Periodic reports' }).waitFor();
    expect(await seriousAxeViolations(phone.page)).toEqual([]);
    await screenshot(phone.page, 'reporting-en-phone.png');
    expect(phone.cspViolations).toEqual([]);
    expect(phone.errors).toEqual([]);
  }, 90_000);

  it("lists the officer's notifications with the API's unread count", async () => {
    const { page } = officer;
    const inbox = (await (
      await fetch(`${platform!.httpUrl}/api/notifications?limit=100`, {
        headers: { authorization: `Bearer ${await token('officer')}` },
      })
    ).json()) as { unread: number; notifications: unknown[] };
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications').waitFor();
    await page
      .locator('[data-testid="notifications-status"]')
      .filter({ hasText: /\d|Không/ })
      .waitFor();
    // The bell and the page count what the API counts (new alerts may arrive: at least as many).
    const shown = Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
    expect(shown).toBeGreaterThanOrEqual(inbox.unread);
    if (inbox.notifications.length > 0) {
      await page.getByTestId('notification-list').waitFor();
      expect(await page.getByTestId('notification').count()).toBeGreaterThanOrEqual(1);
      // Worded by the reason catalogue: no bare reason code.
      for (const text of await page.locator('.notification-reason').allTextContents())
        expect(text).not.toMatch(/^[A-Z_]+$/);
    } else {
      await page.getByTestId('notifications-empty').waitFor();
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'notifications-vi-desktop.png');
    for (const opened of [operator, officer]) {
      expect(opened.cspViolations).toEqual([]);
      expect(opened.errors).toEqual([]);
    }
  }, 60_000);
});
