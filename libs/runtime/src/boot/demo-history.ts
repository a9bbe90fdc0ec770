import { INestApplication, Logger } from '@nestjs/common';
import { addDays, localDayOf, statusCodeToValue } from '@hp/contracts';
import { ComplianceEngine } from '@hp/compliance';
import { AuditTrail } from '@hp/audit';
import { AlertHistory } from '@hp/alerting';
import { NewReading, ReadingsReader, ReadingsWriter } from '@hp/readings';
import { demoHistoryReadings, DemoStationProfile, StationModel } from '@hp/simulators';
import { DATABASE, Database } from '@hp/storage';

/** A simulated station of the demo: its registry id and what the fleet runs for it. */
export interface DemoStation {
  readonly id: number;
  readonly parkCode: string;
  readonly stationCode: string;
  readonly designCapacityM3PerDay: number | null;
  readonly profile: DemoStationProfile;
}

export interface DemoHistoryResult {
  /** Where the live simulators start: the end of the history (the wall clock, on the sample grid). */
  readonly until: Date;
  readonly readings: number;
  readonly stationDays: number;
  readonly writeMs: number;
  readonly judgeMs: number;
}

/** The audit log's subject of every demo history written (`GET /api/admin/audit?subject=readings:demo-history`). */
export const DEMO_HISTORY_SUBJECT = 'readings:demo-history';

/** Readings per write transaction (the writer splits statements itself). */
const ROWS_PER_TRANSACTION = 20_000;
const DAY_MS = 86_400_000;

/**
 * The demo's past: `days` of each simulated station's readings (every parameter at its cadence, the
 * station's demo role laid over the model) written straight through the readings writer, then judged, so
 * the first screen of a fresh `npm start` shows months of compliance instead of an empty day. A data
 * directory that already holds readings gets only its gap since the newest one (a restart writes no
 * second history). Every run is recorded in the audit log as demo data (DEMO_HISTORY_SUBJECT), with its timings.
 */
export async function writeDemoHistory(
  app: INestApplication,
  stations: readonly DemoStation[],
  options: { days: number; seed: number; now?: Date },
): Promise<DemoHistoryResult> {
  const db = app.get<Database>(DATABASE);
  const started = Date.now();
  const now = options.now?.getTime() ?? started;
  const earliest = now - options.days * DAY_MS;
  const newest = new Map(
    (await new ReadingsReader(db).readings.lastReadingTimes(new Date(earliest))).map((l) => [
      l.stationId,
      l.last.getTime(),
    ]),
  );
  // Recorded before anything is written: a sweep running meanwhile already knows it is history, judged
  // but never paged as if live (only its last closed day and today stand as current).
  await new AlertHistory(db).recordHistoryUntil(new Date(now));
  let readings = 0;
  let firstFrom = now;
  const written: string[] = [];
  for (const station of stations) {
    const model = new StationModel(
      {
        parkCode: station.parkCode,
        stationCode: station.stationCode,
        designCapacityM3PerDay: station.designCapacityM3PerDay,
        seed: options.seed,
      },
      { faults: station.profile.faults },
    );
    const last = newest.get(station.id);
    const from = last === undefined ? earliest : last + 1;
    if (from >= now) continue;
    firstFrom = Math.min(firstFrom, from);
    // A day at a time: a station-day is ~1,300 readings, so memory stays small whatever `days` is.
    let batch: NewReading[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      await db.transaction((tx) => new ReadingsWriter(tx, db.features).insertReadings(rows));
      readings += rows.length;
    };
    for (let t = from; t < now; t += DAY_MS) {
      for (const r of demoHistoryReadings(model, station.profile.role, t, Math.min(now, t + DAY_MS), now))
        batch.push({
          time: new Date(r.timeMs),
          stationId: station.id,
          parameterCode: r.parameter,
          value: r.value,
          status: statusCodeToValue(r.status),
        });
      if (batch.length >= ROWS_PER_TRANSACTION) await flush();
    }
    await flush();
    written.push(station.stationCode);
  }
  const writeMs = Date.now() - started;
  let stationDays = 0;
  if (readings > 0) {
    const firstDay = localDayOf(new Date(firstFrom));
    // Judged here rather than through recompute marks, so the overview is right when the log says ready.
    const tomorrow = addDays(localDayOf(new Date(now)), 1);
    const engine = ComplianceEngine.forDatabase(db);
    for (const station of stations)
      stationDays += await engine.recomputeStation(station.id, firstDay, tomorrow);
    await new AuditTrail(db).append({
      actor: 'seed:demo-history',
      action: 'readings.demo-history',
      subject: DEMO_HISTORY_SUBJECT,
      before: null,
      after: {
        demo: true,
        from: new Date(firstFrom).toISOString(),
        to: new Date(now).toISOString(),
        stations: written,
        roles: Object.fromEntries(stations.map((s) => [s.stationCode, s.profile.role])),
        readings,
        stationDays,
        writeMs,
        judgeMs: Date.now() - started - writeMs,
      },
    });
  }
  const result = {
    until: new Date(now),
    readings,
    stationDays,
    writeMs,
    judgeMs: Date.now() - started - writeMs,
  };
  if (readings > 0)
    new Logger('simulators').log(
      `demo history (simulated, marked as demo data in the audit log): ${readings} readings of ${written.length} station(s) ` +
        `written in ${(writeMs / 1000).toFixed(1)} s, ${stationDays} station-days judged in ${(result.judgeMs / 1000).toFixed(1)} s`,
    );
  return result;
}
