import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runScript, ScriptRun } from './support/run-script';

// Every benchmark also runs here at a tiny size (issue 17.7), so one cannot break unnoticed: the same
// package.json script `npm run bench:<name>` runs, each starting its own database, Mosquitto on a free
// port and apps, as at full size. The figures mean nothing at this size; held are the exit status and the
// last stdout line: one JSON object with every key the README's latest full run shows, as numbers.
const ROOT = path.resolve(__dirname, '../..');
const SCRIPTS = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const BUILD = 'node infra/scripts/build.cjs';

/** The script of `npm run bench:<name>`, its build step left out: beforeAll builds once for them all. */
function benchCommand(name: string): string {
  const steps = SCRIPTS[`bench:${name}`].split(' && ');
  return steps.filter((step, i) => !(i === 0 && step === BUILD && steps.length > 1)).join(' && ');
}

/** The keys of the README's latest full-size JSON line of a benchmark. */
function readmeKeys(name: string): string[] {
  const line = new RegExp('`(\\{"bench":"' + name + '".*\\})`').exec(README);
  if (!line) throw new Error(`README.md shows no JSON line of bench ${name}`);
  return Object.keys(JSON.parse(line[1]) as object).sort();
}

/** Runs a benchmark as npm does. */
function runBench(name: string, env: Record<string, string>, timeoutMs: number): Promise<ScriptRun> {
  return runScript(benchCommand(name), env, timeoutMs);
}

/** Runs it, expects exit 0 and a last line of JSON with the README's keys; returns that object. */
async function tinyRun(
  name: string,
  env: Record<string, string>,
): Promise<{ result: Record<string, unknown>; stdout: string }> {
  const run = await runBench(name, env, 150_000);
  const lines = run.stdout.trim().split('\n');
  const last = lines[lines.length - 1];
  // On failure the output says why (jest prints the mismatching value).
  expect({
    code: run.code,
    tail: run.code === 0 ? '' : `${lines.slice(-15).join('\n')}\n${run.stderr.slice(-3000)}`,
  }).toEqual({
    code: 0,
    tail: '',
  });
  const result = JSON.parse(last) as Record<string, unknown>;
  expect(result['bench']).toBe(name);
  expect(Object.keys(result).sort()).toEqual(readmeKeys(name));
  process.stdout.write(`bench:${name} tiny run in ${run.seconds.toFixed(1)} s: ${last}\n`);
  return { result, stdout: run.stdout };
}

/** The fleet benchmarks publish to a Mosquitto of their own, never the machine's on 1883. */
const OWN_MOSQUITTO = /Mosquitto mqtt:\/\/127\.0\.0\.1:(?!1883\b)\d+/;

/** The keys whose values are not numbers above 0 (or at least 0, with `orZero`): none expected. */
function notAbove(result: Record<string, unknown>, keys: readonly string[], orZero = false): string[] {
  return keys.filter((key) => {
    const value = result[key];
    return typeof value !== 'number' || !(orZero ? value >= 0 : value > 0);
  });
}

/** The fleet of bench:ingest and bench:alerts: 2 stations, 20 messages each (400 readings). */
const TINY_FLEET = { BENCH_STATIONS: '2', BENCH_MESSAGES_PER_STATION: '20' };

describe('the benchmarks at a tiny size', () => {
  beforeAll(() => {
    try {
      execFileSync('sh', ['-c', BUILD], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      // tsc prints its errors on stdout.
      throw new Error(`${BUILD} failed:\n${String((error as { stdout?: string }).stdout ?? error)}`);
    }
  }, 120_000);

  it('bench:ingest stores every reading published and reports its rates', async () => {
    const { result, stdout } = await tinyRun('ingest', { ...TINY_FLEET, BENCH_NAIVE_SECONDS: '1' });
    expect(stdout).toMatch(OWN_MOSQUITTO);
    expect(result).toMatchObject({ readingsPerMessage: 10, published: 400, stored: 400, lost: 0 });
    const rates = [
      'readingsPerSecond',
      'copyReadingsPerSecond',
      'naiveReadingsPerSecond',
      'shareOfCopy',
      'timesNaive',
    ];
    expect(notAbove(result, [...rates, 'latencyP50Ms', 'latencyP99Ms', 'peakRssMb'])).toEqual([]);
  }, 180_000);

  it('bench:scale stores every reading with 1, 2 and 3 replicas and reports what each part costs', async () => {
    const { result, stdout } = await tinyRun('scale', TINY_FLEET);
    expect(stdout).toMatch(OWN_MOSQUITTO);
    const rounds = result['rounds'] as {
      replicas: number;
      perReplica: number[];
      readingsPerSecond: number;
      cpuSecondsPer10kReadings: Record<string, number>;
    }[];
    // Every round stores the whole fleet, split between as many replicas as run, each taking a part.
    expect(
      rounds.map((r) => [r.replicas, r.perReplica.length, r.perReplica.reduce((a, b) => a + b)]),
    ).toEqual([
      [1, 1, 400],
      [2, 2, 400],
      [3, 3, 400],
    ]);
    expect(rounds.flatMap((r) => r.perReplica).filter((n) => n <= 0)).toEqual([]);
    expect(
      rounds.filter((r) => !(r.readingsPerSecond > 0 && r.cpuSecondsPer10kReadings['total'] > 0)),
    ).toEqual([]);
    expect(
      notAbove(result, ['readingsPerRound', 'copyReadingsPerSecond', 'shareOfCopy', 'bytesPerReading']),
    ).toEqual([]);
  }, 180_000);

  it('bench:compliance judges the seeded days and answers the KPI and park views over HTTP', async () => {
    const { result } = await tinyRun('compliance', {
      BENCH_PARKS: '2',
      BENCH_DAYS: '3',
      BENCH_REQUESTS: '20',
    });
    // 2 stations x 10 parameters x 288 five-minute slots x 3 days.
    expect(result).toMatchObject({
      readings: 17_280,
      stations: 2,
      stationDays: 6,
      yearKpi: { operatingParks: 2 },
    });
    expect(notAbove(result, ['kpiP50Ms', 'kpiP95Ms', 'parkMonthP50Ms', 'parkMonthP95Ms'])).toEqual([]);
    // Rounded to 0.1 s or whole ms, these may be 0 on 17,280 readings.
    const rounded = ['fullYearRecomputeSeconds', 'naiveMonthJudgementMs', 'kpiTimesFasterThanNaive'];
    expect(notAbove(result, rounded, true)).toEqual([]);
  }, 180_000);

  it('bench:alerts notifies the exceedances it injects, once each and signed', async () => {
    const { result, stdout } = await tinyRun('alerts', { ...TINY_FLEET, BENCH_LOAD_SECONDS: '3' });
    expect(stdout).toMatch(OWN_MOSQUITTO);
    expect(result).toMatchObject({ duplicates: 0, unsigned: 0, p99WithinTarget: expect.any(Boolean) });
    const counts = ['exceedances', 'alertsOpened', 'openedNotifications', 'injectedOpens'];
    const latencies = ['latencyP50Ms', 'latencyP99Ms', 'idleLatencyP50Ms', 'idleLatencyP99Ms'];
    expect(
      notAbove(result, ['loadReadingsPerSecond', 'maxReadingsPerSecond', ...counts, ...latencies]),
    ).toEqual([]);
  }, 180_000);
});
