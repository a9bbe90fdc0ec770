import { ConfigError, Env, loadConfig } from '@hp/config';
import { Database } from './database';
import { openDatabase } from './open-database';

export interface CliIo {
  readonly env?: Env;
  readonly err?: (message: string) => void;
}

/**
 * The frame of every operations command: read the config (a bad value: exit 1 naming it), open the
 * configured database, run, close. Returns the exit code; an error with a numeric `exitCode` (a usage
 * error, say) exits with that code.
 */
export async function withConfiguredDatabase(
  command: string,
  run: (db: Database) => Promise<void>,
  { env = process.env, err = (m: string) => console.error(m) }: CliIo = {},
): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    err(error instanceof ConfigError ? error.message : String(error));
    return 1;
  }
  const db = await openDatabase({
    databaseUrl: config.storage.databaseUrl,
    dataDir: config.storage.dataDir,
    poolSize: 2,
  });
  try {
    await run(db);
    return 0;
  } catch (error) {
    err(`${command} failed: ${(error as Error).message}`);
    const code = (error as { exitCode?: unknown }).exitCode;
    return typeof code === 'number' ? code : 1;
  } finally {
    await db.close();
  }
}
