module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'device-identity',
  rootDir: __dirname,
};
