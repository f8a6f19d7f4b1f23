// Tests run in UTC so that date formatting (Camunda's +hhmm offsets) is deterministic.
process.env.TZ = 'UTC';

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// feelin and its parser are published as ES modules only. Node 20.19+ can require() them, but
// Jest's module loader cannot, so they are transpiled to CommonJS like our own sources.
const esmOnly = ['feelin', 'lezer-feel', 'temporal-polyfill', 'temporal-utils', 'min-dash'];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testTimeout: 30000,
};
