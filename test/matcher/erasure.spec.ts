import { randomUUID } from 'crypto';
import mongoose from 'mongoose';
import { SeekerDataKeyIssued, SeekerDataKeyShredded, SeekerRegistered, Topics, deadLetterTopic } from '@jobfair/contracts';
import { newDataKey, seal, wrapKey } from '@jobfair/messaging';
import { ApiClient, EventInjector, KafkaProbe, asAdmin, asNewUser, eventually, testKek, withServiceDatabase } from '@jobfair/testing';
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

  /** A seeker's fields as the seekers service seals them. */
  const sealedSeeker = (id: string, dataKey: Buffer) => ({
    id,
    personal: seal(
      {
        nationalId: '038099' + String(Math.floor(Math.random() * 1e6)).padStart(6, '0'),
        fullName: 'Lò Văn Páo',
        birthDate: '1999-09-09',
        gender: 'male',
        province: 'Son La',
        skills: [],
        languageTests: [],
        preferences: { scopes: ['overseas'], countries: ['KR'], sectors: ['agriculture'] },
        overseasHistory: [],
        householdStatus: 'ethnic-minority',
        consents: [{ purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' }],
        available: true,
      },
      dataKey,
      id,
    ),
  });
  const keyIssued = (id: string, dataKey: Buffer) =>
    injector.event(SeekerDataKeyIssued, 'seekers', 1, { id, subjectId: id, wrappedKey: wrapKey(dataKey, testKek(), id) } as never);
  const keyShredded = (id: string) =>
    injector.event(SeekerDataKeyShredded, 'seekers', 2, { id, subjectId: id, shreddedAt: new Date().toISOString() } as never);
  /** Once the matcher dead-letters a poison message sent after them on the seeker's partition, the events before it were handled. */
  const handledUpTo = async (id: string) => {
    await injector.sendRaw(Topics.seeker, { key: id, value: 'not an event' });
    const group = `matcher${process.env.KAFKA_GROUP_SUFFIX}`;
    await probe.waitFor((m) => m.topic === deadLetterTopic(Topics.seeker) && m.key === id && m.headers['dlt-group'] === group, 30000);
  };

  it('keeps a seeker event that came before its key until the key comes, then applies it; opens nothing once the key is shredded', async () => {
    const id = randomUUID();
    const dataKey = newDataKey();
    await injector.send(injector.event(SeekerRegistered, 'seekers', 1, sealedSeeker(id, dataKey)));
    await handledUpTo(id);
    await withServiceDatabase('matcher', async (db) => {
      expect(await db.collection('seekers').findOne({ _id: id as never })).toBeNull();
      expect(await db.collection('seeker_data_keys_waiting').countDocuments({ subjectId: id })).toBe(1);
      // The subject is marked as awaited: its key's arrival looks for what waits (a key that comes first does not).
      expect(await db.collection('seeker_data_keys').findOne({ _id: id as never })).toEqual({ _id: id, awaitedSince: expect.any(String) });
    });

    await injector.send(keyIssued(id, dataKey));
    await eventually(() =>
      withServiceDatabase('matcher', async (db) => {
        expect(await db.collection('seekers').findOne({ _id: id as never })).toMatchObject({ seeker: { id, fullName: 'Lò Văn Páo' } });
        expect(await db.collection('seeker_data_keys_waiting').countDocuments({ subjectId: id })).toBe(0);
        expect(await db.collection('seeker_data_keys').findOne({ _id: id as never })).toEqual({ _id: id, wrappedKey: expect.anything() });
      }),
    );

    // The key shredded before the seeker's first event reaches the matcher: the event is applied as erased.
    const late = randomUUID();
    const lateKey = newDataKey();
    await injector.send(keyIssued(late, lateKey), keyShredded(late));
    await eventually(() =>
      withServiceDatabase('matcher', async (db) =>
        expect(await db.collection('seeker_data_keys').findOne({ _id: late as never })).toEqual({
          _id: late,
          shreddedAt: expect.any(String),
        }),
      ),
    );
    await injector.send(injector.event(SeekerRegistered, 'seekers', 1, sealedSeeker(late, lateKey)));
    await handledUpTo(late);
    await withServiceDatabase('matcher', async (db) => {
      expect(await db.collection('seekers').findOne({ _id: late as never })).toBeNull();
      expect(await db.collection('seeker_data_keys_waiting').countDocuments({ subjectId: late })).toBe(0);
    });
  });
});
