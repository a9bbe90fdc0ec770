module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'ingestion-app',
  rootDir: __dirname,
};
