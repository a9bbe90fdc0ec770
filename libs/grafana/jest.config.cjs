module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'grafana',
  rootDir: __dirname,
};
