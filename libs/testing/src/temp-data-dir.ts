import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface TempDataDir {
  dir: string;
  remove(): Promise<void>;
}

export interface TempDataDirOptions {
  /** Directory name prefix under the OS temp dir. */
  prefix?: string;
  /** Start with a copy of this directory's contents (e.g. a prepared embedded database). */
  copyFrom?: string;
}

/** A fresh directory under the OS temp dir, e.g. for an embedded database. */
export async function tempDataDir({
  prefix = 'hp-test-',
  copyFrom,
}: TempDataDirOptions = {}): Promise<TempDataDir> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  if (copyFrom) await copyContents(copyFrom, dir);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

async function copyContents(from: string, to: string): Promise<void> {
  try {
    // cp(1) is about ten times faster than fs.cp on a database's thousand small files.
    await promisify(execFile)('cp', ['-a', `${from}/.`, to]);
  } catch {
    await cp(from, to, { recursive: true });
  }
}
