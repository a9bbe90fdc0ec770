// The cluster drill's tiny run (and the test of its network hosts), a target of its own (`e2e:drill`) that `e2e:test` waits for: it creates
// network namespaces and a bridge, and Chromium drops the requests in flight of any browser test running
// at that moment (ERR_NETWORK_CHANGED). Run before the end-to-end tier, beside the other projects' tests.
module.exports = {
  ...require('../.jest.preset.cjs'),
  displayName: 'drill',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/cluster-drill.e2e.spec.ts', '<rootDir>/src/network-hosts.e2e.spec.ts'],
};
