import { RegistryAdmin } from '@hp/registry';
import { adminHeaders } from './support/admin-token';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@hp/config';
import { bootstrapPlatform, PlatformHandle } from '@hp/runtime';
import { publishWasteScenario, referenceFile, WASTE_LOT_KINDS, wasteScenario } from '@hp/simulators';
import { Quarantine } from '@hp/ingestion';
import { createTestDatabase, TestDatabase, waitFor } from '@hp/testing';
import { runWasteCli, WasteReader } from '@hp/waste';

/**
 * Hazardous-waste tracking end to end on the real services: the gateway simulator's parties and gateways
 * are loaded with the CLI, its events go through Mosquitto (shuffled, some messages twice) into the
 * platform, and the API must report exactly the violations each lot was built to have: every violating
 * chain caught with its own reasons, no conforming chain flagged.
 */

let auth: Record<string, string> = {};

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: auth });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface KpiBody {
  city: { lots: number; treatedConformingLots: number; nonConformingLots: number; inProgressLots: number };
}

describe('hazardous-waste gateways -> Mosquitto -> platform -> API', () => {
  let database: TestDatabase;
  let platform: PlatformHandle | undefined;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'hp-waste-e2e-'));
  });
  afterAll(async () => {
    await platform?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('detects every violation the simulator built in, and flags none of its conforming chains', async () => {
    const run = `${process.pid}-${Date.now().toString(36)}`;
    platform = await bootstrapPlatform(
      loadConfig({
        DATABASE_URL: database.url,
        AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
        MQTT_URL: 'mqtt://127.0.0.1:1883',
        MQTT_SHARE_GROUP: `e2e-waste-${run}`,
        MQTT_CLIENT_ID: `e2e-waste-${run}`,
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: `e2e-${run}`,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        SEED_ON_BOOT: 'true',
        SIMULATOR_ENABLED: 'false',
        LOG_LEVEL: 'warn',
      }),
    );
    auth = adminHeaders(platform.app);
    // Parks of this run only: other suites' platforms may publish waste events on the same broker meanwhile.
    const parkCodes = ['A', 'B'].map((p) => `WE2E-${run}-${p}`);
    for (const code of parkCodes) await platform.app.get(RegistryAdmin).registerPark({ code, name: code });
    const scenario = wasteScenario({
      parkCodes,
      generatorsPerPark: 3,
      lotsPerGenerator: 12,
      seed: 11,
      now: new Date(),
    });
    const file = join(dir, 'parties.json');
    writeFileSync(file, JSON.stringify(referenceFile(scenario)));
    const errors: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(
        await runWasteCli(['waste-parties-load', '--json', file], (m) => errors.push(m), {
          DATABASE_URL: database.url,
        }),
      ).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(errors).toEqual([]);

    const sent = await publishWasteScenario(scenario, { url: 'mqtt://127.0.0.1:1883', seed: 11 });
    expect(sent.resent).toBeGreaterThan(0);
    const lots = platform.app.get(WasteReader).lots;
    await waitFor(
      async () => {
        for (const lot of scenario.lots) {
          if ((await lots.find(lot.lotCode))?.eventCount !== lot.events.length) return null;
        }
        return true;
      },
      { timeoutMs: 30_000, description: `all ${sent.events} waste events of the run folded into their lots` },
    );
    const gateways = new Set(scenario.gateways.map((g) => `hp/v1/waste/${g.code}/events`));
    const quarantined = await platform.app.get(Quarantine).listRecent(1000);
    expect(quarantined.filter((q) => gateways.has(q.topic))).toEqual([]);

    const asOf = encodeURIComponent(scenario.now.toISOString());
    const wrong: string[] = [];
    for (const lot of scenario.lots) {
      const body = await getJson<{ violations: { code: string }[]; standing: string }>(
        `${platform.httpUrl}/api/waste/lots/${lot.lotCode}?asOf=${asOf}`,
      );
      const found = [...new Set(body.violations.map((v) => v.code))].sort();
      if (JSON.stringify(found) !== JSON.stringify([...new Set(lot.expected)])) {
        wrong.push(
          `${lot.lotCode} (${lot.kind}): expected [${lot.expected.join(', ')}], found [${found.join(', ')}]`,
        );
      }
    }
    expect(wrong).toEqual([]);

    // The KPI over the years the lots span counts each lot once, in the standing its kind implies.
    const years = [
      ...new Set(
        scenario.lots.flatMap((l) =>
          l.events.filter((e) => e.event.type === 'lot.generated').map((e) => e.event.time.slice(0, 4)),
        ),
      ),
    ];
    const totals = { lots: 0, treatedConformingLots: 0, nonConformingLots: 0, inProgressLots: 0 };
    for (const year of years) {
      const { city } = await getJson<KpiBody>(
        `${platform.httpUrl}/api/waste/kpi?period=year&date=${year}-06-01&asOf=${asOf}`,
      );
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += city[key];
    }
    const running = scenario.lots.filter((l) => l.kind === 'in_storage' || l.kind === 'in_transit').length;
    const violating = scenario.lots.filter((l) => WASTE_LOT_KINDS[l.kind].length > 0).length;
    expect(totals).toEqual({
      lots: scenario.lots.length,
      treatedConformingLots: scenario.lots.length - running - violating,
      nonConformingLots: violating,
      inProgressLots: running,
    });
    expect(violating).toBeGreaterThanOrEqual(9);
  });
});
