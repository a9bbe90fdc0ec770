#!/usr/bin/env node
// Builds the console (apps/console) with vite into apps/console/dist: hashed, precompressed assets.
//   node infra/scripts/build-console.cjs              always
//   node infra/scripts/build-console.cjs --if-stale   only when a source is newer than the last build
//                                                    (npm start and the browser tests: ~0.1 s when fresh)
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
const app = path.join(root, 'apps/console');
const built = path.join(app, 'dist/index.html');
/** What the build reads besides node_modules: the app, the generated API types, the reason catalogue. */
const INPUTS = [
  path.join(app, 'index.html'),
  path.join(app, 'vite.config.mts'),
  path.join(app, 'src'),
  path.join(root, 'apps/dashboard/public/api-types.d.ts'),
  path.join(root, 'libs/contracts/src/messages/reason-messages.json'),
  path.join(root, 'package-lock.json'),
];

function newestInput() {
  let newest = 0;
  for (const input of INPUTS) {
    const files = statSync(input).isDirectory()
      ? readdirSync(input, { recursive: true }).map((f) => path.join(input, f))
      : [input];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

function isStale() {
  return !existsSync(built) || statSync(built).mtimeMs < newestInput();
}

function buildConsole({ ifStale = false } = {}) {
  if (ifStale && !isStale()) return false;
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', app, '--logLevel', 'warn'],
    {
      stdio: 'inherit',
      // React's production build, even when called from jest (NODE_ENV=test) or a shell that set another.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  return true;
}

module.exports = { buildConsole, CONSOLE_BUILD: path.dirname(built) };
if (require.main === module) buildConsole({ ifStale: process.argv.includes('--if-stale') });
