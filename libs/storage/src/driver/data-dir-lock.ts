import { open, readFile, rm } from 'node:fs/promises';
/**
 * The file, next to the data directory (inside it, it would stop initdb on a fresh directory), that names
 * the process holding the embedded database.
 */
export function dataDirLockFile(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}.owner.pid`;
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `DATA_DIR ${dataDir} is in use by process ${pid}: the embedded database serves one process at a time ` +
        '(stop that process, point DATA_DIR elsewhere, or set DATABASE_URL to a PostgreSQL/TimescaleDB server)',
    );
    this.name = 'DataDirInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory for this process. Two processes writing one PGlite directory would corrupt
 * it, so a second opener gets a clear error; a lock left by a dead process is taken over. Returns the
 * release function.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = dataDirLockFile(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (owner === process.pid || (Number.isInteger(owner) && owner > 0 && alive(owner))) {
        throw new DataDirInUseError(dataDir, owner);
      }
      await rm(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock DATA_DIR ${dataDir}`);
}
