#!/usr/bin/env node
// Runs a TypeScript entry point straight from source: ts-node (transpile only; `npm run typecheck`
// is what type-checks) plus the workspace path aliases from tsconfig.base.json.
// Usage: node infra/scripts/run.cjs <entry.ts> [args...]
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
const base = require(path.join(root, 'tsconfig.base.json'));
require('ts-node').register({
  transpileOnly: true,
  project: path.join(root, 'tsconfig.base.json'),
  // rootDir: TypeScript 6 refuses to compile (TS5011) when it has to infer the common source directory.
  compilerOptions: { module: 'commonjs', moduleResolution: 'bundler', sourceMap: true, rootDir: root },
});
require('tsconfig-paths').register({ baseUrl: root, paths: base.compilerOptions.paths });
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node infra/scripts/run.cjs <entry.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1); // the entry point sees itself as argv[1], as under plain node
require(path.resolve(root, entry));
