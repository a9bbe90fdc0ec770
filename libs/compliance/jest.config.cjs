module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'compliance',
  rootDir: __dirname,
};
