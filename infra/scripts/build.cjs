#!/usr/bin/env node
// Production build: compiles apps, libs and simulators to dist/ with tsc (decorator metadata intact),
// and copies the files code reads at run time (SQL migrations, seed data).
const { execFileSync } = require('node:child_process');
const { cpSync, existsSync, readdirSync, rmSync } = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'infra/build/tsconfig.json')], { stdio: 'inherit' });
const assets = readdirSync(path.join(root, 'libs'), { recursive: true })
  .filter((f) => /\.(sql|json)$/.test(f) && f.split(path.sep)[1] === 'src')
  .map((f) => path.join('libs', f));
for (const file of assets) cpSync(path.join(root, file), path.join(root, 'dist', file));
// Files a lib reads at run time from outside src (the reports' PDF fonts): libs/<lib>/assets.
for (const lib of readdirSync(path.join(root, 'libs'))) {
  const dir = path.join(root, 'libs', lib, 'assets');
  if (existsSync(dir)) cpSync(dir, path.join(root, 'dist/libs', lib, 'assets'), { recursive: true });
}
// The dashboard is static files (JavaScript modules checked by tsc --checkJs), served by the api app.
cpSync(path.join(root, 'apps/dashboard/public'), path.join(root, 'dist/apps/dashboard/public'), { recursive: true });
// The console (apps/console): a vite build (hashed, precompressed assets), served by the api app at /console/.
// Without vite (production dependencies only: the Docker image builds it in a stage of its own) the console
// must already be built.
const { buildConsole, CONSOLE_BUILD } = require('./build-console.cjs');
if (existsSync(path.join(root, 'node_modules/vite'))) buildConsole();
else if (!existsSync(path.join(CONSOLE_BUILD, 'index.html'))) throw new Error('apps/console is not built and vite is not installed');
cpSync(CONSOLE_BUILD, path.join(root, 'dist/apps/console/dist'), { recursive: true });
console.log('built dist/');
