// Writes the dashboards as code to infra/grafana/dashboards/<uid>.json and removes dashboard files no
// longer generated. Run from anywhere in the workspace:
//   node infra/scripts/run.cjs libs/grafana/src/generate-provisioning.ts
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PROVISIONED_DASHBOARDS_DIR, provisioningFiles } from './provisioning';

const root = resolve(__dirname, '../../..');
const files = provisioningFiles();
for (const file of files) {
  const path = join(root, file.path);
  mkdirSync(dirname(path), { recursive: true });
  const unchanged = readIfPresent(path) === file.content;
  if (!unchanged) writeFileSync(path, file.content);
  console.log(`${unchanged ? 'unchanged' : 'wrote'} ${file.path}`);
}
const generated = new Set(files.map((f) => basename(f.path)));
const directory = join(root, PROVISIONED_DASHBOARDS_DIR);
for (const name of readdirSync(directory).filter((n) => n.endsWith('.json') && !generated.has(n))) {
  rmSync(join(directory, name));
  console.log(`removed ${PROVISIONED_DASHBOARDS_DIR}/${name} (no longer generated)`);
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
