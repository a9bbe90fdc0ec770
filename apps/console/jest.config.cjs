// The console's unit tests (pure TypeScript: its words and formats); the screens are tested in Chromium
// by test/src/console-*.e2e.spec.ts.
module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'console',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
