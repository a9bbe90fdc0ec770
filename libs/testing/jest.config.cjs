module.exports = {
  ...require('../../.jest.preset.cjs'),
  displayName: 'testing',
  rootDir: __dirname,
  // store/ is its own project (testing-store) with its own jest config.
  roots: ['<rootDir>/src'],
};
