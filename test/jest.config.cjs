module.exports = {
  ...require('../.jest.preset.cjs'),
  displayName: 'e2e',
  rootDir: __dirname,
  // Two specs at once (jest's default is one on two cores): most of an end-to-end spec's time is waiting
  // for a platform, a browser or a condition, and this tier is the suite's critical path.
  maxWorkers: 2,
  // Its own target, run first: jest.drill.config.cjs.
  testPathIgnorePatterns: [
    '/node_modules/',
    '/src/cluster-drill\\.e2e\\.spec\\.ts$',
    '/src/network-hosts\\.e2e\\.spec\\.ts$',
  ],
};
