import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PLATFORM_JOBS } from './jobs';

// Jobs belong to the feature that owns their data: the lib that defines a job declares its one processor
// (@OnJob) beside it; libs/runtime only composes the features' job lists.
const LIBS = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [file] : [];
  });
}

const files = readdirSync(LIBS).flatMap((lib) =>
  sources(path.join(LIBS, lib, 'src')).map((file) => ({ lib, file, text: readFileSync(file, 'utf8') })),
);
const matches = (pattern: RegExp) =>
  files.flatMap(({ lib, file, text }) =>
    [...text.matchAll(pattern)].map((m) => ({ lib, file: path.relative(LIBS, file), name: m[1] })),
  );
/** `export const X = defineJob<...>({ name: 'x.y', ...` : the constant, its job name and lib. */
const definitions = files.flatMap(({ lib, text }) =>
  [...text.matchAll(/export const (\w+) = defineJob<[\s\S]*?name: '([^']+)'/g)].map((m) => ({
    lib,
    constant: m[1],
    job: m[2],
  })),
);
// libs/queue holds the mechanism (and mentions `@OnJob(job)` in its docs), no job of its own.
const handlers = matches(/@OnJob\((\w+)\)/g).filter((h) => h.lib !== 'queue');

describe('job ownership', () => {
  it('finds the job definitions and processors it checks', () => {
    expect(definitions.length).toBeGreaterThanOrEqual(PLATFORM_JOBS.length);
    expect(handlers.length).toBeGreaterThanOrEqual(PLATFORM_JOBS.length);
  });

  it('libs/runtime declares no job and no processor', () => {
    expect(definitions.filter((d) => d.lib === 'runtime')).toEqual([]);
    expect(handlers.filter((h) => h.lib === 'runtime')).toEqual([]);
    expect(matches(/\.process\(/g).filter((m) => m.lib !== 'queue')).toEqual([]);
  });

  it('each processor is declared in the lib that defines its job, and each job of the platform has one there', () => {
    const owner = new Map(definitions.map((d) => [d.constant, d.lib]));
    expect(handlers.filter((h) => owner.get(h.name) !== h.lib)).toEqual([]);
    const handled = new Set(handlers.map((h) => h.name));
    const byJob = new Map(definitions.map((d) => [d.job, d]));
    expect(
      PLATFORM_JOBS.filter((job) => !byJob.has(job.name) || !handled.has(byJob.get(job.name)!.constant)).map(
        (job) => job.name,
      ),
    ).toEqual([]);
  });
});
