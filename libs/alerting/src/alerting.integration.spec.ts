import { BullMqJobQueue, redisUrl, registerJobHandlers } from '@hp/queue';
import { formatReason } from '@hp/contracts';
import { Database } from '@hp/storage';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { ComplianceWriter } from '@hp/compliance';
import { NewReading, ReadingsWriter } from '@hp/readings';
import { SmtpSink, startSmtpSink, startWebhookReceiver, waitFor, WebhookReceiver } from '@hp/testing';
import { openTestStore, TestStore } from '@hp/testing-store';
import { DEFAULT_WASTE_POLICY, WasteReader, WasteViewsService, WasteWriter } from '@hp/waste';
import { AlertDelivery } from './delivery/alert-delivery.service';
import { AlertOutboxRepository } from './storage/alert-outbox.repository';
import { AlertRecipientsRepository } from './storage/alert-recipients.repository';
import { AlertRulesRepository } from './storage/alert-rules.repository';
import { AlertsRepository } from './storage/alerts.repository';
import { OutboxRelay } from './delivery/outbox-relay.service';
import { ReadingAlertEvaluator } from './evaluation/reading-alert-evaluator.service';
import { AlertLifecycle } from './lifecycle/alert-lifecycle.service';
import { AlertSettings } from './lifecycle/alert-settings';
import { AlertSweep } from './sweep/alert-sweep.service';
import { AlertHistory } from './sweep/alert-history';

const SECRET = 'test-secret';
const T0 = Date.parse('2026-11-20T01:00:00Z');
const MIN = 60_000;

/**
 * Alerting on the real services: PostgreSQL for rules, state, alerts and the outbox; Redis through BullMQ
 * for delivery; a real HTTP receiver for webhooks and a real SMTP server for e-mail.
 */
describe('alerting on PostgreSQL and Redis', () => {
  let store: TestStore;
  let db: Database;
  let webhook: WebhookReceiver;
  /** A fake Grafana (an HTTP receiver): no Grafana server can run here. */
  let grafana: WebhookReceiver;
  let smtp: SmtpSink;
  let queue: BullMqJobQueue;
  let relay: OutboxRelay;
  let lifecycle: AlertLifecycle;
  let settings: AlertSettings;
  let stationId: number;
  let parkId: number;
  let seq = 0;

  /** A fresh station (own subjects, so tests do not meet) under a QCVN 40 B permit: COD <= 150, pH 5.5..9. */
  async function station(): Promise<number> {
    const n = ++seq;
    const plant = await new RegistryAdmin(db).registerTreatmentPlant({
      code: `AL-CETP-${n}`,
      parkId,
      name: 'cetp',
    });
    const s = await new RegistryAdmin(db).registerStation({
      code: `AL-OUT-${n}`,
      plantId: plant.id,
      name: 'outlet',
      kind: 'outlet',
    });
    await new RegistryAdmin(db).recordDischargePermit({
      stationId: s.id,
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      effectiveFrom: '2025-01-01',
    });
    return s.id;
  }

  const reading = (
    station: number,
    minute: number,
    parameterCode: string,
    value: number,
    status: 0 | 1 | 2 = 0,
  ): NewReading => ({
    stationId: station,
    time: new Date(T0 + minute * MIN),
    parameterCode,
    value,
    status,
  });

  async function rule(
    code: string,
    kind: string,
    stationIdOrNull: number | null,
    settings: Record<string, number>,
    parameter: string | null = null,
  ) {
    return new AlertRulesRepository(db).upsert({
      code,
      kind: kind as never,
      stationId: stationIdOrNull,
      parameter,
      severity: 'critical',
      settings,
    });
  }

  function evaluator(): ReadingAlertEvaluator {
    return new ReadingAlertEvaluator(db, lifecycle, null);
  }

  async function alertsOf(ruleCode: string) {
    const rules = await new AlertRulesRepository(db).list();
    const id = rules.find((r) => r.code === ruleCode)!.id;
    return (await new AlertsRepository(db).list({ limit: 1000 }))
      .filter((a) => a.ruleId === id)
      .sort((a, b) => a.id - b.id);
  }

  beforeAll(async () => {
    store = await openTestStore('pg', { poolSize: 6 });
    db = store.db;
    parkId = (await new RegistryAdmin(db).registerPark({ code: 'AL-PARK', name: 'Alert park' })).id;
    stationId = await station();
    webhook = await startWebhookReceiver(SECRET);
    smtp = await startSmtpSink();
    grafana = await startWebhookReceiver('unused', {
      status: 200,
      body: '{"id":1,"message":"Annotation added"}',
    });
    settings = {
      smtpUrl: smtp.url,
      mailFrom: 'alerts@test.local',
      webhookSecret: SECRET,
      escalateAfterMinutes: 30,
      remindEveryMinutes: 60,
      grafana: { url: grafana.url.replace('/hooks/alerts', ''), token: 'grafana-token' },
    };
    const recipients = new AlertRecipientsRepository(db);
    await recipients.insert({
      name: 'Officer',
      role: 'officer',
      parkId,
      level: 0,
      email: 'officer@test.local',
      webhookUrl: webhook.url,
    });
    await recipients.insert({
      name: 'Director',
      role: 'director',
      level: 1,
      minSeverity: 'critical',
      email: 'director@test.local',
    });
    lifecycle = new AlertLifecycle(db, settings);
    queue = new BullMqJobQueue({
      redis: redisUrl('redis://127.0.0.1:6379'),
      prefix: `hp-alert-test-${process.pid}-${Date.now()}`,
      backoffScale: 0.001,
    });
    const outbox = new AlertOutboxRepository(db);
    registerJobHandlers(queue, new AlertDelivery(outbox, settings));
    await queue.startWorkers();
    relay = new OutboxRelay(queue, outbox);
    relay.onApplicationBootstrap();
  });

  // Each test's rules apply to that test only.
  afterEach(async () => {
    const rules = new AlertRulesRepository(db);
    for (const r of await rules.list()) if (r.enabled) await rules.upsert({ ...r, enabled: false });
  });

  afterAll(async () => {
    await relay?.onApplicationShutdown();
    await queue?.close();
    await webhook?.close();
    await grafana?.close();
    await smtp?.close();
    await store?.cleanup();
  });

  it('threshold: opens once the value stays above Cmax for its duration, with hysteresis, and notifies by webhook and e-mail', async () => {
    await rule('t-threshold', 'threshold', stationId, { forSeconds: 120, clearForSeconds: 120 }, 'COD');
    const e = evaluator();
    // 160 > 150 for 3 readings (2 min) -> open; hovering 148/152 keeps it open; <= 135 for 2 min resolves.
    const values = [100, 160, 160, 160, 148, 152, 148, 152, 130, 130, 130];
    await e.evaluate(values.map((v, i) => reading(stationId, i, 'COD', v)));
    const [alert] = await alertsOf('t-threshold');
    expect(alert).toMatchObject({ status: 'resolved', occurrences: 1, kind: 'threshold', parkId, stationId });
    expect(alert.reason).toEqual({
      code: 'ALERT_THRESHOLD',
      params: {
        station: 'AL-OUT-1',
        parameter: 'COD',
        value: 160,
        limit: 150,
        bound: 'max',
        unit: 'mg/L',
        basis: 'QCVN40:2011 column B: C 150 x Kq 1 x Kf 1 = 150',
        time: new Date(T0 + 3 * MIN).toISOString(),
      },
    });
    expect(await alertsOf('t-threshold')).toHaveLength(1);
    // Opened + resolved to the officer: webhook and e-mail each; the director is level 1 (escalation only).
    await waitFor(
      async () =>
        webhook.received.filter((r) => (r.body['alert'] as { id: number }).id === alert.id).length === 2
          ? true
          : null,
      {
        timeoutMs: 10_000,
        description: 'opened and resolved webhooks',
      },
    );
    const hooks = webhook.received.filter((r) => (r.body['alert'] as { id: number }).id === alert.id);
    expect(hooks.map((h) => [h.body['event'], h.signed])).toEqual([
      ['opened', true],
      ['resolved', true],
    ]);
    // The notice carries the reason as data and worded by the catalogue: Vietnamese, then English.
    expect(hooks[0].body['alert']).toMatchObject({
      reason: { code: 'ALERT_THRESHOLD' },
      message:
        'AL-OUT-1: COD 160 mg/L vượt giới hạn 150 mg/L lúc 08:03 20/11/2026 (QCVN40:2011 column B: C 150 x Kq 1 x Kf 1 = 150)',
      messages: {
        en: 'AL-OUT-1: COD 160 mg/L above the limit 150 mg/L at 20/11/2026, 08:03 (QCVN40:2011 column B: C 150 x Kq 1 x Kf 1 = 150)',
      },
    });
    await waitFor(
      async () =>
        smtp.messages.filter((m) => m.raw.includes(`Alert #${alert.id} `)).length === 2 ? true : null,
      {
        timeoutMs: 10_000,
        description: 'opened and resolved e-mails',
      },
    );
    expect(smtp.messages.filter((m) => m.raw.includes(`Alert #${alert.id} `)).map((m) => m.to)).toEqual([
      ['officer@test.local'],
      ['officer@test.local'],
    ]);
  });

  it('annotates Grafana with the opening and the resolution of each alert', async () => {
    const alerts = await alertsOf('t-threshold');
    const text = (body: Record<string, unknown>) => String(body['text']);
    await waitFor(
      async () =>
        grafana.received.filter((r) => text(r.body).includes('AL-OUT-1')).length >= 2 ? true : null,
      { timeoutMs: 10_000, description: 'two annotations on the fake Grafana' },
    );
    const annotations = grafana.received.filter((r) => text(r.body).includes('AL-OUT-1')).map((r) => r.body);
    expect(annotations).toEqual([
      {
        time: alerts[0].firstSeen.getTime(),
        text: expect.stringMatching(/^critical: AL-OUT-1: COD 160 mg\/L vượt giới hạn 150 mg\/L/),
        tags: ['hp-alert', 'threshold', 'critical', 'opened'],
      },
      {
        time: alerts[0].lastSeen.getTime(),
        text: expect.stringMatching(/^resolved: /),
        tags: ['hp-alert', 'threshold', 'critical', 'resolved'],
      },
    ]);
  });

  it('pH outside its range opens; back inside by the margin resolves', async () => {
    const s = await station();
    await rule('t-ph', 'threshold', s, { forSeconds: 0, clearForSeconds: 0 }, 'pH');
    await evaluator().evaluate([
      reading(s, 0, 'pH', 7),
      reading(s, 1, 'pH', 9.4),
      reading(s, 2, 'pH', 8.9),
      reading(s, 3, 'pH', 8.7),
    ]);
    const alerts = await alertsOf('t-ph');
    expect(alerts.map((a) => [a.status, a.details['value']])).toEqual([['resolved', 9.4]]);
    expect(alerts[0].resolvedAt).toEqual(new Date(T0 + 3 * MIN)); // 8.9 is inside, but not by 0.2
  });

  it('alerts only on the parameters the permit judges, at their exact Cmax (as /api/stations/:id/limits)', async () => {
    const s = await station();
    // Its permit from mid-2025 judges COD and pH only, COD Cmax = 150 x 0.9 x 1.1 = 148.5. TN has a permit
    // row and NH4 a standard limit, but neither is one of the permit's parameters: no limit, no alert.
    await new RegistryAdmin(db).recordDischargePermit({
      stationId: s,
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      kq: 0.9,
      kf: 1.1,
      kfSource: 'explicit',
      kfReason: 'test',
      effectiveFrom: '2025-06-01',
      parameters: ['COD', 'pH'],
      limits: [{ parameterCode: 'TN', min: null, max: 5, windows: null }],
    });
    await rule('t-judged', 'threshold', s, { forSeconds: 0, clearForSeconds: 0 });
    await evaluator().evaluate([
      reading(s, 0, 'COD', 148.5), // at Cmax: within
      reading(s, 0, 'TN', 50),
      reading(s, 0, 'NH4', 50),
      reading(s, 1, 'TN', 50),
      reading(s, 1, 'NH4', 50),
      reading(s, 2, 'COD', 148.6),
    ]);
    const alerts = await alertsOf('t-judged');
    expect(alerts.map((a) => [a.details['parameter'], a.details['value']])).toEqual([['COD', 148.6]]);
    expect(formatReason(alerts[0].reason, 'en')).toContain('C 150 x Kq 0.9 x Kf 1.1 = 148.5');
  });

  it('window mean, rate of change and a stuck status each open their alert', async () => {
    const s = await station();
    await rule('t-window', 'window_mean', s, { windowMinutes: 10, max: 100 }, 'TSS');
    await rule('t-rate', 'rate_of_change', s, { maxChangePerMinute: 5 }, 'Temp');
    await rule('t-stuck', 'status_stuck', s, { minutes: 10 }, 'NH4');
    const e = evaluator();
    // TSS: values above 100 from the 3rd, but the 10-min mean crosses 100 only at the 4th (420 / 4 = 105).
    await e.evaluate([80, 90, 120, 130, 140].map((v, i) => reading(s, i, 'TSS', v)));
    // Temp: 25 -> 26 (1/min) fine, then 26 -> 40 in one minute.
    await e.evaluate([25, 26, 40].map((v, i) => reading(s, i, 'Temp', v)));
    // NH4 calibrating (01) from minute 0 to 12: stuck beyond 10 min.
    await e.evaluate(Array.from({ length: 13 }, (_, i) => reading(s, i, 'NH4', 1, 1)));
    expect((await alertsOf('t-window')).map((a) => a.details['readingTime'])).toEqual([
      new Date(T0 + 3 * MIN).toISOString(),
    ]);
    expect((await alertsOf('t-rate')).map((a) => a.reason)).toEqual([
      {
        code: 'ALERT_RATE_OF_CHANGE',
        params: expect.objectContaining({ parameter: 'Temp', ratePerMinute: 14, maxPerMinute: 5 }),
      },
    ]);
    expect((await alertsOf('t-stuck')).map((a) => a.details['readingTime'])).toEqual([
      new Date(T0 + 10 * MIN).toISOString(),
    ]);
  });

  it('keeps a pending duration across a restart, and a replay after it sends nothing twice', async () => {
    const s = await station();
    await rule('t-restart', 'threshold', s, { forSeconds: 600 }, 'COD');
    await evaluator().evaluate([reading(s, 0, 'COD', 200), reading(s, 5, 'COD', 200)]);
    expect(await alertsOf('t-restart')).toEqual([]);
    // A new process: the pending state comes from the database, so minute 11 completes the 10 minutes.
    await evaluator().evaluate([reading(s, 11, 'COD', 200)]);
    const [alert] = await alertsOf('t-restart');
    expect(alert).toMatchObject({ status: 'open', firstSeen: new Date(T0 + 11 * MIN) });
    const sent = (await new AlertOutboxRepository(db).listForAlert(alert.id)).length;
    // Yet another restart replays the whole batch (ingestion redelivered it): nothing new.
    await evaluator().evaluate([0, 5, 11].map((m) => reading(s, m, 'COD', 200)));
    expect(await alertsOf('t-restart')).toHaveLength(1);
    expect(await new AlertOutboxRepository(db).listForAlert(alert.id)).toHaveLength(sent);
  });

  it('after a crash, evaluates the readings committed but never evaluated', async () => {
    const s = await station();
    await rule('t-recover', 'threshold', s, { forSeconds: 0 }, 'COD');
    await evaluator().onApplicationBootstrap(); // the first start sets the watermark
    // Committed by ingestion, then the process died before evaluating them.
    const now = Date.now();
    await new ReadingsWriter(db).insertReadings([
      { stationId: s, time: new Date(now - 2 * MIN), parameterCode: 'COD', value: 90, status: 0 },
      { stationId: s, time: new Date(now - MIN), parameterCode: 'COD', value: 400, status: 0 },
    ]);
    expect(await alertsOf('t-recover')).toEqual([]);
    const restarted = evaluator();
    await restarted.onApplicationBootstrap();
    expect((await alertsOf('t-recover')).map((a) => [a.status, a.details['value']])).toEqual([['open', 400]]);
    await evaluator().onApplicationBootstrap(); // once more: nothing new
    expect(await alertsOf('t-recover')).toHaveLength(1);
  });

  it('counts a repeat on the open alert instead of opening another, and notifies once', async () => {
    const r = await rule('t-dedup', 'waste_violation', null, {});
    const occurrence = (at: number) => ({
      ruleId: r.id,
      subject: 'lot:DEDUP-1',
      kind: 'waste_violation' as const,
      severity: 'warning' as const,
      parkId,
      stationId: null,
      reason: { code: 'TEXT' as const, params: { text: 'lot DEDUP-1: mass mismatch' } },
      details: {},
      at: new Date(T0 + at),
    });
    const first = await lifecycle.raise(occurrence(0));
    const second = await lifecycle.raise(occurrence(MIN));
    expect([first.opened, second.opened]).toEqual([true, false]);
    expect(second.alert).toMatchObject({ id: first.alert.id, occurrences: 2, lastSeen: new Date(T0 + MIN) });
    expect(
      (await new AlertOutboxRepository(db).listForAlert(first.alert.id)).map(
        (m) => `${m.event}:${m.channel}`,
      ),
    ).toEqual(['opened:email', 'opened:webhook', 'opened:grafana']);
  });

  it('escalates an unacknowledged alert to the next level, reminds, and stops once acknowledged', async () => {
    const r = await rule('t-escalate', 'daily_exceedance', null, {});
    const at = new Date(T0);
    const { alert } = await lifecycle.raise({
      ruleId: r.id,
      subject: 'station:1/day:2026-11-20',
      kind: 'daily_exceedance',
      severity: 'critical',
      parkId,
      stationId,
      reason: { code: 'TEXT', params: { text: 'exceedance' } },
      details: {},
      at,
    });
    expect(alert.nextEscalationAt).toBeNull(); // read before the schedule was set; the row has it
    const scheduled = (await new AlertsRepository(db).find(alert.id))!;
    expect(scheduled.nextEscalationAt).toEqual(new Date(T0 + 30 * MIN));
    await lifecycle.sweepDue(new Date(T0 + 31 * MIN)); // the director's e-mail
    const escalated = (await new AlertsRepository(db).find(alert.id))!;
    expect(escalated).toMatchObject({
      escalationLevel: 1,
      nextEscalationAt: null,
      nextReminderAt: new Date(T0 + 91 * MIN),
    });
    await lifecycle.sweepDue(new Date(T0 + 92 * MIN)); // reminder: officer (2 channels) + director
    await lifecycle.acknowledge(alert.id, 'officer@test.local');
    await lifecycle.sweepDue(new Date(T0 + 500 * MIN)); // acknowledged: nothing more
    const events = (await new AlertOutboxRepository(db).listForAlert(alert.id)).map(
      (m) => `${m.event}:${m.target}`,
    );
    expect(events).toEqual([
      'opened:officer@test.local',
      `opened:${webhook.url}`,
      `opened:${settings.grafana!.url}`, // the annotation; escalations and reminders are not annotated
      'escalated:director@test.local',
      'reminder:officer@test.local',
      `reminder:${webhook.url}`,
      'reminder:director@test.local',
    ]);
    await expect(lifecycle.acknowledge(alert.id, 'x')).rejects.toThrow(
      /alert \d+ is acknowledged; it cannot become acknowledged/,
    );
  });

  it('records an alert during a maintenance window without notifying anyone', async () => {
    const s = await station();
    await new AlertRecipientsRepository(db).addSilence({
      stationId: s,
      startsAt: new Date(T0),
      endsAt: new Date(T0 + 60 * MIN),
      reason: 'planned calibration',
    });
    await rule('t-silence', 'threshold', s, { forSeconds: 0 }, 'COD');
    await evaluator().evaluate([reading(s, 1, 'COD', 500)]);
    const [alert] = await alertsOf('t-silence');
    expect(alert).toMatchObject({ status: 'open', silenced: true });
    expect(await new AlertOutboxRepository(db).listForAlert(alert.id)).toEqual([]);
  });

  it('sweeps: no data, device offline, a broken waste chain, a day judged exceedance', async () => {
    const s = await station();
    const now = new Date();
    await new ReadingsWriter(db).insertReadings([
      { ...reading(s, 0, 'COD', 10), time: new Date(now.getTime() - 45 * MIN) },
    ]);
    await rule('t-nodata', 'no_data', s, { minutes: 30 });
    const device = await new RegistryAdmin(db).registerDevice({
      code: 'AL-DEV-1',
      parkId,
      stationId: s,
      kind: 'analyzer',
    });
    await new RegistryAdmin(db).recordDevicePresence(device.code, {
      online: false,
      at: new Date(now.getTime() - 10 * MIN),
    });
    await rule('t-offline', 'device_offline', s, { minutes: 5 });
    await rule('t-waste', 'waste_violation', null, {});
    await rule('t-day', 'daily_exceedance', s, {});
    const waste = new WasteWriter(db);
    await waste.registerParty({ code: 'AL-GEN', name: 'gen', kind: 'generator', parkId });
    const lotEvents = [
      {
        id: 'al-g',
        type: 'lot.generated',
        time: new Date(now.getTime() - 40 * 86_400_000),
        body: { generator: 'AL-GEN', wasteCode: '16 01 12', massKg: 10, container: 'c', storageArea: 'a' },
      },
      {
        id: 'al-h',
        type: 'lot.handed-over',
        time: new Date(now.getTime() - 35 * 86_400_000),
        body: { manifest: 'M-AL', transporter: 'NOBODY', facility: 'NOBODY-TF', vehicle: 'v', massKg: 10 },
      },
    ];
    await waste.recordEvents(
      lotEvents.map((e) => ({
        eventId: e.id,
        lotCode: 'AL-LOT',
        type: e.type,
        occurredAt: e.time,
        gatewayCode: 'gw',
        body: { id: e.id, type: e.type, lot: 'AL-LOT', time: e.time.toISOString(), ...e.body },
      })),
    );
    await new ComplianceWriter(db).storeStationDays([
      {
        stationId: s,
        day: '2026-11-19',
        permitId: null,
        verdict: 'exceedance',
        reasons: [
          {
            code: 'EXCEEDANCE_DAILY_MEAN',
            params: {
              parameter: 'COD',
              mean: 180.5,
              limit: 150,
              bound: 'max',
              unit: 'mg/L',
              confirmed: false,
            },
          },
        ],
      },
    ]);

    const views = new WasteViewsService(new WasteReader(db), new RegistryReader(db), DEFAULT_WASTE_POLICY);
    const sweep = new AlertSweep(db, queue, lifecycle, views, DEFAULT_WASTE_POLICY);
    sweep.startedAt = new Date(now.getTime() - 60 * MIN); // watching for an hour: silence is silence
    expect(await sweep.sweep(now)).toBe(4);
    expect(await sweep.sweep(new Date(now.getTime() + 1000))).toBe(0); // latched: nothing twice
    expect((await alertsOf('t-nodata'))[0].reason).toMatchObject({
      code: 'ALERT_NO_DATA',
      params: { minutes: 30 },
    });
    expect((await alertsOf('t-offline'))[0].reason).toEqual({
      code: 'ALERT_DEVICE_OFFLINE',
      params: { device: 'AL-DEV-1', since: new Date(now.getTime() - 10 * MIN).toISOString(), minutes: 5 },
    });
    expect((await alertsOf('t-waste'))[0].reason).toMatchObject({
      code: 'ALERT_WASTE_VIOLATION',
      params: { lot: 'AL-LOT', findings: expect.stringContaining('party_not_licensed') },
    });
    const [day] = await alertsOf('t-day');
    expect(day).toMatchObject({
      status: 'open',
      subject: `station:${s}/day:2026-11-19`,
      reason: {
        code: 'ALERT_DAILY_EXCEEDANCE',
        params: {
          station: expect.stringMatching(/^AL-OUT-\d+$/),
          day: '2026-11-19',
          verdict: 'exceedance',
          reasons: 1,
        },
      },
      details: { reasons: [expect.objectContaining({ code: 'EXCEEDANCE_DAILY_MEAN' })] },
    });
    // The notice carries the reason codes and their wording by the catalogue, Vietnamese first.
    const opened = await waitFor(
      async () =>
        webhook.received.find(
          (r) => (r.body['alert'] as { id: number }).id === day.id && r.body['event'] === 'opened',
        ) ?? null,
      { timeoutMs: 10_000, description: 'the judged day alert webhook' },
    );
    expect(opened.body['alert']).toMatchObject({
      message: expect.stringMatching(/^AL-OUT-\d+: ngày 19\/11\/2026 vượt chuẩn \(1 lý do\)$/),
      details: {
        reasons: [{ code: 'EXCEEDANCE_DAILY_MEAN', params: expect.objectContaining({ mean: 180.5 }) }],
      },
      reasonTexts: {
        vi: ['COD: trung bình ngày 180,5 > 150 mg/L'],
        en: ['COD: daily mean 180.5 > 150 mg/L'],
      },
    });
    // A waste lot's violations are reasons too, worded the same way.
    const [lot] = await alertsOf('t-waste');
    const lotNotice = await waitFor(
      async () =>
        webhook.received.find(
          (r) => (r.body['alert'] as { id: number }).id === lot.id && r.body['event'] === 'opened',
        ) ?? null,
      { timeoutMs: 10_000, description: 'the waste lot alert webhook' },
    );
    expect(lotNotice.body['alert']).toMatchObject({
      reasonTexts: {
        vi: expect.arrayContaining(['Cơ sở xử lý NOBODY-TF chưa được đăng ký']),
        en: expect.arrayContaining(['Treatment facility NOBODY-TF is not registered']),
      },
    });

    // Causes gone: data again, device back, the day judged compliant after a correction.
    await new ReadingsWriter(db).insertReadings([
      { ...reading(s, 0, 'COD', 10), time: new Date(now.getTime() + 60_000) },
    ]);
    await new RegistryAdmin(db).recordDevicePresence(device.code, {
      online: true,
      at: new Date(now.getTime() + 60_000),
    });
    await new ComplianceWriter(db).storeStationDays([
      { stationId: s, day: '2026-11-19', permitId: null, verdict: 'compliant', reasons: [] },
    ]);
    expect(await sweep.sweep(new Date(now.getTime() + 2 * 60_000))).toBe(3);
    for (const code of ['t-nodata', 't-offline', 't-day'])
      expect((await alertsOf(code))[0].status).toBe('resolved');
  });

  it('judges a history written to the database but pages nobody for it: only its last closed day and after', async () => {
    const s = await station();
    await rule('t-hist-day', 'daily_exceedance', s, {});
    await rule('t-hist-waste', 'waste_violation', null, {});
    // A history up to 2026-10-01 15:00 local: days before 2026-09-30 are history, that day and after current.
    await new AlertHistory(db).recordHistoryUntil(new Date('2026-10-01T15:00:00+07:00'));
    const exceedance = (day: string) => ({
      stationId: s,
      day,
      permitId: null,
      verdict: 'exceedance' as const,
      reasons: [
        {
          code: 'EXCEEDANCE_DAILY_MEAN' as const,
          params: {
            parameter: 'COD',
            mean: 180,
            limit: 150,
            bound: 'max' as const,
            unit: 'mg/L',
            confirmed: false,
          },
        },
      ],
    });
    await new ComplianceWriter(db).storeStationDays(
      ['2026-09-20', '2026-09-29', '2026-09-30'].map(exceedance),
    );
    // Two chains handed to an unlicensed transporter: one treated and closed in the history, one still open.
    const waste = new WasteWriter(db);
    await waste.registerParty({ code: 'AH-GEN', name: 'gen', kind: 'generator', parkId });
    const chain = (lot: string, treated: boolean) =>
      [
        [
          'lot.generated',
          '2026-08-01',
          { generator: 'AH-GEN', wasteCode: '16 01 12', massKg: 10, container: 'c', storageArea: 'a' },
        ],
        [
          'lot.handed-over',
          '2026-08-05',
          { manifest: `M-${lot}`, transporter: 'NOBODY', facility: 'NOBODY-TF', vehicle: 'v', massKg: 10 },
        ],
        ...(treated
          ? [
              ['lot.received', '2026-08-06', { manifest: `M-${lot}`, facility: 'NOBODY-TF', massKg: 10 }],
              [
                'lot.treated',
                '2026-08-07',
                { facility: 'NOBODY-TF', method: 'incineration', certificate: `XL-${lot}` },
              ],
            ]
          : []),
      ].map(([type, day, body]) => {
        const time = `${day as string}T09:00:00+07:00`;
        return {
          eventId: `${lot}-${type as string}`,
          lotCode: lot,
          type: type as string,
          occurredAt: new Date(time),
          gatewayCode: 'gw',
          body: { id: `${lot}-${type as string}`, type, lot, time, ...(body as object) },
        };
      });
    await waste.recordEvents([...chain('AH-CLOSED', true), ...chain('AH-OPEN', false)]);
    const views = new WasteViewsService(new WasteReader(db), new RegistryReader(db), DEFAULT_WASTE_POLICY);
    const now = new Date();
    expect((await views.lot('AH-CLOSED', now)).standing).toBe('non_conforming');

    const sweep = new AlertSweep(db, queue, lifecycle, views, DEFAULT_WASTE_POLICY);
    // The open chain's events have only just arrived: it waits until they settle (as a gateway's backlog).
    await sweep.sweep(now);
    expect((await alertsOf('t-hist-waste')).map((a) => a.subject)).not.toContain('lot:AH-OPEN');
    await sweep.sweep(new Date(now.getTime() + 3 * 60_000));
    expect((await alertsOf('t-hist-day')).map((a) => a.subject).sort()).toEqual([
      `station:${s}/day:2026-09-30`,
    ]);
    const lots = (await alertsOf('t-hist-waste')).map((a) => a.subject);
    expect(lots).toContain('lot:AH-OPEN');
    expect(lots).not.toContain('lot:AH-CLOSED');
  });

  it('counts no start-up as silence: a quiet station and device alert one interval after the start', async () => {
    const s = await station();
    const started = new Date();
    // Last heard of long before the start (a platform down for a day, or a demo's first boot).
    await new ReadingsWriter(db).insertReadings([
      { ...reading(s, 0, 'COD', 10), time: new Date(started.getTime() - 24 * 60 * MIN) },
    ]);
    await rule('t-boot-nodata', 'no_data', s, { minutes: 30 });
    const device = await new RegistryAdmin(db).registerDevice({
      code: 'AL-DEV-BOOT',
      parkId,
      stationId: s,
      kind: 'analyzer',
    });
    await new RegistryAdmin(db).recordDevicePresence(device.code, {
      online: false,
      at: new Date(started.getTime() - 24 * 60 * MIN),
    });
    await rule('t-boot-offline', 'device_offline', s, { minutes: 5 });
    const views = new WasteViewsService(new WasteReader(db), new RegistryReader(db), DEFAULT_WASTE_POLICY);
    const sweep = new AlertSweep(db, queue, lifecycle, views, DEFAULT_WASTE_POLICY);
    sweep.startedAt = started;
    const at = (minutes: number) => new Date(started.getTime() + minutes * MIN);

    // Within each rule's interval after the start: nothing, however old the last reading.
    await sweep.sweep(at(1));
    expect(await alertsOf('t-boot-nodata')).toEqual([]);
    expect(await alertsOf('t-boot-offline')).toEqual([]);
    // Still quiet a whole interval after the start: a real silence, alerted.
    await sweep.sweep(at(6));
    expect(await alertsOf('t-boot-offline')).toEqual([expect.objectContaining({ status: 'open' })]);
    expect(await alertsOf('t-boot-nodata')).toEqual([]);
    await sweep.sweep(at(31));
    expect(await alertsOf('t-boot-nodata')).toEqual([
      expect.objectContaining({ status: 'open', reason: expect.objectContaining({ code: 'ALERT_NO_DATA' }) }),
    ]);

    // A restart does not resolve an alert that is firing: its silence still counts from the last reading.
    const restarted = new AlertSweep(db, queue, lifecycle, views, DEFAULT_WASTE_POLICY);
    restarted.startedAt = at(32);
    await restarted.sweep(at(33));
    expect((await alertsOf('t-boot-nodata'))[0].status).toBe('open');
    expect((await alertsOf('t-boot-offline'))[0].status).toBe('open');
  });

  it('dead-letters a notification whose retries run out, and keeps delivering the others', async () => {
    const r = await rule('t-dead', 'waste_violation', null, {});
    webhook.failNext(1000);
    const { alert } = await lifecycle.raise({
      ruleId: r.id,
      subject: 'lot:DEAD',
      kind: 'waste_violation',
      severity: 'info',
      parkId,
      stationId: null,
      reason: { code: 'TEXT', params: { text: 'dead' } },
      details: {},
      at: new Date(T0),
    });
    const [hook] = (await new AlertOutboxRepository(db).listForAlert(alert.id)).filter(
      (m) => m.channel === 'webhook',
    );
    const dead = await waitFor(
      async () =>
        (await new AlertOutboxRepository(db).deadLetters(50)).find((d) => d.outboxId === hook.id) ?? null,
      {
        timeoutMs: 20_000,
        description: 'the webhook dead-lettered',
      },
    );
    expect(dead).toMatchObject({
      channel: 'webhook',
      attempts: 10,
      error: `webhook ${webhook.url} answered HTTP 500`,
    });
    webhook.failNext(0);
    await waitFor(
      async () => (smtp.messages.some((m) => m.raw.includes(`Alert #${alert.id} `)) ? true : null),
      {
        timeoutMs: 10_000,
        description: 'the e-mail of the same alert delivered',
      },
    );
  });
});
