module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'open-data',
  rootDir: __dirname,
};
