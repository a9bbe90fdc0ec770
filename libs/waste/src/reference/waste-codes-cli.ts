import { readFile } from 'node:fs/promises';
import { Database, withConfiguredDatabase } from '@hp/storage';
import { WasteCodesRepository } from '../storage/waste-codes.repository';
import { commonWasteCodes, parseWasteCodeCsv, WasteCodeListError } from './waste-code-list';
import { refoldAllLots } from '../tracking/waste-tracking.service';
import { loadWasteParties, parseWastePartiesFile } from './waste-parties-file';

export const WASTE_USAGE = `  waste-codes-load --csv PATH
            load the official Circular 02/2022 waste-code list (header code,name_vi,name_en,threshold_class);
            a file with any bad line loads nothing and names every bad line
  waste-parties-load --json PATH
            load generators, licensed transporters and treatment facilities with their licences, and the
            tracking gateways (scale devices), and each generator's declared annual generation
            ("declarations": [{"year": 2025, "generatedKg": 12500}]); all or nothing, every bad field named
  waste-refold
            fold every hazardous-waste lot again from its stored events (after an upgrade)`;

export function isWasteCommand(command: string | undefined): boolean {
  return command === 'waste-codes-load' || command === 'waste-parties-load' || command === 'waste-refold';
}

/** The shipped common codes, for `npm run seed` (a later official load replaces them). Idempotent. */
export async function seedWasteCodes(db: Database): Promise<number> {
  const repo = new WasteCodesRepository(db);
  const present = new Set((await repo.list()).map((c) => c.code));
  // Never overwrite what an official load put there.
  return repo.upsertMany(commonWasteCodes().filter((c) => !present.has(c.code)));
}

export async function runWasteCli(
  argv: readonly string[],
  err = (m: string) => console.error(m),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (argv[0] === 'waste-parties-load') return runPartiesLoad(argv, err, env);
  if (argv[0] === 'waste-refold') {
    if (argv.length > 1) {
      err(`usage:\n${WASTE_USAGE}`);
      return 2;
    }
    return withConfiguredDatabase(
      'waste-refold',
      async (db) => console.log(`folded ${await refoldAllLots(db)} lot(s) again from their events`),
      { env, err },
    );
  }
  if (argv[1] !== '--csv' || !argv[2] || argv.length > 3) {
    err(`usage:\n${WASTE_USAGE}`);
    return 2;
  }
  let codes;
  try {
    codes = parseWasteCodeCsv(await readFile(argv[2], 'utf8'));
  } catch (error) {
    err(
      error instanceof WasteCodeListError
        ? `${argv[2]}:\n${error.message}`
        : `cannot read ${argv[2]}: ${(error as Error).message}`,
    );
    return 2;
  }
  return withConfiguredDatabase(
    'waste-codes-load',
    async (db) => {
      const n = await new WasteCodesRepository(db).upsertMany(codes);
      console.log(`loaded ${n} waste code(s) from ${argv[2]}`);
    },
    { env, err },
  );
}

async function runPartiesLoad(
  argv: readonly string[],
  err: (m: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  if (argv[1] !== '--json' || !argv[2] || argv.length > 3) {
    err(`usage:\n${WASTE_USAGE}`);
    return 2;
  }
  let file;
  try {
    file = parseWastePartiesFile(await readFile(argv[2], 'utf8'));
  } catch (error) {
    err(`${argv[2]}:\n${(error as Error).message}`);
    return 2;
  }
  return withConfiguredDatabase(
    'waste-parties-load',
    async (db) => {
      const n = await loadWasteParties(db, file);
      console.log(
        `loaded ${n.parties} waste part(y/ies) with ${n.licences} licence(s), ${n.declarations} annual declaration(s) and ${n.gateways} gateway(s) from ${argv[2]}`,
      );
    },
    { env, err },
  );
}
