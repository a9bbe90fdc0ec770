/**
 * Hazardous-waste gateway simulator: npm run simulate:waste -- --help
 * Exit codes: 0 done or --help, 2 bad arguments or configuration, 1 anything else.
 */
import { ConfigError } from '@hp/config';
import { UsageError } from '../cli';
import { parseWasteCliArgs, runWasteSimulator, WASTE_SIMULATOR_USAGE } from './waste-cli';

async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseWasteCliArgs(argv);
    if (args.help) {
      console.log(WASTE_SIMULATOR_USAGE);
      return 0;
    }
    console.log(`waste simulator: ${await runWasteSimulator(args, process.env)}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      console.error(`waste simulator: ${error.message}\n\n${WASTE_SIMULATOR_USAGE}`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('waste simulator failed:', error);
    process.exitCode = 1;
  },
);
