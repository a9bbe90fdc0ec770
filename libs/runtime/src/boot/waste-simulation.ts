import { INestApplication, Logger } from '@nestjs/common';
import { PlatformConfig } from '@hp/config';
import { publishWasteScenario, referenceFile, wasteScenario } from '@hp/simulators';
import { DATABASE, Database } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import { loadWasteParties, parseWastePartiesFile } from '@hp/waste';

/** Parks whose factories the built-in demo gives hazardous-waste lots. */
const DEMO_WASTE_PARKS = 2;
/** The next park has a factory that declares its annual generation and reports no lot: not tracked. */
const DEMO_UNTRACKED_PARKS = 1;

/**
 * The hazardous-waste demo of `npm start`: the simulator's parties, licences and gateways are loaded, and
 * one scenario of conforming and violating lots is published through the broker. Event ids are stable, so
 * a restart re-sends duplicates and changes nothing.
 */
export async function startWasteSimulation(
  app: INestApplication,
  config: PlatformConfig,
  mqttUrl: string,
  account: { username?: string; password?: string },
): Promise<number> {
  const refs = await app.get(RegistryReader).stations.listRefs();
  const activeParks = [...new Set(refs.filter((r) => r.active).map((r) => r.parkCode))];
  const parkCodes = activeParks.slice(0, DEMO_WASTE_PARKS);
  if (parkCodes.length === 0) return 0;
  // Generators declare annual generation (Circular 02/2022) through the parties file an operator loads,
  // so the KPI compares tracked waste with declared; one factory per park, and a park, track nothing.
  const scenario = wasteScenario({
    parkCodes,
    generatorsPerPark: 3,
    untrackedGeneratorsPerPark: 1,
    untrackedParkCodes: activeParks.slice(DEMO_WASTE_PARKS, DEMO_WASTE_PARKS + DEMO_UNTRACKED_PARKS),
    lotsPerGenerator: 12,
    seed: config.simulator.seed,
    now: new Date(),
    policy: config.waste,
  });
  // Through the same check as the CLI's file, so the demo cannot load what an operator could not.
  const file = parseWastePartiesFile(JSON.stringify(referenceFile(scenario)));
  await loadWasteParties(app.get<Database>(DATABASE), file);
  const sent = await publishWasteScenario(scenario, {
    url: mqttUrl,
    username: account.username,
    password: account.password,
    protocolVersion: config.mqtt.protocolVersion,
    seed: config.simulator.seed,
  });
  new Logger('simulators').log(
    `hazardous waste: ${scenario.lots.length} lots of ${parkCodes.join(', ')} published (${sent.events} events)`,
  );
  return scenario.lots.length;
}
