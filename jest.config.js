// Tests run in UTC so that date formatting (Camunda's +hhmm offsets) is deterministic.
process.env.TZ = 'UTC';

const swc = [
  '<rootDir>/test/jest/esm-aware-transformer.js',
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

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  // Every file goes through the transformer, which leaves CommonJS dependencies as they are.
  transformIgnorePatterns: [],
  testTimeout: 30000,
};
