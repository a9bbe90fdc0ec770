/**
 * Station simulator CLI: publishes a simulated fleet's telemetry to MQTT until SIGINT/SIGTERM.
 *   node infra/scripts/run.cjs simulators/src/main.ts [--stations PARK:STATION,...] [--start ISO_TIME]
 * Exit codes: 0 stopped by a signal or --help, 2 bad arguments or configuration, 1 anything else.
 */
import { ConfigError } from '@hp/config';
import { cliFleetOptions, parseCliArgs, USAGE, UsageError } from './cli';
import { startFleet } from './fleet';

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    options = cliFleetOptions(args, process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`simulator: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`simulator: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const fleet = startFleet({ ...options, logger: console });
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log(`simulator: ${signal}, stopping`);
  await fleet.stop();
  console.log(`simulator: stopped after ${fleet.published()} acknowledged message(s)`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('simulator failed:', error);
    process.exitCode = 1;
  },
);
