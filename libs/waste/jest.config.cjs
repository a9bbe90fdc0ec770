module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'waste',
  rootDir: __dirname,
};
