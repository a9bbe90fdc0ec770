module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'registry',
  rootDir: __dirname,
};
