module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'readings',
  rootDir: __dirname,
};
