import { Database, LockedSession, usesTimescaleSchema } from '../driver/database';
import { DEFAULT_MIGRATIONS_DIR, loadMigrationFiles, MigrationFile, pickVariant } from './migration-files';
import { AppliedMigration, SchemaMigrationsRepository } from './schema-migrations.repository';

/** Anything with Nest Logger's log method. */
export interface MigrationLogger {
  log(message: string): void;
}

export interface MigrationRunnerOptions {
  logger?: MigrationLogger;
  /** Defaults to the SQL files shipped with @hp/storage. */
  directory?: string;
  /** Applies only the versions below this one (a test of how a migration converts older rows). */
  before?: number;
}

export interface MigrationRunResult {
  /** Ids of the migrations applied by this run, e.g. ['0001_registry', '0002_readings']. */
  applied: string[];
}

/** pg_advisory_lock key serializing migration runs of every process on one database ('HPMG'). */
export const MIGRATION_LOCK_KEY = 0x48504d47;

/**
 * Applies pending migrations in version order, each in its own transaction, under a session-level
 * advisory lock so concurrent boots apply each version exactly once. Refuses to run when an applied
 * migration's file changed (checksum) or is missing.
 */
export class MigrationRunner {
  constructor(
    private readonly db: Database,
    private readonly options: MigrationRunnerOptions = {},
  ) {}

  async run(): Promise<MigrationRunResult> {
    const before = this.options.before ?? Infinity;
    const files = new Map(
      [...(await loadMigrationFiles(this.options.directory ?? DEFAULT_MIGRATIONS_DIR))].filter(
        ([version]) => version < before,
      ),
    );
    const timescale = usesTimescaleSchema(this.db.features);
    return this.db.withAdvisoryLock(MIGRATION_LOCK_KEY, async (session) => {
      const history = new SchemaMigrationsRepository(session);
      await history.ensureTable();
      const applied = new Map((await history.list()).map((m) => [m.version, m]));
      for (const record of applied.values()) assertUnchanged(record, files.get(record.version));
      const done: string[] = [];
      for (const [version, variants] of files) {
        if (applied.has(version)) continue;
        const file = pickVariant(variants, timescale);
        await this.apply(session, file);
        done.push(file.id);
      }
      return { applied: done };
    });
  }

  private async apply(session: LockedSession, file: MigrationFile): Promise<void> {
    const started = Date.now();
    try {
      await session.transaction(async (tx) => {
        await tx.exec(file.sql);
        await new SchemaMigrationsRepository(tx).record(file);
      });
    } catch (error) {
      throw new Error(`migration ${file.id} (${file.variant}) failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.options.logger?.log(`Applied migration ${file.id} (${file.variant}) in ${Date.now() - started} ms`);
  }
}

function assertUnchanged(record: AppliedMigration, variants: readonly MigrationFile[] | undefined): void {
  const id = `${String(record.version).padStart(4, '0')}_${record.name}`;
  const file = variants?.find((f) => f.variant === record.variant);
  if (!file) {
    throw new Error(
      `applied migration ${id} (${record.variant}) has no file here: the database was migrated by a newer or different build`,
    );
  }
  if (file.checksum !== record.checksum) {
    throw new Error(
      `applied migration ${id} (${record.variant}) was changed after it ran (checksum ${record.checksum.slice(0, 12)}… in the database, ${file.checksum.slice(0, 12)}… in the file); add a new migration instead of editing an applied one`,
    );
  }
}

/** Applies pending migrations (for the CLI and boot); returns the ids applied. */
export function runMigrations(db: Database, logger?: MigrationLogger): Promise<MigrationRunResult> {
  return new MigrationRunner(db, { logger }).run();
}
