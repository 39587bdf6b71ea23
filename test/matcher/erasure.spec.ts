import mongoose from 'mongoose';
import { Topics, deadLetterTopic } from '@jobfair/contracts';
import { ApiClient, EventInjector, KafkaProbe, asAdmin, asNewUser } from '@jobfair/testing';
import { registerSeeker } from './fair-fixture';

/** Erasure is final in the matcher too: a seeker event that comes back after the erasure does not restore the person. */
describe('matcher: erasure is final', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let probe: KafkaProbe;
  let injector: EventInjector;

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
    probe = await KafkaProbe.open([Topics.seeker, deadLetterTopic(Topics.seeker)]);
    injector = await EventInjector.open();
  });

  afterAll(async () => {
    await probe?.close();
    await injector?.close();
  });

  it('keeps a tombstone, so a redelivered registration after the erasure brings neither name nor national ID back', async () => {
    const id = await registerSeeker(staff, {});
    const registered = await probe.waitFor((m) => m.json?.type === 'SeekerRegistered' && m.key === id);
    expect((await admin.delete(`/seekers/${id}`)).status).toBe(204);
    await probe.waitFor((m) => m.json?.type === 'SeekerErased' && m.key === id);

    // The registration once more, as a redelivery or a replayed dead letter brings it; then, on the same
    // partition (same key), a message the matcher must dead-letter: once it has, the one before it was applied.
    await injector.sendRaw(Topics.seeker, { key: registered.key, value: registered.value, headers: registered.headers });
    await injector.sendRaw(Topics.seeker, { key: id, value: 'not an event' });
    const group = `matcher${process.env.KAFKA_GROUP_SUFFIX}`;
    await probe.waitFor((m) => m.topic === deadLetterTopic(Topics.seeker) && m.key === id && m.headers['dlt-group'] === group, 30000);

    const connection = await mongoose.createConnection(process.env.MONGODB_URI!, { directConnection: true }).asPromise();
    try {
      const prefix = JSON.parse(process.env.TEST_SYSTEM_LAYOUT!).env.MONGODB_DB_PREFIX;
      const matcherDb = connection.useDb(`${prefix}matcher`);
      expect(await matcherDb.collection('seekers').findOne({ _id: id as never })).toBeNull();
      expect(await matcherDb.collection('erased_seekers').findOne({ _id: id as never })).toEqual({ _id: id });
    } finally {
      await connection.close();
    }
  });
});
