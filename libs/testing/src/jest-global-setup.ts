// Jest global setup: make sure the tests have a Kafka broker and a MongoDB.
// - KAFKA_BROKERS and MONGODB_URI set (npm test sets them after starting local servers): use them.
// - Otherwise, with a Docker engine: start both with testcontainers for this run.
// - Otherwise: stop with one line saying what to do.
// Workers are forked after this runs, so what is put in process.env here reaches them.
import { getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { KafkaContainer } from '@testcontainers/kafka';
import { MongoDBContainer } from '@testcontainers/mongodb';

// testcontainers' Kafka module drives Confluent's image; 7.9 ships Apache Kafka 3.9 (KRaft).
const KAFKA_IMAGE = process.env.TESTCONTAINERS_KAFKA_IMAGE ?? 'confluentinc/cp-kafka:7.9.0';
const MONGO_IMAGE = process.env.TESTCONTAINERS_MONGO_IMAGE ?? 'mongo:7';

/** Containers started here, for jest-global-teardown.ts (same process). */
export const STARTED_CONTAINERS_KEY = '__jobfairTestContainers';

async function dockerReachable(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<void> {
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
