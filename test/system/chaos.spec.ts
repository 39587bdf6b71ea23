import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/**
 * The short fault-injection run, as a user runs it (`npm run -s chaos`, on the compiled tool):
 * a fair day while each service is killed, the broker paused and killed and the database
 * killed. It kills its own Kafka and database, so it runs a separate pair (ports beside the
 * test run's, state in .local/chaos-test) and its own services, never the test run's.
 */
const ROOT = resolve(__dirname, '..', '..');
const FAULTS = 12;
const SEEKERS = 120;
const BESIDE = 10;
const RUN_TIMEOUT_MS = 40 * 60_000;

const env = {
  ...process.env,
  KAFKA_PORT: String(Number(process.env.KAFKA_PORT ?? 9092) + BESIDE),
  KAFKA_CONTROLLER_PORT: String(Number(process.env.KAFKA_CONTROLLER_PORT ?? 9093) + BESIDE),
  MONGO_PORT: String(Number(process.env.MONGO_PORT ?? 27017) + BESIDE),
  INFRA_STATE_DIR: join(ROOT, '.local', 'chaos-test'),
  MONGO_JAVA_OPTS: '-Xmx512m',
  // Two more JVMs and five services beside a running test suite boot slowly on a small machine.
  INFRA_WAIT_TIMEOUT: '300',
  SERVICES_READY_TIMEOUT_MS: '300000',
};
// Beside the test system (+0) and the npm start check (+100 and up): its own service ports.
const portOffset = Number(process.env.TEST_PORT_OFFSET ?? 1000) + 200;
const tag = `${process.env.TEST_SYSTEM_TAG ?? 'test'}-chaos`;

describe('chaos: a fair day under faults (npm run chaos)', () => {
  afterAll(() => {
    spawnSync('bash', [join(ROOT, 'deploy/local/infra.sh'), 'stop'], { env, stdio: 'ignore' });
  });

  it(
    `${FAULTS} faults of every kind: nothing acknowledged lost, nothing doubled, the books agree`,
    async () => {
      // dist/ is built by `npm test`; the tool runs from it exactly as `npm run chaos` runs it.
      const child = spawn(
        process.execPath,
        [
          '-r',
          join(ROOT, 'deploy/register-paths.js'),
          join(ROOT, 'dist/tools/chaos.js'),
          '--faults',
          String(FAULTS),
          '--seekers',
          String(SEEKERS),
          '--port-offset',
          String(portOffset),
          '--tag',
          tag,
        ],
        { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const code = await new Promise<number | null>((done) => child.once('exit', done));
      console.log(output);

      expect(output.match(/^fault /gm)).toHaveLength(FAULTS);
      const verdict = /^chaos: faults=(\d+) acknowledged=(\d+) lost=(\d+) doubled=(\d+) mismatched=(\d+) dlt=(\d+)$/m.exec(output);
      expect(verdict).not.toBeNull();
      const [, faults, acknowledged, lost, doubled, mismatched] = verdict!.map(Number);
      expect(faults).toBe(FAULTS);
      expect(acknowledged).toBeGreaterThan(3 * SEEKERS);
      expect({ lost, doubled, mismatched }).toEqual({ lost: 0, doubled: 0, mismatched: 0 });
      expect(code).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});
