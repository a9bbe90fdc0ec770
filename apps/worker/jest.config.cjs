module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'worker-app',
  rootDir: __dirname,
};
