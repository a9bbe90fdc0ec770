import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_VARIABLES } from '@hp/config';

// README's configuration table is part of the product: it must name exactly the variables the code reads.
const README = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

describe('README.md', () => {
  it('documents exactly the configuration variables the code reads, in its table', () => {
    const section = README.slice(README.indexOf('## Configuration'), README.indexOf('## Architecture'));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    const names = rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]));
    expect(names.sort()).toEqual(CONFIG_VARIABLES.map((v) => v.name).sort());
  });

  it('documents every npm script it tells people to run', () => {
    const scripts = Object.keys(
      (JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { scripts: object })
        .scripts,
    );
    const mentioned = [...README.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]);
    expect(mentioned.filter((name) => !scripts.includes(name))).toEqual([]);
  });
});
