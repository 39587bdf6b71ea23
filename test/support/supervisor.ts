// The supervisor that starts and stops the services for `npm start` (plain JS, so it runs
// without a build step); the test run uses the very same one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const supervisor = require('../../deploy/local/services.js') as {
  SERVICES: { name: string; port: number }[];
  start(options: object, env: Record<string, string>): Promise<{ urls: Record<string, string> }>;
  stop(options: object): Promise<void>;
};
