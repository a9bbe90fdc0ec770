module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'api-app',
  rootDir: __dirname,
};
