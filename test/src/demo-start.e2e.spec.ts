import { addDays, formatReason, localDayOf, Reason } from '@hp/contracts';
import { waitFor } from '@hp/testing';
import { EmbeddedPlatform } from './support/embedded-platform';

/**
 * Issue 18.5, a demo that tells the truth: a fresh `npm start` (embedded database, empty data directory,
 * every default) first writes 90 days of simulated history and judges it, then runs the simulators live
 * from now. After start: the history is there, last month's KPI is a share strictly between 0 and 1 with
 * its reasons worded in Vietnamese, the newest reading is current, no station is alerted as silent for
 * the start-up, and the demo officer has an exceedance in the notification centre and in the mail catcher.
 */
describe('npm start on an empty data directory: a demo with its history', () => {
  const HISTORY_DAYS = 90;
  const FIVE_MINUTES = 300_000;
  let platform: EmbeddedPlatform;
  let startMs = 0;

  beforeAll(async () => {
    const started = Date.now();
    // Nothing but the embedded defaults (the helper's own ports and data directory).
    platform = await EmbeddedPlatform.start('demo-start', {}, 240_000);
    startMs = Date.now() - started;
  }, 300_000);

  afterAll(() => platform?.dispose(), 60_000);

  interface AlertView {
    id: number;
    kind: string;
    status: string;
    message: string;
    reason: Reason;
  }

  it('writes 90 days of demo history before the simulators run live from now, and says how long it took', async () => {
    const admin = await platform.signIn();
    const [entry] = await platform.api<{ actor: string; after: Record<string, unknown> }[]>(
      '/admin/audit?subject=readings:demo-history',
      admin,
    );
    expect(entry).toMatchObject({ actor: 'seed:demo-history', after: { demo: true } });
    const history = entry.after as {
      from: string;
      to: string;
      readings: number;
      stationDays: number;
      writeMs: number;
      judgeMs: number;
      roles: Record<string, string>;
    };
    process.stdout.write(
      `demo start: ready in ${(startMs / 1000).toFixed(1)} s (process start to HTTP, with compiling); history ` +
        `${history.readings} readings written in ${(history.writeMs / 1000).toFixed(1)} s, ` +
        `${history.stationDays} station-days judged in ${(history.judgeMs / 1000).toFixed(1)} s\n`,
    );
    expect(Date.parse(history.to) - Date.parse(history.from)).toBe(HISTORY_DAYS * 86_400_000);
    expect(Object.values(history.roles)).toEqual(
      expect.arrayContaining(['compliant', 'exceeding', 'failing_analyser']),
    );

    // Every simulated station has readings from the history's first local day on, on each of the 90 days
    // (daily buckets of Flow), except the failing analyser's days without data.
    const stations = await platform.api<{ id: number; code: string }[]>('/stations', admin);
    const from = new Date(Date.now() - (HISTORY_DAYS + 1) * 86_400_000).toISOString();
    for (const s of stations.filter((x) => x.code in history.roles)) {
      const days = await platform.api<{ buckets: { bucket: string }[] }>(
        `/stations/${s.id}/readings?resolution=day&parameter=Flow&from=${encodeURIComponent(from)}`,
        admin,
      );
      expect(localDayOf(new Date(days.buckets[0].bucket))).toBe(localDayOf(new Date(history.from)));
      if (history.roles[s.code] !== 'failing_analyser')
        expect(days.buckets.length).toBeGreaterThanOrEqual(HISTORY_DAYS);
    }

    // Live from now: the sample due a minute ago (Flow every 5 min) is stored, no replay of the past.
    const station = stations.find((x) => x.code in history.roles)!;
    await waitFor(
      async () => {
        const page = await platform.api<{ readings: { time: string }[] }>(
          `/stations/${station.id}/readings?parameter=Flow&from=${encodeURIComponent(new Date(Date.now() - 2 * FIVE_MINUTES).toISOString())}&limit=1000`,
          admin,
        );
        const newest = Math.max(0, ...page.readings.map((r) => Date.parse(r.time)));
        const due = Math.floor((Date.now() - 60_000) / FIVE_MINUTES) * FIVE_MINUTES;
        return newest >= due;
      },
      { timeoutMs: 60_000, intervalMs: 2_000, description: 'the newest reading is the sample due now' },
    );
  });

  it("shows last month's KPI strictly between 0 and 1, each park not meeting it with reasons in Vietnamese", async () => {
    const officer = await platform.signIn('officer', 'officer-demo-2030');
    const lastMonth = addDays(`${localDayOf(new Date()).slice(0, 7)}-01`, -1);
    const kpi = await platform.api<{
      share: number;
      operatingParks: number;
      notMeeting: { parkCode: string; status: string; reasons: Reason[] }[];
    }>(`/compliance/kpi?period=month&date=${lastMonth}`, officer);
    expect(kpi.share).toBeGreaterThan(0);
    expect(kpi.share).toBeLessThan(1);
    expect(kpi.notMeeting.length).toBeGreaterThan(0);
    const statuses = new Set(kpi.notMeeting.map((p) => p.status));
    expect(statuses.has('exceedance')).toBe(true);
    for (const park of kpi.notMeeting) {
      expect(park.reasons.length).toBeGreaterThan(0);
      for (const r of park.reasons) expect(formatReason(r, 'vi')).not.toContain(r.code);
    }
  });

  it('opens no alert for stations silent only because the platform just started', async () => {
    const officer = await platform.signIn('officer', 'officer-demo-2030');
    // A sweep has run since the start: the history's exceedance days are alerted by it.
    const open = await waitFor(
      async () => {
        const alerts = await platform.api<AlertView[]>('/alerts?status=open&limit=1000', officer);
        return alerts.some((a) => a.kind === 'daily_exceedance') ? alerts : null;
      },
      { timeoutMs: 60_000, description: 'a sweep after boot' },
    );
    expect(open.filter((a) => a.kind === 'no_data' || a.kind === 'device_offline')).toEqual([]);
  });

  it('tells the demo officer of an exceedance in the notification centre and by (caught) e-mail', async () => {
    const officer = await platform.signIn('officer', 'officer-demo-2030');
    const inbox = await waitFor(
      async () => {
        const page = await platform.api<{
          unread: number;
          notifications: { id: number; event: string; readAt: string | null; alert: AlertView }[];
        }>('/notifications?limit=500', officer);
        return page.notifications.some((n) => n.alert.kind === 'daily_exceedance') ? page : null;
      },
      { timeoutMs: 60_000, description: "an exceedance in the officer's notification centre" },
    );
    const exceedance = inbox.notifications.find((n) => n.alert.kind === 'daily_exceedance')!;
    expect(exceedance).toMatchObject({ event: 'opened', readAt: null });
    expect(exceedance.alert.message).toBe(formatReason(exceedance.alert.reason, 'vi'));
    const response = await fetch(
      `http://127.0.0.1:${platform.app.port}/api/notifications/${exceedance.id}/read`,
      { method: 'POST', headers: { authorization: `Bearer ${officer}` } },
    );
    expect(response.status).toBe(204);
    const after = await platform.api<{ unread: number }>('/notifications?limit=1', officer);
    expect(after.unread).toBe(inbox.unread - 1);

    // The same alert by e-mail, to the demo recipient, in the mail catcher (admins only).
    const admin = await platform.signIn();
    const mail = await waitFor(
      async () => {
        const box = await platform.api<{ to: string[]; subject: string | null }[]>('/dev/mailbox', admin);
        return (
          box.find(
            (m) =>
              m.to.includes('officer@demo.hp-envmon.local') &&
              m.subject === `[Nghiêm trọng] Cảnh báo mới: ${exceedance.alert.message}`,
          ) ?? null
        );
      },
      { timeoutMs: 60_000, description: 'the exceedance e-mail in the mail catcher' },
    );
    expect(mail).toBeTruthy();
    const refused = await fetch(`http://127.0.0.1:${platform.app.port}/api/dev/mailbox`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(refused.status).toBe(403);
  });
});
