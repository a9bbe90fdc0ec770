module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'circular10',
  rootDir: __dirname,
};
