import { writeFile } from 'node:fs/promises';
import { Env, loadConfig } from '@hp/config';
import { TOPIC_CODE_PATTERN } from '@hp/contracts';
import { UsageError } from '../cli';
import { publishWasteScenario } from './waste-publisher';
import { WasteScenario, wasteScenario } from './waste-scenario';

export const WASTE_SIMULATOR_USAGE = `Usage: npm run simulate:waste -- [--parks P1,P2] [--generators N] [--lots N] [--seed N]
                              [--untracked N] [--reference-out FILE] [--expected-out FILE] [--no-publish]

  --parks          park codes of the generators (default VSIP-HP,DEEPC-HP1, both in the seed)
  --generators     factories per park (default 3)         --lots   lots per factory (default 20)
  --untracked      factories per park that declare annual generation but report no lot (default 1)
  --reference-out  write the parties, licences, gateways and each generator's declared annual generation
                   (this year and last) for \`npm run waste-parties:load -- --json FILE\`
  --expected-out   write each lot's kind and the violations the platform must find
  --no-publish     only write the files

Publishes every lot's events (shuffled, some messages twice) on hp/v1/waste/{gateway}/events.
Environment: MQTT_URL (default mqtt://127.0.0.1:<MQTT_EMBEDDED_PORT, 1884>), MQTT_PASSWORD (of every gateway
account), MQTT_PROTOCOL_VERSION, SIMULATOR_SEED.`;

export interface WasteCliArgs {
  readonly help: boolean;
  readonly parks: string[];
  readonly generators: number;
  readonly lots: number;
  readonly untracked: number;
  readonly seed: number | null;
  readonly referenceOut: string | null;
  readonly expectedOut: string | null;
  readonly publish: boolean;
}

export function parseWasteCliArgs(argv: readonly string[]): WasteCliArgs {
  const args = {
    help: false,
    parks: ['VSIP-HP', 'DEEPC-HP1'],
    generators: 3,
    lots: 20,
    untracked: 1,
    seed: null as number | null,
    referenceOut: null as string | null,
    expectedOut: null as string | null,
    publish: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    const count = (max: number): number => {
      const text = value();
      const n = Number(text);
      if (!/^\d+$/.test(text) || n < 1 || n > max)
        throw new UsageError(`${flag} must be a whole number from 1 to ${max}, got "${text}"`);
      return n;
    };
    switch (flag) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--parks':
        args.parks = value()
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p !== '');
        for (const p of args.parks)
          if (!TOPIC_CODE_PATTERN.test(p)) throw new UsageError(`--parks: "${p}" is not a park code`);
        if (args.parks.length === 0) throw new UsageError('--parks needs at least one park code');
        break;
      case '--generators':
        args.generators = count(99);
        break;
      case '--lots':
        args.lots = count(999);
        break;
      case '--untracked': {
        const text = value();
        if (!/^\d+$/.test(text) || Number(text) > 99)
          throw new UsageError(`--untracked must be a whole number from 0 to 99, got "${text}"`);
        args.untracked = Number(text);
        break;
      }
      case '--seed':
        args.seed = count(2 ** 31 - 1);
        break;
      case '--reference-out':
        args.referenceOut = value();
        break;
      case '--expected-out':
        args.expectedOut = value();
        break;
      case '--no-publish':
        args.publish = false;
        break;
      default:
        throw new UsageError(`unknown argument "${flag}"`);
    }
  }
  return args;
}

/** Builds the scenario, writes the files asked for, publishes; returns a one-line summary. */
export async function runWasteSimulator(args: WasteCliArgs, env: Env, now = new Date()): Promise<string> {
  const config = loadConfig(env);
  const scenario = wasteScenario({
    parkCodes: args.parks,
    generatorsPerPark: args.generators,
    lotsPerGenerator: args.lots,
    untrackedGeneratorsPerPark: args.untracked,
    seed: args.seed ?? config.simulator.seed,
    now,
  });
  if (args.referenceOut) await writeFile(args.referenceOut, JSON.stringify(referenceFile(scenario), null, 2));
  if (args.expectedOut) {
    const expected = scenario.lots.map((l) => ({
      lot: l.lotCode,
      park: l.parkCode,
      kind: l.kind,
      kg: l.kg,
      expected: l.expected,
    }));
    await writeFile(args.expectedOut, JSON.stringify(expected, null, 2));
  }
  const violating = scenario.lots.filter((l) => l.expected.length > 0).length;
  const summary = `${scenario.lots.length} lots (${violating} with violations) of ${args.parks.length * args.generators} generators`;
  if (!args.publish) return `${summary}; not published`;
  const url = config.mqtt.url ?? `mqtt://127.0.0.1:${config.mqtt.embeddedPort}`;
  const sent = await publishWasteScenario(scenario, {
    url,
    password: config.mqtt.password,
    protocolVersion: config.mqtt.protocolVersion,
    seed: args.seed ?? config.simulator.seed,
  });
  return `${summary}; published ${sent.events} events in ${sent.messages} messages (${sent.resent} sent twice) to ${url}`;
}

/** The scenario's reference data in the shape of \`waste-parties-load --json\`. */
export function referenceFile(scenario: WasteScenario): { parties: unknown[]; gateways: unknown[] } {
  return { parties: [...scenario.parties], gateways: [...scenario.gateways] };
}
