/**
 * How the test run's own system instance is laid out: separate ports, databases and
 * consumer groups from a system started with `npm start`, so both can run at once.
 */
export const TEST_SYSTEM = {
  /** TEST_SYSTEM_TAG / TEST_PORT_OFFSET let two test runs share a machine. */
  tag: process.env.TEST_SYSTEM_TAG ?? 'test',
  portOffset: Number(process.env.TEST_PORT_OFFSET ?? 1000),
  adminUsername: 'admin',
  adminPassword: 'test-admin-password',
  jwtSecret: 'test-run-secret-0123456789abcdef',
  metricsToken: 'test-run-metrics-token-0123456789abcdef',
};
