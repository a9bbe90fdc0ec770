// npm run bench:compliance — the compliance engine and its API at a year's scale, a benchmark (not a test).
//
// Seeds one year (2025, local days) of 5-minute data for 40 parks x 1 outlet station x 10 parameters
// (~42 million readings) into a fresh database on the local PostgreSQL, then measures:
//  - a full-year recompute of every station-day (the engine, 2 stations at a time on 2 cores);
//  - the p95 latency of the city KPI endpoint and of one park's month view, over HTTP, on the API app;
//  - in the same run, the baseline: judging that month for every station straight from the raw readings
//    (what answering the KPI would cost without stored results).
// The last line is one JSON object. BENCH_PARKS, BENCH_DAYS (from 1 January) and BENCH_REQUESTS shrink it
// (the tiny run in `npm test`); the month measured is then the seeded days unless they cover June.
import { AddressInfo } from 'node:net';
import { AuthService } from '@hp/accounts';
import { ComplianceEngine } from '@hp/compliance';
import { loadConfig } from '@hp/config';
import { bootstrapApi } from '@hp/runtime';
import { openDatabase, runMigrations } from '@hp/storage';
import { RegistryAdmin } from '@hp/registry';
import { percentile, runBench } from './bench-support';
import { createTestDatabase } from '@hp/testing';
import { ReadingsReader } from '@hp/readings';

const PARKS = Number(process.env['BENCH_PARKS'] ?? 40);
const YEAR = 2025;
const FROM = `${YEAR}-01-01`;
const FULL_YEAR_DAYS = 365;
const DAYS = Number(process.env['BENCH_DAYS'] ?? FULL_YEAR_DAYS);
const TO = new Date(Date.parse(`${FROM}T00:00:00Z`) + DAYS * 86_400_000).toISOString().slice(0, 10);
const JUNE = { from: `${YEAR}-06-01`, to: `${YEAR}-07-01` };
const MONTH = TO >= JUNE.to ? JUNE : { from: FROM, to: TO };
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 300);
const WARMUP = Math.min(30, REQUESTS);

/** Parameters stored (10) and how each varies: base, daily amplitude. COD exceeds on some days. */
const PARAMETERS: [string, number, number][] = [
  ['Flow', 180, 60],
  ['Temp', 29, 2],
  ['pH', 7.2, 0.3],
  ['TSS', 35, 10],
  ['COD', 70, 20],
  ['NH4', 3, 1],
  ['TN', 15, 4],
  ['TP', 2, 0.5],
  ['Color', 40, 10],
  ['TOC', 20, 5],
];
/** Judged under the permit (Flow and TOC have no QCVN 40:2011 limit). */
const JUDGED = ['Temp', 'pH', 'TSS', 'COD', 'NH4', 'TN', 'TP', 'Color'];

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: database.url, dataDir: 'unused', poolSize: 4 });
  try {
    await runMigrations(db);
    const stationIds: number[] = [];
    for (let i = 1; i <= PARKS; i++) {
      const code = `P${String(i).padStart(2, '0')}`;
      const park = await new RegistryAdmin(db).registerPark({ code, name: `Bench park ${i}` });
      const plant = await new RegistryAdmin(db).registerTreatmentPlant({
        code: `${code}-CETP`,
        parkId: park.id,
        name: 'CETP',
      });
      const station = await new RegistryAdmin(db).registerStation({
        code: `${code}-OUT`,
        plantId: plant.id,
        name: 'outlet',
        kind: 'outlet',
      });
      await new RegistryAdmin(db).recordDischargePermit({
        stationId: station.id,
        standardVersion: 'QCVN40:2011',
        columnCode: 'B',
        kq: 0.9,
        kf: 1.0,
        effectiveFrom: '2024-01-01',
        parameters: JUDGED,
      });
      stationIds.push(station.id);
    }

    // Seeding is not measured: server-side generate_series, with the unique key rebuilt once afterwards.
    let started = Date.now();
    await db.exec(`ALTER TABLE readings DROP CONSTRAINT readings_station_time_parameter_key`);
    const values = PARAMETERS.map(([code, base, amp], ord) => `('${code}', ${base}, ${amp}, ${ord})`).join(
      ', ',
    );
    let nextStation = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (nextStation < stationIds.length) {
          const id = stationIds[nextStation++];
          // value: base + daily wave + a small hash-based wobble (never a flat-line); COD of every 5th
          // station doubles on one day in 23; status 01 (calibration) one record in 97.
          await db.query(
            `INSERT INTO readings (time, station_id, parameter_code, value, status)
             SELECT t, $1::int, p.code,
                    p.base + p.amp * sin(extract(epoch FROM t) / 13751.0 + $1::int)
                      + p.amp * 0.05 * ((extract(epoch FROM t)::bigint / 300 * 7919 + $1::int * 31 + p.ord) % 97) / 97.0
                      + CASE WHEN p.code = 'COD' AND $1::int % 5 = 0
                                  AND (extract(epoch FROM t)::bigint / 86400 + $1::int) % 23 = 0 THEN 90 ELSE 0 END,
                    CASE WHEN (extract(epoch FROM t)::bigint / 300 + $1::int + p.ord) % 97 = 0 THEN 1 ELSE 0 END
               FROM generate_series($2::timestamptz, $3::timestamptz - interval '5 minutes', interval '5 minutes') AS t
              CROSS JOIN (VALUES ${values}) AS p (code, base, amp, ord)`,
            [id, `${FROM}T00:00:00+07:00`, `${TO}T00:00:00+07:00`],
          );
        }
      }),
    );
    await db.withAdvisoryLock(1, async (session) => {
      // One session: the memory setting must hold for the index build.
      await session.exec(`SET maintenance_work_mem = '512MB'`);
      await session.exec(
        `ALTER TABLE readings ADD CONSTRAINT readings_station_time_parameter_key UNIQUE (station_id, time, parameter_code)`,
      );
    });
    await db.exec(`VACUUM ANALYZE readings`);
    await db.exec(`CHECKPOINT`);
    const rows = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM readings`)).rows[0].n);
    console.log(
      `seeded ${rows} readings (${PARKS} stations x ${PARAMETERS.length} parameters x ${DAYS === FULL_YEAR_DAYS ? YEAR : `${DAYS} days of ${YEAR}`}) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );

    // Full-year recompute, as `npm run compliance:recompute -- --from 2025-01-01 --to 2026-01-01` does it.
    const engine = ComplianceEngine.forDatabase(db);
    started = Date.now();
    const recomputed = await engine.recomputeAll(FROM, TO, 2);
    const recomputeSeconds = (Date.now() - started) / 1000;
    console.log(
      `full-year recompute: ${recomputed.stationDays} station-days of ${recomputed.stations} stations in ${recomputeSeconds.toFixed(1)} s (${Math.round(rows / recomputeSeconds)} readings/s)`,
    );

    // Baseline: the month judged from raw readings for every station (no stored results).
    const readings = new ReadingsReader(db).readings;
    started = Date.now();
    for (const id of stationIds) await readings.hourWindowStats(id, JUDGED, MONTH.from, MONTH.to, 12);
    const naiveMonthMs = Date.now() - started;
    console.log(
      `baseline: judging ${MONTH.from.slice(0, 7)} from raw readings for ${PARKS} stations takes ${naiveMonthMs} ms`,
    );

    // The API app as apps/api boots it (bootstrapApi), over HTTP.
    const api = await bootstrapApi(
      loadConfig({
        DATABASE_URL: database.url,
        AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: `bench-compliance-${process.pid}`,
      }),
    );
    const base = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}/api`;
    // Every route wants a signed-in user: an admin's token from the app's own token service (no sign-in).
    const headers = {
      authorization: `Bearer ${api.get(AuthService).accessToken({ id: 0, username: 'bench', role: 'admin', parkIds: [] })}`,
    };
    const measure = async (path: string) => {
      const times: number[] = [];
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const t0 = performance.now();
        const response = await fetch(`${base}${path}`, { headers });
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
        await response.json();
        if (i >= WARMUP) times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b);
    };
    const kpi = await measure(`/compliance/kpi?period=month&date=${MONTH.from.slice(0, 7)}-15`);
    const park = await measure(
      `/compliance/parks/P${String(Math.min(5, PARKS)).padStart(2, '0')}?from=${MONTH.from}&to=${MONTH.to}`,
    );
    const yearKpi = await fetch(`${base}/compliance/kpi?period=year&date=${YEAR}-06-15`, { headers });
    if (!yearKpi.ok) throw new Error(`year KPI: HTTP ${yearKpi.status} ${await yearKpi.text()}`);
    const kpiBody = (await yearKpi.json()) as {
      operatingParks: number;
      parksMeetingStandard: number;
    };
    await api.close();

    const result = {
      bench: 'compliance',
      readings: rows,
      stations: PARKS,
      stationDays: recomputed.stationDays,
      fullYearRecomputeSeconds: Number(recomputeSeconds.toFixed(1)),
      kpiP50Ms: Number(percentile(kpi, 50).toFixed(1)),
      kpiP95Ms: Number(percentile(kpi, 95).toFixed(1)),
      parkMonthP50Ms: Number(percentile(park, 50).toFixed(1)),
      parkMonthP95Ms: Number(percentile(park, 95).toFixed(1)),
      naiveMonthJudgementMs: naiveMonthMs,
      kpiTimesFasterThanNaive: Number((naiveMonthMs / percentile(kpi, 95)).toFixed(1)),
      yearKpi: { operatingParks: kpiBody.operatingParks, parksMeetingStandard: kpiBody.parksMeetingStandard },
    };
    console.log(
      `city KPI (month) over HTTP: p50 ${result.kpiP50Ms} ms, p95 ${result.kpiP95Ms} ms (target <= 100 ms); ${result.kpiTimesFasterThanNaive}x faster than judging the month from raw readings`,
    );
    console.log(
      `park month view over HTTP: p50 ${result.parkMonthP50Ms} ms, p95 ${result.parkMonthP95Ms} ms (target <= 50 ms)`,
    );
    console.log(`full-year recompute: ${result.fullYearRecomputeSeconds} s (target <= 300 s)`);
    console.log(JSON.stringify(result));
  } finally {
    await db.close();
    await database.drop();
  }
}

runBench(main);
