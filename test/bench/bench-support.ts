// Shared by the benchmarks.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AlertConfiguration, AlertRule, AlertsReader } from '@hp/alerting';
import { openDatabase, runMigrations } from '@hp/storage';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { freePort, PrivateMosquitto } from '@hp/testing';

export const ROOT = resolve(__dirname, '../..');
export const RUN_CJS = join(ROOT, 'infra/scripts/run.cjs');

/** The p-th percentile of ascending values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs a benchmark's main and exits with its status (child processes and pools must not keep it alive). */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** Peak resident memory of a process (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** A dedicated Mosquitto with the in-flight and queue limits infra ships. */
export async function startMosquitto(): Promise<{ url: string; stop(): void }> {
  const mosquitto = await PrivateMosquitto.start({ persistent: false });
  return { url: mosquitto.url, stop: () => void mosquitto.dispose() };
}

/** One park with one plant and `count` outlet stations B0000, B0001, ...; migrations applied first. */
export async function seedBenchStations(
  url: string,
  park: string,
  count: number,
  prefix = 'B',
): Promise<{ codes: string[]; ids: number[] }> {
  const db = await openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 2 });
  await runMigrations(db);
  const parkRow = await new RegistryAdmin(db).registerPark({
    code: park,
    name: 'Benchmark park',
    operatingStatus: 'operating',
  });
  const plant = await new RegistryAdmin(db).registerTreatmentPlant({
    code: `${park}-CETP`,
    parkId: parkRow.id,
    name: 'Bench CETP',
    operatingStatus: 'operating',
  });
  const codes: string[] = [];
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const code = `${prefix}${String(i).padStart(4, '0')}`;
    codes.push(code);
    ids.push(
      (await new RegistryAdmin(db).registerStation({ code, plantId: plant.id, name: code, kind: 'outlet' }))
        .id,
    );
  }
  await db.close();
  return { codes, ids };
}

/**
 * Starts an app of the compiled build (npm run build), as production runs it, and waits for its HTTP
 * port to answer on `readyPath`. Killed when this process exits, whatever happens.
 */
export async function startApp(
  app: 'ingestion' | 'worker' | 'api',
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<{ child: ChildProcess; httpPort: number }> {
  const httpPort = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, RUN_CJS, '--dist', `apps/${app}/src/main.ts`], {
    cwd: ROOT,
    env: {
      ...process.env,
      HTTP_PORT: String(httpPort),
      HTTP_HOST: '127.0.0.1',
      MIGRATE_ON_BOOT: 'false',
      LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn',
      // Profile an app alone with BENCH_INGESTION_NODE_ARGS="--cpu-prof ..." (Node refuses --cpu-prof in NODE_OPTIONS).
      NODE_OPTIONS: '',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  process.once('exit', () => child.kill('SIGTERM'));
  return { child, httpPort };
}

/** Stops an app and waits for its exit, so nothing it prints can follow the benchmark's JSON line. */
export function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}

/**
 * Every exceedance opens an alert at once: a QCVN 40 B permit (COD <= 150) on each station, one COD
 * threshold rule without duration, and one officer of the park receiving webhooks.
 */
export async function seedCodAlerting(
  url: string,
  options: { park: string; stationIds: readonly number[]; ruleCode: string; webhookUrl: string },
): Promise<AlertRule> {
  const db = await openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 2 });
  try {
    for (const stationId of options.stationIds)
      await new RegistryAdmin(db).recordDischargePermit({
        stationId,
        standardVersion: 'QCVN40:2011',
        columnCode: 'B',
        effectiveFrom: '2024-01-01',
      });
    const alerting = new AlertConfiguration(db);
    const rule = await alerting.saveRule(
      {
        code: options.ruleCode,
        kind: 'threshold',
        parameter: 'COD',
        severity: 'critical',
        settings: { forSeconds: 0, clearForSeconds: 0 },
      },
      'bench',
    );
    const park = (await new RegistryReader(db).parks.findByCode(options.park))!;
    await alerting.addRecipient(
      {
        name: `${options.ruleCode} officer`,
        role: 'officer',
        parkId: park.id,
        webhookUrl: options.webhookUrl,
      },
      'bench',
    );
    return rule;
  } finally {
    await db.close();
  }
}

/** How many alerts a rule opened, read through alerting's reader. */
export async function alertsOpenedBy(url: string, ruleId: number): Promise<number> {
  const db = await openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 1 });
  try {
    return await new AlertsReader(db).alerts.count({ ruleId });
  } finally {
    await db.close();
  }
}
