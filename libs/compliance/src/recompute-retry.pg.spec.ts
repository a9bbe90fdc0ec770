// Finding 5a of issue 15: recomputeMarked() used to acknowledge every mark it took, even those whose
// recompute failed, so one transient database error left a station-day's legal verdict stale for good.
// The failure is a real one of PostgreSQL: a trigger on compliance_station_days raises for one station
// (as a lost connection or a lock timeout would fail that station's write), then is dropped.
import { register } from 'prom-client';
import { Database } from '@hp/storage';
import { waitFor } from '@hp/testing';
import { openTestStore, TestStore } from '@hp/testing-store';
import { ComplianceEngine } from './compliance-engine.service';
import { fullDay, GoldenWorld } from './golden/golden-harness';
import { RecomputeBacklogMetrics } from './recompute-metrics';

const D = '2026-11-10';
const RETRY = { firstRetryMs: 1_500, maxRetryMs: 3_000 };

async function metricValue(name: string): Promise<number> {
  const text = await register.getSingleMetricAsString(name);
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no sample of ${name} in:\n${text}`);
  return Number(line.split(' ')[1]);
}

describe('recompute of marked station-days under database failures (PostgreSQL)', () => {
  let store: TestStore;
  let db: Database;
  let world: GoldenWorld;
  let engine: ComplianceEngine;

  beforeEach(async () => {
    store = await openTestStore('pg');
    db = store.db;
    world = new GoldenWorld(db, 'RTRY');
    engine = ComplianceEngine.forDatabase(db, null, RETRY);
    new RecomputeBacklogMetrics(world.reader);
  });

  afterEach(async () => {
    await store?.cleanup();
  });

  async function verdictOf(stationId: number): Promise<string | null> {
    return (await world.stationDays.listForStation(stationId, D, '2026-11-11'))[0]?.verdict ?? null;
  }

  it('keeps a failed station-day marked, retries it after back-off and ends with the right verdict', async () => {
    const { stationId: failing } = await world.park();
    const { stationId: healthy } = await world.park();
    for (const id of [failing!, healthy!]) await world.permit(id, { parameters: ['COD'], kq: 1, kf: 1 });
    await world.store(failing!, fullDay('COD', D, 160)); // > 150: exceedance
    await world.store(healthy!, fullDay('COD', D, 100));
    await world.writer.markForRecompute([
      { stationId: failing!, day: D },
      { stationId: healthy!, day: D },
    ]);
    const failuresBefore = await metricValue('hp_compliance_recompute_failures_total').catch(() => 0);

    await db.exec(`
      CREATE FUNCTION injected_outage() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected outage for station %', NEW.station_id; END $$;
      CREATE TRIGGER injected_outage BEFORE INSERT OR UPDATE ON compliance_station_days
        FOR EACH ROW WHEN (NEW.station_id = ${failing!}) EXECUTE FUNCTION injected_outage();`);

    expect(await engine.recomputeMarked()).toBe(2);
    expect(await verdictOf(healthy!)).toBe('compliant');
    expect(await verdictOf(failing!)).toBeNull();
    // The failed day is still marked (today's code acknowledged it with the rest).
    expect((await world.reader.marks.list()).map((m) => m.stationId)).toEqual([failing]);
    expect(engine.lastPass).toEqual({ taken: 2, judged: 1, failed: 1, dropped: 0 });
    const [kept] = (
      await db.query<{ attempts: number; last_error: string; due_in_ms: number }>(
        `SELECT attempts, last_error, extract(epoch FROM retry_at - now())::float8 * 1000 AS due_in_ms
           FROM recompute_marks`,
      )
    ).rows;
    expect(kept.attempts).toBe(1);
    expect(kept.last_error).toContain('injected outage');
    expect(kept.due_in_ms).toBeGreaterThan(0);

    // Backlog on /metrics: one waiting, one failing, its age counted.
    expect(await metricValue('hp_compliance_marks_waiting')).toBe(1);
    expect(await metricValue('hp_compliance_marks_failing')).toBe(1);
    expect(await metricValue('hp_compliance_oldest_mark_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(await metricValue('hp_compliance_recompute_failures_total')).toBe(failuresBefore + 1);

    // In back-off: the next pass does not take it again (one poisoned station does not spin the job).
    expect(await engine.recomputeMarked()).toBe(0);

    // The outage ends; a later pass judges the day.
    await db.query(`DROP TRIGGER injected_outage ON compliance_station_days`);
    await waitFor(
      async () => {
        await engine.recomputeMarked();
        return (await verdictOf(failing!)) === 'exceedance';
      },
      { timeoutMs: 15_000, intervalMs: 200, description: 'the failed station-day judged after its back-off' },
    );
    expect(await world.reader.marks.list()).toEqual([]);
    expect(await metricValue('hp_compliance_marks_waiting')).toBe(0);
    expect(await metricValue('hp_compliance_marks_failing')).toBe(0);
  });

  it('doubles the back-off on each failure of the same mark, up to its cap', async () => {
    const { stationId } = await world.park();
    await world.permit(stationId!, { parameters: ['COD'], kq: 1, kf: 1 });
    await world.store(stationId!, fullDay('COD', D, 100));
    await world.writer.markForRecompute([{ stationId: stationId!, day: D }]);
    // Another real failure: the results table renamed away for a while.
    await db.query(`ALTER TABLE compliance_station_days RENAME TO compliance_station_days_away`);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await db.query(`UPDATE recompute_marks SET retry_at = now()`); // due now: as if the back-off ran out
      expect(await engine.recomputeMarked()).toBe(1);
      expect(engine.lastPass.failed).toBe(1);
      const [row] = (
        await db.query<{ attempts: number; delay_ms: number }>(
          `SELECT attempts, extract(epoch FROM retry_at - now())::float8 * 1000 AS delay_ms FROM recompute_marks`,
        )
      ).rows;
      expect(row.attempts).toBe(attempt);
      delays.push(row.delay_ms);
    }
    expect(delays[0]).toBeGreaterThan(RETRY.firstRetryMs - 500);
    expect(delays[0]).toBeLessThanOrEqual(RETRY.firstRetryMs);
    expect(delays[1]).toBeGreaterThan(RETRY.maxRetryMs - 500); // 2 x 1.5 s = the 3 s cap
    expect(delays[2]).toBeLessThanOrEqual(RETRY.maxRetryMs);
    await db.query(`ALTER TABLE compliance_station_days_away RENAME TO compliance_station_days`);
    await db.query(`UPDATE recompute_marks SET retry_at = now()`);
    expect(await engine.recomputeMarked()).toBe(1);
    expect(engine.lastPass.judged).toBe(1);
    expect(await verdictOf(stationId!)).toBe('compliant');
    expect(await world.reader.marks.list()).toEqual([]);
  });

  it('drops, explicitly, only the marks of a station deleted since it was marked', async () => {
    const { stationId } = await world.park();
    await world.permit(stationId!, { parameters: ['COD'], kq: 1, kf: 1 });
    await world.store(stationId!, fullDay('COD', D, 100));
    const gone = 987_654;
    await world.writer.markForRecompute([
      { stationId: stationId!, day: D },
      { stationId: gone, day: D },
    ]);
    expect(await engine.recomputeMarked()).toBe(2);
    expect(engine.lastPass).toEqual({ taken: 2, judged: 1, failed: 0, dropped: 1 });
    expect(await world.reader.marks.list()).toEqual([]);
    expect(await verdictOf(stationId!)).toBe('compliant');
  });
});
