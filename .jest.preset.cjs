// Shared jest settings: ts-jest in transpile-only mode (type-checking is the `typecheck` target),
// workspace aliases from tsconfig.base.json, and babel for aedes and intl-messageformat (with its @formatjs
// dependencies), which ship ESM only.
const path = require('node:path');
const base = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(base.compilerOptions.paths)) {
  moduleNameMapper[`^${alias}$`] = path.join(__dirname, target);
}

module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: path.join(__dirname, 'tsconfig.spec.json'),
        diagnostics: false,
      },
    ],
    '^.+\\.js$': [
      'babel-jest',
      { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(aedes|intl-messageformat|@formatjs)/)'],
  moduleNameMapper,
  testTimeout: 30000,
};
