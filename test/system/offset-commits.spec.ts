import { Admin, Kafka, logLevel } from 'kafkajs';
import { PlacementHired, Topics } from '@jobfair/contracts';
import { ApiClient, EventInjector, asAdmin, eventually, placementIn, postEpsOpening, startService, stopService } from '@jobfair/testing';

/**
 * A consumer commits what it applied on an interval, not after each batch, and a service
 * stopped for an upgrade commits the rest before it leaves its group: its successor starts
 * where it stopped, nothing applied is delivered again.
 */
describe('offset commits: on an interval, and all of them at a graceful stop', () => {
  /** Longer than the test: only the stop can commit the second event. */
  const COMMIT_INTERVAL_MS = '60000';
  const group = `employers${process.env.KAFKA_GROUP_SUFFIX}`;
  let admin: ApiClient;
  let kafka: Admin;
  let matcher: EventInjector;

  /** Per partition of the placement topic: how far the end is ahead of what the employers' group committed. */
  async function lag(): Promise<number[]> {
    const [ends, [committed]] = await Promise.all([
      kafka.fetchTopicOffsets(Topics.placement),
      kafka.fetchOffsets({ groupId: group, topics: [Topics.placement] }),
    ]);
    return ends
      .sort((a, b) => a.partition - b.partition)
      .map(({ partition, offset }) => {
        const done = Number(committed.partitions.find((p) => p.partition === partition)?.offset ?? -1);
        return Number(offset) - Math.max(done, 0);
      });
  }

  beforeAll(async () => {
    admin = await asAdmin();
    kafka = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).admin();
    await kafka.connect();
    matcher = await EventInjector.open();
    await stopService('employers', 'SIGTERM');
    await startService('employers', { CONSUMER_COMMIT_INTERVAL_MS: COMMIT_INTERVAL_MS });
  }, 120000);

  afterAll(async () => {
    await stopService('employers', 'SIGTERM').catch(() => undefined);
    await startService('employers');
    await matcher?.close();
    await kafka?.disconnect();
  }, 120000);

  it('leaves a second event uncommitted within the interval, and commits it when the service is stopped', async () => {
    const opening = await postEpsOpening(admin, 'Gyeonggi Parts', 'assembly', 10);
    const filled = (n: number) =>
      eventually(async () => expect((await admin.get(`/openings/${opening.openingId}`)).body).toMatchObject({ filled: n }), 30000, 100);
    const behind = async () => (await lag()).reduce((sum, partition) => sum + partition, 0);
    await matcher.send(matcher.event(PlacementHired, 'matcher', 1, placementIn(opening, 'hired')));
    await filled(1);
    // The first batch after the start is committed at once: the interval begins with it.
    await eventually(async () => expect(await behind()).toBe(0), 10000, 100);

    // The next one, applied within the interval, is not committed yet ...
    await matcher.send(matcher.event(PlacementHired, 'matcher', 1, placementIn(opening, 'hired')));
    await filled(2);
    expect(await behind()).toBe(1);

    // ... until the service stops: then it is, before the consumer leaves its group.
    await stopService('employers', 'SIGTERM');
    expect(await behind()).toBe(0);
  }, 120000);
});
