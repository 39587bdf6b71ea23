// One jest run covers every app, lib and the system tests in test/.
// ts-jest transpiles only (isolatedModules): type checking is `npm run lint:types`.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: {
    '^@jobfair/(contracts|messaging|platform|matching|demo-data|http-client)$': '<rootDir>/libs/$1/src',
    '^@jobfair/testing$': '<rootDir>/test/support',
  },
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  testTimeout: 60000,
};
