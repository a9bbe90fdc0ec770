module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'broker',
  rootDir: __dirname,
};
