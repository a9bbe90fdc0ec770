module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'sparkplug',
  rootDir: __dirname,
};
