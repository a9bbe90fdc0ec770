import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

// Production runs the compiled build (npm run build): the sources it compiles must type-check under its
// own tsconfig, which leaves test code out (a file using jest globals outside a spec breaks it).
describe('the production build', () => {
  it('type-checks everything infra/build/tsconfig.json compiles', () => {
    const root = path.resolve(__dirname, '../..');
    const tsc = require.resolve('typescript/bin/tsc');
    let errors = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', path.join(root, 'infra/build/tsconfig.json'), '--noEmit'], {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      errors = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(errors).toBe('');
  }, 120_000);
});
