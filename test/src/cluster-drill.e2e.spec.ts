import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DrillResult } from '../drill/drill-result';
import { runScript } from './support/run-script';

// Issue 19's done-when, in CI: `npm run drill:cluster` (at its tiny size: shorter faults, fewer stations)
// starts the platform as a cluster (3 NATS JetStream nodes, Patroni + etcd, Redis Sentinel, HAProxy, two
// replicas of each app), kills or partitions each part in turn under a steady fleet, and must end with no
// acknowledged reading lost, none stored twice, and every expected alert notified exactly once.
const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts['drill:cluster']!;

jest.setTimeout(900_000);

it('loses no acknowledged reading, stores none twice and notifies every alert once through every fault', async () => {
  const run = await runScript(SCRIPT, { DRILL_SIZE: 'tiny' }, 840_000);
  const lines = run.stdout.trim().split('\n');
  expect({
    code: run.code,
    tail: run.code === 0 ? '' : `${lines.slice(-30).join('\n')}\n${run.stderr.slice(-4000)}`,
  }).toEqual({ code: 0, tail: '' });
  const result = JSON.parse(lines[lines.length - 1]!) as DrillResult;
  process.stdout.write(
    `drill:cluster tiny run in ${run.seconds.toFixed(1)} s\n${lines.slice(-12).join('\n')}\n`,
  );
  expect(result).toMatchObject({ drill: 'cluster', brokerNodes: 3, lost: 0, duplicates: 0 });
  expect(result.scenarios.map((s) => s.name)).toEqual([
    'broker node killed',
    'broker node partitioned',
    'database primary killed',
    'redis primary killed',
    'mqtt-edge replica killed',
    'ingestion replica killed',
    'api replica killed',
    'worker replica killed',
  ]);
  for (const scenario of result.scenarios) {
    expect({ name: scenario.name, stored: scenario.stored, notified: scenario.alertsNotified }).toEqual({
      name: scenario.name,
      stored: scenario.acknowledged,
      notified: scenario.alertsExpected,
    });
    // The fleet kept publishing through the fault, and most of it was acknowledged within the scenario.
    expect(scenario.acknowledged).toBeGreaterThan(0);
  }
});
