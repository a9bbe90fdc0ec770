module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'platform-app',
  rootDir: __dirname,
};
