// Two jest projects, both run by `npm test` (deploy/local/test.sh):
// - unit: pure tests of the apps' and libs' code, no servers (`npm run test:unit`, seconds);
// - system: test/ and the specs that talk to Kafka and MongoDB; the global setup starts the
//   servers and every service for them (jest runs a project's global setup only when one of
//   its tests is selected, so a unit-only run starts nothing).
// ts-jest transpiles only (isolatedModules): type checking is `npm run lint:types`.

/** Specs under apps/ and libs/ that need Kafka or MongoDB: they belong to the system project. */
const SERVER_SPECS = ['<rootDir>/libs/messaging/src/outbox/outbox-relay.spec.ts'];

const shared = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: {
    '^@jobfair/(contracts|messaging|platform|matching|demo-data|http-client)$': '<rootDir>/libs/$1/src',
    '^@jobfair/testing$': '<rootDir>/test/support',
  },
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...SERVER_SPECS],
    },
    {
      ...shared,
      displayName: 'system',
      testMatch: ['<rootDir>/test/**/*.spec.ts', ...SERVER_SPECS],
      globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
    },
  ],
};
