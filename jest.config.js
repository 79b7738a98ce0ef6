/** One jest run for the whole repository: TypeScript through SWC (decorator metadata included), sources mapped directly. */
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

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/gateway', '<rootDir>/e2e'],
  testMatch: ['**/src/**/*.spec.ts'],
  moduleNameMapper: {
    '^@kinga/shared$': '<rootDir>/packages/shared/src/index.ts',
    '^@kinga/shared/testing$': '<rootDir>/packages/shared/src/testing/index.ts',
    '^@kinga/(directory|cases|referrals|programmes)$': '<rootDir>/services/$1/src/index.ts',
    '^@kinga/gateway$': '<rootDir>/gateway/src/index.ts',
  },
  setupFiles: ['<rootDir>/jest.setup.js'],
  testTimeout: 60_000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
