// Alerting's tables on both storage drivers: the live stream's cursor, and migration 0026's keeping of older
// prose messages as TEXT reasons.
import { Database, MigrationRunner, runMigrations } from '@hp/storage';
import { openTestStore, TEST_STORE_DRIVERS, TestStore } from '@hp/testing-store';
import { AlertRulesRepository } from './alert-rules.repository';
import { AlertsRepository } from './alerts.repository';

describe.each(TEST_STORE_DRIVERS)('alerting storage on $name', ({ driver }) => {
  let store: TestStore;
  let db: Database;

  beforeEach(async () => {
    store = await openTestStore(driver, { migrate: false });
    db = store.db;
  });
  afterEach(() => store.cleanup());

  it('gives each alert change once: the cursor keeps the microseconds the database stores', async () => {
    await runMigrations(db);
    const alerts = new AlertsRepository(db);
    const rule = await new AlertRulesRepository(db).upsert({ code: 'cursor', kind: 'waste_violation' });
    const open = async (subject: string) =>
      (
        await alerts.openOrRepeat(
          {
            ruleId: rule.id,
            subject,
            kind: 'waste_violation',
            severity: 'warning',
            parkId: null,
            stationId: null,
            reason: { code: 'TEXT', params: { text: subject } },
            details: {},
            at: new Date(),
          },
          false,
        )
      ).alert;
    const start = await alerts.changeCursorNow();
    const a = await open('lot:A');
    const b = await open('lot:B');
    // Two changes in one millisecond, apart only in microseconds (which a JS Date cannot hold).
    const { rows } = await db.query<{ ms: string }>(
      `SELECT to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC',
                      'YYYY-MM-DD"T"HH24:MI:SS.MS') AS ms`,
    );
    await db.query(`UPDATE alerts SET updated_at = $2 WHERE id = $1`, [a.id, `${rows[0].ms}456Z`]);
    await db.query(`UPDATE alerts SET updated_at = $2 WHERE id = $1`, [b.id, `${rows[0].ms}789Z`]);

    const seen = await alerts.changedSince(start, 10);
    expect(seen.map((c) => c.alert.id)).toEqual([a.id, b.id]);
    expect(seen[1].cursor).toEqual({ at: `${rows[0].ms}789Z`, id: b.id });
    expect(await alerts.changedSince(seen[1].cursor, 10)).toEqual([]); // nothing changed: nothing again
    // Page by page, each change once.
    const first = await alerts.changedSince(start, 1);
    const second = await alerts.changedSince(first[0].cursor, 1);
    expect([...first, ...second].map((c) => c.alert.id)).toEqual([a.id, b.id]);
    expect(await alerts.changedSince(second[0].cursor, 1)).toEqual([]);
    // One acknowledgement: one change.
    await alerts.transition(a.id, 'acknowledged', 'officer', new Date());
    const acknowledged = await alerts.changedSince(seen[1].cursor, 10);
    expect(acknowledged.map((c) => [c.alert.id, c.alert.status])).toEqual([[a.id, 'acknowledged']]);
    expect(await alerts.changedSince(acknowledged[0].cursor, 10)).toEqual([]);
    expect(await alerts.count({ ruleId: rule.id })).toBe(2);
  });

  it('keeps alert messages stored as text before 0026 as TEXT reasons, and stores reasons as codes with parameters', async () => {
    // The migrations up to 0025, then an alert with a prose message.
    await new MigrationRunner(db, { before: 26 }).run();
    await db.query(`INSERT INTO alert_rules (code, kind, severity) VALUES ('old', 'no_data', 'warning')`);
    await db.query(
      `INSERT INTO alerts (rule_id, subject, kind, severity, status, message, first_seen, last_seen)
       SELECT id, 'station:1', 'no_data', 'warning', 'open', 'VSIP-OUT: no data for more than 30 min', now(), now()
         FROM alert_rules WHERE code = 'old'`,
    );
    expect((await runMigrations(db)).applied[0]).toBe('0026_alert_reasons');
    const alerts = new AlertsRepository(db);
    const [old] = await alerts.list({ limit: 10 });
    expect(old.reason).toEqual({ code: 'TEXT', params: { text: 'VSIP-OUT: no data for more than 30 min' } });

    const reason = {
      code: 'ALERT_NO_DATA' as const,
      params: { station: 'VSIP-OUT', minutes: 30, lastReading: null },
    };
    const { alert } = await alerts.openOrRepeat(
      {
        ruleId: old.ruleId,
        subject: 'station:2',
        kind: 'no_data',
        severity: 'warning',
        parkId: null,
        stationId: null,
        reason,
        details: {},
        at: new Date(),
      },
      false,
    );
    expect((await alerts.find(alert.id))?.reason).toEqual(reason);
  });
});
