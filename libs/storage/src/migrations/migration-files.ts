import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** 'common' files apply everywhere; a version written twice has a 'timescale' and a 'plain' variant. */
export type MigrationVariant = 'common' | 'timescale' | 'plain';

export interface MigrationFile {
  readonly version: number;
  /** '0003_readings_timescale' */
  readonly id: string;
  readonly name: string;
  readonly variant: MigrationVariant;
  readonly sql: string;
  readonly checksum: string;
}

/** The SQL files shipped with this library, read from source (ts-node and jest both run from src). */
export const DEFAULT_MIGRATIONS_DIR = join(__dirname, 'sql');

const FILE_NAME = /^(\d{4})_([a-z0-9_]+?)(?:\.(timescale|plain))?\.sql$/;

export function checksumOf(sql: string): string {
  // Line endings are normalized so a Windows checkout does not look like an edited migration.
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Reads every migration file of a directory, grouped by version: each version is either one common file
 * or exactly a timescale and a plain variant of the same name.
 */
export async function loadMigrationFiles(directory: string): Promise<Map<number, MigrationFile[]>> {
  const byVersion = new Map<number, MigrationFile[]>();
  for (const fileName of (await readdir(directory)).sort()) {
    if (!fileName.endsWith('.sql')) continue;
    const match = FILE_NAME.exec(fileName);
    if (!match) {
      throw new Error(
        `migration file ${fileName} is not named NNNN_name.sql, NNNN_name.timescale.sql or NNNN_name.plain.sql`,
      );
    }
    const [, digits, name, variant] = match;
    const version = Number(digits);
    const sql = await readFile(join(directory, fileName), 'utf8');
    const file: MigrationFile = {
      version,
      id: `${digits}_${name}`,
      name,
      variant: (variant as MigrationVariant | undefined) ?? 'common',
      sql,
      checksum: checksumOf(sql),
    };
    byVersion.set(version, [...(byVersion.get(version) ?? []), file]);
  }
  for (const [version, files] of byVersion) assertConsistentVersion(version, files);
  return new Map([...byVersion].sort(([a], [b]) => a - b));
}

function assertConsistentVersion(version: number, files: readonly MigrationFile[]): void {
  const variants = files
    .map((f) => f.variant)
    .sort()
    .join('+');
  const names = new Set(files.map((f) => f.name));
  if ((variants !== 'common' && variants !== 'plain+timescale') || names.size !== 1) {
    throw new Error(
      `migration ${String(version).padStart(4, '0')} must be one common file or a .timescale.sql and .plain.sql pair of the same name; found ${files.map((f) => `${f.id}(${f.variant})`).join(', ')}`,
    );
  }
}

/** The file of a version that applies to a database with or without TimescaleDB. */
export function pickVariant(files: readonly MigrationFile[], timescale: boolean): MigrationFile {
  const wanted: MigrationVariant = timescale ? 'timescale' : 'plain';
  return files.find((f) => f.variant === 'common') ?? files.find((f) => f.variant === wanted)!;
}
