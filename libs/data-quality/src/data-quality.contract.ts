// One body of tests run on both storage drivers (data-quality.pg.spec.ts, data-quality.embedded.spec.ts).
import { addDays, localDayStart } from '@hp/contracts';
import {
  AlertConfiguration,
  AlertHistory,
  AlertLifecycle,
  AlertsReader,
  seedDefaultAlertRules,
} from '@hp/alerting';
import { PermitLimitsService } from '@hp/compliance';
import { Database } from '@hp/storage';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { NewReading } from '@hp/readings';
import { DataQualityViews } from './api/data-quality-views.service';
import { DataQualityEvaluator, dataQualitySubject } from './evaluation/data-quality-evaluator.service';
import { DQ_RULE_CODES } from './rules/rule-types';
import { DataQualityRepository } from './storage/data-quality.repository';
import { StationInputsRepository } from './storage/station-inputs.repository';

export interface OpenedStore {
  readonly db: Database;
  cleanup(): Promise<void>;
}

const MIN = 60_000;

export function dataQualityContract(open: () => Promise<OpenedStore>): void {
  let store: OpenedStore;
  let db: Database;
  let seq = 0;

  beforeAll(async () => {
    store = await open();
    db = store.db;
    await seedDefaultAlertRules(db);
  });
  afterAll(() => store?.cleanup());

  /** A park with a plant and an outlet station under a QCVN 40:2011 column B permit (COD Cmax 150). */
  async function station(): Promise<{ stationId: number; parkId: number }> {
    const n = ++seq;
    const park = await new RegistryAdmin(db).registerPark({
      code: `DQ${n}`,
      name: `DQ park ${n}`,
      operatingStatus: 'operating',
    });
    const plant = await new RegistryAdmin(db).registerTreatmentPlant({
      code: `DQ${n}-CETP`,
      parkId: park.id,
      name: 'CETP',
      operatingStatus: 'operating',
    });
    const s = await new RegistryAdmin(db).registerStation({
      code: `DQ${n}-OUT`,
      plantId: plant.id,
      name: 'outlet',
      kind: 'outlet',
    });
    await new RegistryAdmin(db).recordDischargePermit({
      stationId: s.id,
      standardVersion: 'QCVN40:2011',
      columnCode: 'B',
      effectiveFrom: '2026-01-01',
    });
    return { stationId: s.id, parkId: park.id };
  }

  /** A local day of COD every 15 min, varying day to day; `frozen` holds it at one value for 6 h. */
  async function codDay(stationId: number, day: string, frozen: boolean): Promise<void> {
    const start = localDayStart(day).getTime();
    const salt = Number(day.slice(-2));
    const rows: NewReading[] = Array.from({ length: 96 }, (_, i) => ({
      time: new Date(start + i * 15 * MIN),
      stationId,
      parameterCode: 'COD',
      value: frozen && i >= 32 && i < 56 ? 41.3 : Number((40 + 5 * Math.sin(i * 0.7 + salt)).toFixed(2)),
      status: 0,
    }));
    // Delivered 30 s after measurement (a healthy logger for the clock-drift rule): written with its
    // received_at, which ingestion stamps and no repository sets.
    await db.query(
      `INSERT INTO readings (time, station_id, parameter_code, value, status, received_at)
       SELECT t, $1, 'COD', v, 0, t + interval '30 seconds'
         FROM unnest($2::timestamptz[], $3::float8[]) AS x (t, v)`,
      [stationId, rows.map((r) => r.time), rows.map((r) => r.value)],
    );
  }

  function evaluator(now: string): DataQualityEvaluator {
    const limits = new PermitLimitsService(new RegistryReader(db), null);
    return new DataQualityEvaluator(db, limits, new AlertLifecycle(db, null), { now: () => new Date(now) });
  }

  it('seeds every rule with its defaults and evidence, and edits a rule as data', async () => {
    const repo = new DataQualityRepository(db);
    const rules = await repo.rules();
    expect(rules.map((r) => r.code).sort()).toEqual([...DQ_RULE_CODES].sort());
    const stuck = rules.find((r) => r.code === 'STUCK_VALUE')!;
    expect(stuck).toMatchObject({ raiseAfter: 2, clearAfter: 2, weight: 20, enabled: true, evidence: 'U' });
    expect(stuck.settings).toMatchObject({ runRecords: { Flow: 288, pH: 72, Temp: 72, COD: 16 } });
    const edited = await repo.updateRule('CLOCK_DRIFT', {
      raiseAfter: 3,
      settings: { futureToleranceSeconds: 60 },
    });
    expect(edited).toMatchObject({ raiseAfter: 3, clearAfter: 2, settings: { futureToleranceSeconds: 60 } });
    await repo.updateRule('CLOCK_DRIFT', {
      raiseAfter: 2,
      settings: {
        futureToleranceSeconds: 120,
        maxMedianLagSeconds: 900,
        maxLagSpreadSeconds: 120,
        minRecords: 12,
      },
    });
  });

  it('stores calibration schedules and announced inspections per station', async () => {
    const { stationId } = await station();
    const views = new DataQualityViews(db);
    await views.setSchedule(
      stationId,
      'ALL',
      { everyDays: 7, anchorDay: '2026-12-01', windowStart: '08:00', windowMinutes: 120 },
      'officer',
    );
    expect(
      await views.setSchedule(
        stationId,
        'pH',
        { everyDays: 1, anchorDay: '2026-12-01', windowStart: '07:30', windowMinutes: 30, maxPerDay: 2 },
        'officer',
      ),
    ).toEqual([
      {
        parameterCode: 'ALL',
        everyDays: 7,
        anchorDay: '2026-12-01',
        windowStart: '08:00',
        windowMinutes: 120,
        maxPerDay: 1,
      },
      {
        parameterCode: 'pH',
        everyDays: 1,
        anchorDay: '2026-12-01',
        windowStart: '07:30',
        windowMinutes: 30,
        maxPerDay: 2,
      },
    ]);
    expect(await views.setSchedule(stationId, 'pH', { schedule: null }, 'officer')).toHaveLength(1);
    await expect(views.setSchedule(stationId, 'pH', { everyDays: 0 }, 'officer')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    const added = await views.addInspection(
      stationId,
      { startsAt: '2026-12-10T09:00:00+07:00', endsAt: '2026-12-10T11:00:00+07:00', reference: 'QD-12' },
      'officer',
    );
    expect(added).toMatchObject({
      stationId,
      reference: 'QD-12',
      createdBy: 'officer',
      startsAt: new Date('2026-12-10T02:00:00Z'),
    });
    expect(
      await new StationInputsRepository(db).inspections(
        stationId,
        new Date('2026-12-10T00:00:00Z'),
        new Date('2026-12-11T00:00:00Z'),
      ),
    ).toHaveLength(1);
    await expect(
      views.addInspection(
        stationId,
        { startsAt: '2026-12-10T11:00:00+07:00', endsAt: '2026-12-10T09:00:00+07:00' },
        'x',
      ),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('raises a signal after N days through the alert lifecycle (alert opened, notification queued), clears it after M, and scores each day', async () => {
    const { stationId, parkId } = await station();
    await new AlertConfiguration(db).addRecipient(
      {
        name: 'officer',
        role: 'officer',
        parkId,
        webhookUrl: 'http://127.0.0.1:9/dq',
      },
      'data-quality test',
    );
    const days = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05'];
    for (const [i, day] of days.entries()) await codDay(stationId, day, i < 2);
    const subject = dataQualitySubject(stationId, 'STUCK_VALUE');
    const alerts = async () =>
      (await new AlertsReader(db).alerts.list({ limit: 1000 })).filter((a) => a.subject === subject);
    const e = evaluator('2026-12-06T03:00:00+07:00');

    // Day 1 holds once: not yet raised (raiseAfter 2), no alert.
    const d1 = await e.evaluateDay(stationId, days[0]);
    expect(d1.signals.find((s) => s.code === 'STUCK_VALUE')).toMatchObject({
      holds: true,
      raised: false,
      params: { parameter: 'COD', records: 24 },
    });
    expect(d1.score).toBe(100);
    expect(await alerts()).toEqual([]);

    // Day 2 is the second in a row: raised, an alert of kind data_quality opens and notifies the park's recipient.
    const d2 = await e.evaluateDay(stationId, days[1]);
    expect(d2.score).toBe(80);
    const [opened] = await alerts();
    expect(opened).toMatchObject({
      kind: 'data_quality',
      status: 'open',
      parkId,
      stationId,
      reason: { code: 'ALERT_DATA_QUALITY', params: { signal: 'STUCK_VALUE', day: days[1] } },
      details: { code: 'STUCK_VALUE', day: days[1], params: { parameter: 'COD', value: 41.3 } },
    });
    expect(
      (await new AlertsReader(db).notifications.listForAlert(opened.id)).map((m) => [m.event, m.channel]),
    ).toEqual([['opened', 'webhook']]);

    // Day 3 is clear once: still raised (clearAfter 2). The job then takes days 4 and 5: cleared on day 4.
    expect((await e.evaluateDay(stationId, days[2])).score).toBe(80);
    expect((await alerts())[0].status).toBe('open');
    expect(await e.evaluateDue()).toBeGreaterThanOrEqual(2);
    expect(await e.evaluateDue()).toBe(0);
    const [resolved] = await alerts();
    expect(resolved.status).toBe('resolved');
    expect((await new AlertsReader(db).notifications.listForAlert(opened.id)).map((m) => m.event)).toEqual([
      'opened',
      'resolved',
    ]);

    const view = await new DataQualityViews(db).station(stationId, '2026-12-01', '2026-12-06');
    expect(view.days).toEqual([
      { day: '2026-12-01', score: 100 },
      { day: '2026-12-02', score: 80 },
      { day: '2026-12-03', score: 80 },
      { day: '2026-12-04', score: 100 },
      { day: '2026-12-05', score: 100 },
    ]);
    expect(view.current).toEqual({ day: '2026-12-05', score: 100 });
    expect(view.active).toEqual([]);
    expect(view.recent.map((r) => [r.day, r.code])).toEqual([
      ['2026-12-02', 'STUCK_VALUE'],
      ['2026-12-01', 'STUCK_VALUE'],
    ]);
  });

  it('starts a new station at its first reading within the trend window and evaluates only closed days', async () => {
    const { stationId } = await station();
    await codDay(stationId, '2026-12-03', false);
    await codDay(stationId, '2026-12-04', false);
    // 00:30 local on the 5th: the 4th has closed but its late-data hour has not passed.
    const e = evaluator('2026-12-05T00:30:00+07:00');
    expect(e.lastClosedDay()).toBe('2026-12-03');
    await e.evaluateDue();
    const view = await new DataQualityViews(db).station(stationId, addDays('2026-12-03', -30), '2026-12-06');
    expect(view.days).toEqual([{ day: '2026-12-03', score: 100 }]);
  });

  // Last: the recorded history stays in this database.
  it("judges a written history's days in batches, each scored, but opens no alert for a day before its cut", async () => {
    const { stationId } = await station();
    const days = ['2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14'];
    for (const [i, day] of days.entries()) await codDay(stationId, day, i < 2);
    // A history up to the 15th, 10:00: its days before the 14th are history (stuck on the 10th and 11th).
    await new AlertHistory(db).recordHistoryUntil(new Date('2026-12-15T10:00:00+07:00'));
    const e = evaluator('2026-12-15T10:00:00+07:00');
    // At most two station-days a pass (other stations of this database have days due too), until none.
    const passes: number[] = [];
    for (let n = await e.evaluateDue(2); n > 0; n = await e.evaluateDue(2)) passes.push(n);
    expect(passes.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...passes)).toBe(2);
    const view = await new DataQualityViews(db).station(stationId, '2026-12-10', '2026-12-15');
    expect(view.days.map((d) => [d.day, d.score])).toEqual([
      ['2026-12-10', 100],
      ['2026-12-11', 80],
      ['2026-12-12', 80],
      ['2026-12-13', 100],
      ['2026-12-14', 100],
    ]);
    const subject = dataQualitySubject(stationId, 'STUCK_VALUE');
    expect(
      (await new AlertsReader(db).alerts.list({ limit: 1000 })).filter((a) => a.subject === subject),
    ).toEqual([]);
  });
}
