// Finding 5b of issue 15: a failed real-time alert evaluation was logged and dropped while the watermark
// moved on, so the alert never opened, not even after a restart. The failures here are real ones of
// PostgreSQL: the alerts table is renamed away while the evaluator writes (as during a migration or an
// outage every statement touching it fails), then renamed back.
import { register } from 'prom-client';
import { Database } from '@hp/storage';
import { RegistryAdmin } from '@hp/registry';
import { NewReading, ReadingsWriter } from '@hp/readings';
import { waitFor } from '@hp/testing';
import { openTestStore, TestStore } from '@hp/testing-store';
import { AlertLifecycle } from '../lifecycle/alert-lifecycle.service';
import { AlertRulesRepository } from '../storage/alert-rules.repository';
import { AlertsRepository } from '../storage/alerts.repository';
import { DEFAULT_ALERT_SETTINGS } from '../lifecycle/alert-settings';
import { ReadingAlertEvaluator, ReadingEvaluationOptions } from './reading-alert-evaluator.service';

const MIN = 60_000;

async function metricValue(name: string): Promise<number> {
  const text = await register.getSingleMetricAsString(name);
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no sample of ${name} in:\n${text}`);
  return Number(line.split(' ')[1]);
}

describe('real-time alert evaluation under database failures (PostgreSQL)', () => {
  let store: TestStore;
  let db: Database;
  let lifecycle: AlertLifecycle;
  let parkId: number;
  let seq = 0;
  const evaluators: ReadingAlertEvaluator[] = [];

  beforeAll(async () => {
    store = await openTestStore('pg', { poolSize: 6 });
    db = store.db;
    parkId = (await new RegistryAdmin(db).registerPark({ code: 'DUR-PARK', name: 'Durability park' })).id;
    lifecycle = new AlertLifecycle(db, DEFAULT_ALERT_SETTINGS);
  });

  afterEach(async () => {
    for (const e of evaluators.splice(0)) e.stop();
    await db.exec(`DO $$ BEGIN
      IF to_regclass('alerts_away') IS NOT NULL THEN ALTER TABLE alerts_away RENAME TO alerts; END IF;
    END $$`);
    // Each test's rule applies to that test only.
    const rules = new AlertRulesRepository(db);
    for (const r of await rules.list()) if (r.enabled) await rules.upsert({ ...r, enabled: false });
  });

  afterAll(async () => {
    await store?.cleanup();
  });

  function evaluator(options: Partial<ReadingEvaluationOptions>): ReadingAlertEvaluator {
    const e = new ReadingAlertEvaluator(db, lifecycle, null, options);
    evaluators.push(e);
    return e;
  }

  /** A fresh station under a QCVN 40 B permit (COD <= 150) with a threshold rule on COD. */
  async function stationWithRule(): Promise<{ stationId: number; ruleId: number }> {
    const n = ++seq;
    const plant = await new RegistryAdmin(db).registerTreatmentPlant({
      code: `DUR-CETP-${n}`,
      parkId,
      name: 'cetp',
    });
    const station = await new RegistryAdmin(db).registerStation({
      code: `DUR-OUT-${n}`,
      plantId: plant.id,
      name: 'outlet',
      kind: 'outlet',
    });
    await new RegistryAdmin(db).recordDischargePermit({
      stationId: station.id,
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      effectiveFrom: '2025-01-01',
    });
    const rule = await new AlertRulesRepository(db).upsert({
      code: `dur-threshold-${n}`,
      kind: 'threshold',
      stationId: station.id,
      parameter: 'COD',
      severity: 'critical',
      settings: { forSeconds: 0 },
    });
    return { stationId: station.id, ruleId: rule.id };
  }

  /** Stores readings as ingestion does, then hands them to the evaluator as its commit hook. */
  async function commit(e: ReadingAlertEvaluator, rows: NewReading[]): Promise<void> {
    await new ReadingsWriter(db).insertReadings(rows);
    e.onCommitted(rows);
  }

  const cod = (stationId: number, minutesAgo: number, value: number): NewReading => ({
    stationId,
    time: new Date(Date.now() - minutesAgo * MIN),
    parameterCode: 'COD',
    value,
    status: 0,
  });

  async function alertsOf(ruleId: number) {
    return (await new AlertsRepository(db).list({ limit: 1000 })).filter((a) => a.ruleId === ruleId);
  }

  /** Alerts of a rule while the table is renamed away. */
  async function alertsAway(ruleId: number): Promise<number> {
    const [row] = (
      await db.query<{ n: string }>(`SELECT count(*) AS n FROM alerts_away WHERE rule_id = $1`, [ruleId])
    ).rows;
    return Number(row.n);
  }

  async function watermark(): Promise<Date | null> {
    return new AlertRulesRepository(db).watermark('readings_evaluated');
  }

  const breakAlertsTable = () => db.exec(`ALTER TABLE alerts RENAME TO alerts_away`);
  const repairAlertsTable = () => db.exec(`ALTER TABLE alerts_away RENAME TO alerts`);

  it('retries a failed evaluation until the alert opens, once, and keeps the watermark before it', async () => {
    const { stationId, ruleId } = await stationWithRule();
    const other = (await stationWithRule()).stationId;
    const e = evaluator({ retryFirstMs: 100, retryMaxMs: 400, watermarkMarginMs: 0 });
    await e.onApplicationBootstrap();
    await breakAlertsTable();
    await commit(e, [cod(stationId, 2, 90), cod(stationId, 1, 400)]);
    await waitFor(() => e.failures >= 2, {
      timeoutMs: 10_000,
      description: 'the evaluation failed and was retried',
    });
    const [stored] = (
      await db.query<{ receivedAt: Date }>(
        `SELECT max(received_at) AS "receivedAt" FROM readings WHERE station_id = $1`,
        [stationId],
      )
    ).rows;
    // A later batch, more than a second on (today's code moved the watermark past the failed one then).
    await waitFor(() => Date.now() - stored.receivedAt.getTime() > 1_100, { timeoutMs: 3_000 });
    await commit(e, [cod(other, 0, 50)]);
    expect(await alertsAway(ruleId)).toBe(0);
    expect((await watermark())!.getTime()).toBeLessThan(stored.receivedAt.getTime());
    expect(await metricValue('hp_alert_evaluation_lag_seconds')).toBeGreaterThan(0);

    await repairAlertsTable();
    const opened = await waitFor(
      async () => ((await alertsOf(ruleId)).length > 0 ? alertsOf(ruleId) : null),
      {
        timeoutMs: 10_000,
        description: 'the alert opened once the database answered again',
      },
    );
    expect(opened.map((a) => [a.status, a.details['value']])).toEqual([['open', 400]]);
    await e.idle();
    expect(await alertsOf(ruleId)).toHaveLength(1);
    expect(e.lagMs()).toBe(0);
    expect(e.queuedReadings).toBe(0);
    expect((await watermark())!.getTime()).toBeGreaterThanOrEqual(stored.receivedAt.getTime());
  });

  it('a failure is retried after a restart too: the watermark never passed it', async () => {
    const { stationId, ruleId } = await stationWithRule();
    const other = (await stationWithRule()).stationId;
    // Retries far apart: this process "dies" before its next try.
    const first = evaluator({ retryFirstMs: 3_600_000, retryMaxMs: 3_600_000, watermarkMarginMs: 0 });
    await first.onApplicationBootstrap();
    await breakAlertsTable();
    await commit(first, [cod(stationId, 1, 400)]);
    await waitFor(() => first.failures >= 1, { timeoutMs: 10_000, description: 'the evaluation failed' });
    await repairAlertsTable();
    const failedAt = Date.now();
    await waitFor(() => Date.now() - failedAt > 1_100, { timeoutMs: 3_000 });
    await commit(first, [cod(other, 0, 50)]); // evaluated or not, it must not carry the watermark past the failure
    first.stop();
    await first.idle(); // whatever it was still doing is done
    expect(await alertsOf(ruleId)).toEqual([]);

    const restarted = evaluator({ watermarkMarginMs: 0 });
    await restarted.onApplicationBootstrap();
    expect((await alertsOf(ruleId)).map((a) => [a.status, a.details['value']])).toEqual([['open', 400]]);
    await evaluator({ watermarkMarginMs: 0 }).onApplicationBootstrap(); // once more: nothing new
    expect(await alertsOf(ruleId)).toHaveLength(1);
  });

  it('bounds its queue while evaluation fails, and reads the overflow back from the database', async () => {
    const { stationId, ruleId } = await stationWithRule();
    const bound = 50;
    const e = evaluator({
      maxQueuedReadings: bound,
      retryFirstMs: 100,
      retryMaxMs: 300,
      watermarkMarginMs: 0,
    });
    await e.onApplicationBootstrap();
    await breakAlertsTable();
    // 30 batches of 10 readings, all over the limit: the first opens the alert (and fails), the rest repeat it.
    let peak = 0;
    for (let b = 0; b < 30; b++) {
      const rows = Array.from({ length: 10 }, (_, i) => cod(stationId, 60 - (b * 10 + i) / 6, 400));
      await commit(e, rows);
      peak = Math.max(peak, e.queuedReadings);
      expect(e.queuedReadings).toBeLessThanOrEqual(bound);
    }
    await waitFor(() => e.failures >= 1, { timeoutMs: 10_000, description: 'the evaluation failed' });
    expect(peak).toBeGreaterThan(0);
    expect(await metricValue('hp_alert_evaluation_queued_readings')).toBeLessThanOrEqual(bound);
    expect(await metricValue('hp_alert_evaluation_lag_seconds')).toBeGreaterThan(0);
    expect(await metricValue('hp_alert_evaluation_spilled_batches_total')).toBeGreaterThan(0);
    expect(await alertsAway(ruleId)).toBe(0);

    await repairAlertsTable();
    const opened = await waitFor(
      async () => ((await alertsOf(ruleId)).length > 0 ? alertsOf(ruleId) : null),
      {
        timeoutMs: 10_000,
        description: 'the alert opened from the readings read back',
      },
    );
    expect(opened.map((a) => [a.status, a.details['value']])).toEqual([['open', 400]]);
    await e.idle();
    expect(e.queuedReadings).toBe(0);
    expect(await metricValue('hp_alert_evaluation_lag_seconds')).toBe(0);
    expect(await alertsOf(ruleId)).toHaveLength(1);
  });
});
