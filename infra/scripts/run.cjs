#!/usr/bin/env node
// Runs an entry point of the workspace with its path aliases (tsconfig.base.json).
//   node infra/scripts/run.cjs <entry.ts> [args...]          from source: ts-node, transpile only
//                                                            (`npm run typecheck` is what type-checks)
//   node infra/scripts/run.cjs --dist <entry.ts> [args...]   the compiled build in dist/ (`npm run build`):
//                                                            no compiler in memory, for production
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
const base = require(path.join(root, 'tsconfig.base.json'));
const compiled = process.argv[2] === '--dist';
if (compiled) process.argv.splice(2, 1);
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node infra/scripts/run.cjs [--dist] <entry.ts> [args...]');
  process.exit(2);
}
const toJs = (file) => file.replace(/^\.\//, '').replace(/\.ts$/, '.js');
if (compiled) {
  const paths = Object.fromEntries(
    Object.entries(base.compilerOptions.paths).map(([alias, [target]]) => [alias, [`dist/${toJs(target)}`]]),
  );
  require('tsconfig-paths').register({ baseUrl: root, paths });
} else {
  require('ts-node').register({
    transpileOnly: true,
    project: path.join(root, 'tsconfig.base.json'),
    // rootDir: TypeScript 6 refuses to compile (TS5011) when it has to infer the common source directory.
    compilerOptions: { module: 'commonjs', moduleResolution: 'bundler', sourceMap: true, rootDir: root },
  });
  require('tsconfig-paths').register({ baseUrl: root, paths: base.compilerOptions.paths });
}
process.argv.splice(1, 1); // the entry point sees itself as argv[1], as under plain node
require(path.resolve(root, compiled ? path.join('dist', toJs(entry)) : entry));
