import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS } from '@jobfair/contracts';

/**
 * A broker that outlives runs (the local one) holds every earlier run's events. A run's
 * fresh consumer groups (a test system, a benchmark's system) would read them all from the
 * beginning first, so their offsets are set to the current end of each topic before the
 * services start. (A service's own group still starts from the beginning in production.)
 */
export async function startGroupsAtTheEnd(brokers: string[], groupIds: string[]): Promise<void> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = ALL_TOPICS.filter((topic) => existing.has(topic));
    const ends = await Promise.all(topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })));
    // Groups in parallel (each one's topics in turn): a busy broker answers every call slowly.
    await Promise.all(
      groupIds.map(async (groupId) => {
        for (const { topic, partitions } of ends) {
          await admin.setOffsets({ groupId, topic, partitions: partitions.map(({ partition, high }) => ({ partition, offset: high })) });
        }
      }),
    );
  } finally {
    await admin.disconnect();
  }
}
