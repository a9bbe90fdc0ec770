module.exports = {
  ...require('../../../.jest.preset.cjs'),
  displayName: 'testing-store',
  rootDir: __dirname,
};
