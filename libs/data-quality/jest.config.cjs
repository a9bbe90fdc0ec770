module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'data-quality',
  rootDir: __dirname,
};
