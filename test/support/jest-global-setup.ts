// Jest global setup: make sure the tests have a Kafka broker and a MongoDB.
// - KAFKA_BROKERS and MONGODB_URI set (npm test sets them after starting local servers): use them.
// - Otherwise, with a Docker engine: start both with testcontainers for this run.
// - Otherwise: stop with one line saying what to do.
// Workers are forked after this runs, so what is put in process.env here reaches them.
// Jest's module mapping does not apply to the global setup: tsconfig.json's paths resolve `@jobfair/*` here.
import 'tsconfig-paths/register';
import { getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { KafkaContainer } from '@testcontainers/kafka';
import { MongoDBContainer } from '@testcontainers/mongodb';
import { startGroupsAtTheEnd } from '@jobfair/messaging';
import { supervisor as services } from './supervisor';
import { TEST_SYSTEM } from './system-config';

// testcontainers' Kafka module drives Confluent's image; 7.9 ships Apache Kafka 3.9 (KRaft).
const KAFKA_IMAGE = process.env.TESTCONTAINERS_KAFKA_IMAGE ?? 'confluentinc/cp-kafka:7.9.0';
const MONGO_IMAGE = process.env.TESTCONTAINERS_MONGO_IMAGE ?? 'mongo:7';

/** Containers started here, for jest-global-teardown.ts (same process). */
export const STARTED_CONTAINERS_KEY = '__jobfairTestContainers';
/** The test system's layout, when globalSetup started one, for the teardown. */
export const SYSTEM_STARTED_KEY = '__jobfairTestSystem';

async function dockerReachable(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<void> {
  await ensureServers();
  if (process.env.SKIP_SYSTEM !== '1') await startSystem();
}

/**
 * Every service as its own process (from dist/, built by `npm test`), on fresh
 * databases and consumer groups; their URLs reach the test workers through the environment.
 */
async function startSystem(): Promise<void> {
  const run = Date.now().toString(36);
  const options = { tag: TEST_SYSTEM.tag, portOffset: TEST_SYSTEM.portOffset };
  await services.stop(options); // leftovers of an interrupted run
  await startGroupsAtTheEnd(
    process.env.KAFKA_BROKERS!.split(','),
    services.SERVICES.map(({ name }) => `${name}-test-${run}`),
  );
  const env = {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
    MONGODB_URI: process.env.MONGODB_URI!,
    MONGODB_DB_PREFIX: `test_${run}_`,
    KAFKA_GROUP_SUFFIX: `-test-${run}`,
    JWT_SECRET: TEST_SYSTEM.jwtSecret,
    METRICS_TOKEN: TEST_SYSTEM.metricsToken,
    ADMIN_USERNAME: TEST_SYSTEM.adminUsername,
    ADMIN_PASSWORD: TEST_SYSTEM.adminPassword,
    OUTBOX_SWEEP_MS: '500',
    CONSUMER_RETRY_BACKOFF_MS: '50',
    // The daily expiry job, every few seconds: a test sees a document it made run out told soon.
    EXPIRY_SCAN_INTERVAL_MS: '2000',
    // Every test signs in, from one address and mostly as the admin: the limits are checked on a gateway of their own.
    SIGN_IN_LIMIT_PER_CLIENT: '1000000',
    SIGN_IN_LIMIT_PER_USERNAME: '1000000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  const { urls } = await services.start(options, env);
  // Fault tests stop and restart single services of this very system.
  process.env.TEST_SYSTEM_LAYOUT = JSON.stringify({ options, env });
  for (const [name, url] of Object.entries(urls)) process.env[`${name.toUpperCase()}_URL`] = url;
  process.env.JWT_SECRET = TEST_SYSTEM.jwtSecret;
  // Tests can tell this run's consumer groups (e.g. in dead-letter headers) from other runs'.
  process.env.KAFKA_GROUP_SUFFIX = `-test-${run}`;
  (globalThis as Record<string, unknown>)[SYSTEM_STARTED_KEY] = options;
}

async function ensureServers(): Promise<void> {
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) return;

  if (!(await dockerReachable())) {
    // One line, not a jest stack trace: it is an instruction, not a bug.
    process.stderr.write('No Kafka/MongoDB: run `npm test` (it starts them) or set KAFKA_BROKERS and MONGODB_URI\n');
    process.exit(1);
  }

  const started: StartedTestContainer[] = [];
  (globalThis as Record<string, unknown>)[STARTED_CONTAINERS_KEY] = started;
  const [kafka, mongo] = await Promise.all([
    process.env.KAFKA_BROKERS ? undefined : new KafkaContainer(KAFKA_IMAGE).withKraft().start(),
    process.env.MONGODB_URI ? undefined : new MongoDBContainer(MONGO_IMAGE).start(),
  ]);
  if (kafka) {
    started.push(kafka);
    // Port 9093 is the module's listener advertised to the host.
    process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
  }
  if (mongo) {
    started.push(mongo);
    // The container is a one-member replica set that advertises its internal host name;
    // directConnection keeps the driver on the mapped port.
    process.env.MONGODB_URI = `${mongo.getConnectionString()}/?directConnection=true`;
  }
}
