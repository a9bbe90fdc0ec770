import { SqlExecutor } from '../driver/database';
import { MigrationVariant } from './migration-files';

export interface AppliedMigration {
  version: number;
  name: string;
  variant: MigrationVariant;
  checksum: string;
  appliedAt: Date;
}

/** The schema_migrations table: which migration versions are applied, with the checksum of what ran. */
export class SchemaMigrationsRepository {
  constructor(private readonly db: SqlExecutor) {}

  async ensureTable(): Promise<void> {
    await this.db.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        variant    text NOT NULL CHECK (variant IN ('common', 'timescale', 'plain')),
        checksum   text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async list(): Promise<AppliedMigration[]> {
    const result = await this.db.query<AppliedMigration>(
      `SELECT version, name, variant, checksum, applied_at AS "appliedAt" FROM schema_migrations ORDER BY version`,
    );
    return result.rows;
  }

  async record(migration: Omit<AppliedMigration, 'appliedAt'>): Promise<void> {
    await this.db.query(
      `INSERT INTO schema_migrations (version, name, variant, checksum) VALUES ($1, $2, $3, $4)`,
      [migration.version, migration.name, migration.variant, migration.checksum],
    );
  }
}
