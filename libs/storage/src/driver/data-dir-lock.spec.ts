import { readFile, writeFile } from 'node:fs/promises';
import { tempDataDir } from '@hp/testing';
import { DataDirInUseError, dataDirLockFile, lockDataDir } from './data-dir-lock';

describe('lockDataDir', () => {
  it('gives the directory to one holder at a time and frees it on release', async () => {
    const dir = await tempDataDir();
    try {
      const release = await lockDataDir(`${dir.dir}/db`);
      expect(await readFile(dataDirLockFile(`${dir.dir}/db`), 'utf8')).toBe(String(process.pid));
      await expect(lockDataDir(`${dir.dir}/db`)).rejects.toThrow(DataDirInUseError);
      await expect(lockDataDir(`${dir.dir}/db`)).rejects.toThrow(/DATA_DIR .* is in use by process \d+/);
      await release();
      const again = await lockDataDir(`${dir.dir}/db`);
      await again();
    } finally {
      await dir.remove();
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await tempDataDir();
    try {
      await writeFile(dataDirLockFile(`${dir.dir}/db`), '2147483646'); // no such process
      const release = await lockDataDir(`${dir.dir}/db`);
      expect(await readFile(dataDirLockFile(`${dir.dir}/db`), 'utf8')).toBe(String(process.pid));
      await release();
    } finally {
      await dir.remove();
    }
  });
});
