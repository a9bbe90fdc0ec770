import { Database, OpenDatabaseOptions } from './database';
import { openEmbeddedDatabase } from './embedded-database';
import { openPgDatabase } from './pg-database';

/** Opens the server driver when databaseUrl is set, else the embedded TimescaleDB persisted under dataDir. */
export function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  return opts.databaseUrl
    ? openPgDatabase(opts.databaseUrl, opts.poolSize ?? 10)
    : openEmbeddedDatabase(opts.dataDir);
}
