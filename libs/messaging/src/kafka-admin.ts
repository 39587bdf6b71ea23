import { Admin, Kafka, logLevel } from 'kafkajs';
import { KEY_DEAD_LETTER_CONFIG, KEY_TOPICS, KEY_TOPIC_CONFIG, deadLetterTopic } from '@jobfair/contracts';
import { KafkaConnection, TopicSettings, kafkaClientConfig } from './kafka-client';

function adminClient(connection: KafkaConnection, clientId: string, retries: number) {
  return new Kafka(
    kafkaClientConfig(connection, clientId, {
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3000,
      retry: { retries, initialRetryTime: 300 },
    }),
  ).admin();
}

/**
 * Creates the topics a service uses, with their dead-letter topics, before its
 * consumer subscribes (the Nest transport fails to start on a missing topic), as the
 * settings ask; with `create: false` only checks that they exist.
 * Idempotent. Throws one readable error if the broker cannot be reached.
 */
export async function ensureTopics(
  connection: KafkaConnection,
  clientId: string,
  topics: readonly string[],
  settings: TopicSettings,
  retries = 5,
): Promise<void> {
  const admin = adminClient(connection, `${clientId}-admin`, retries);
  try {
    await admin.connect();
  } catch {
    throw new Error(
      `Kafka is not reachable at ${connection.brokers.join(',')}: start it with \`npm run infra:start\` or set KAFKA_BROKERS`,
    );
  }
  try {
    const wanted = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))];
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length && !settings.create) {
      throw new Error(`Kafka topics missing (KAFKA_CREATE_TOPICS=false, so they are not created here): ${missing.join(', ')}`);
    }
    let createError: Error | undefined;
    if (missing.length) {
      // Services starting together create the same topics at once; kafkajs's own leader wait
      // fails on a topic another client has just created, so the wait below decides instead.
      await admin
        .createTopics({
          topics: missing.map((topic) => ({
            topic,
            numPartitions: settings.partitions,
            replicationFactor: settings.replicationFactor,
            configEntries: topicConfigEntries(topic, settings),
          })),
        })
        .catch((error: Error) => (createError = error));
    }
    // A topic created a moment ago (here or by another service) may have no leader yet; subscribing then fails.
    await waitForLeaders(admin, wanted, createError);
  } finally {
    await admin.disconnect();
  }
}

/** A topic's settings at creation: the cluster's `min.insync.replicas` if set; compaction for the key topics. */
export function topicConfigEntries(topic: string, settings: TopicSettings): { name: string; value: string }[] {
  const entries: Record<string, string> = {};
  if (settings.minInsyncReplicas !== undefined) entries['min.insync.replicas'] = String(settings.minInsyncReplicas);
  const keyTopic = KEY_TOPICS.find((t) => topic === t || topic === deadLetterTopic(t));
  if (keyTopic) Object.assign(entries, topic === keyTopic ? KEY_TOPIC_CONFIG : KEY_DEAD_LETTER_CONFIG);
  return Object.entries(entries).map(([name, value]) => ({ name, value }));
}

/** How long a new topic may take to get its partition leaders (a fresh broker on a busy machine). */
const LEADER_WAIT_MS = 30000;
const LEADER_POLL_MS = 250;

async function waitForLeaders(admin: Admin, topics: string[], cause?: Error): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const led = metadata.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0));
      if (led && metadata.length === topics.length) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Kafka topics have no partition leaders after ${LEADER_WAIT_MS} ms${cause ? ` (creating them: ${cause.message})` : ''}: ${topics.join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LEADER_POLL_MS));
  }
}

/** Whether the broker answers a metadata request now (for readiness). */
export async function brokerAnswers(connection: KafkaConnection, clientId: string): Promise<boolean> {
  const admin = adminClient(connection, `${clientId}-health`, 0);
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
