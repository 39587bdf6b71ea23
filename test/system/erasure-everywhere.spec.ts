// Erasure is final and complete (issue 10, window 5): after DELETE /seekers/:id nothing on the
// broker (every topic, dead-letter and key topics included, from the beginning) and nothing in any
// service's database still holds the person's national ID, name or phone, in any form checked here.
import { randomBytes } from 'crypto';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { Topics } from '@jobfair/contracts';
import { ApiClient, asAdmin, asNewUser, eventually, uniqueNationalId } from '@jobfair/testing';
import { fairWith, postOpening } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({ clientId: 'test-erasure-search', brokers, logLevel: logLevel.NOTHING });

/** The forms a value may take when stored or sent: as typed, JSON-escaped, as a name search keeps it, base64. */
function formsOf(value: string): string[] {
  const asciiEscaped = [...value].map((c) => (c.charCodeAt(0) > 0x7e ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
  const searchForm = value.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const forms = [value, value.normalize('NFD'), JSON.stringify(value).slice(1, -1), asciiEscaped, searchForm];
  forms.push(Buffer.from(value).toString('base64').replace(/=+$/, ''));
  return [...new Set(forms)];
}

/** Where any of the secrets appears in the text, as `label: form`. */
function findIn(where: string, text: string, secrets: Record<string, string[]>): string[] {
  return Object.entries(secrets).flatMap(([label, forms]) =>
    forms.filter((form) => text.includes(form)).map((form) => `${where}: ${label} as "${form}"`),
  );
}

/** Every message of every topic on the broker, from the beginning up to the end offsets read first. */
async function everyMessage(): Promise<{ topic: string; text: string }[]> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
  const ends = new Map<string, number>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const low = Number(p.low);
      const high = Number(p.high);
      if (high > low) ends.set(`${topic}:${p.partition}`, high);
    }
  }
  await admin.disconnect();
  const messages: { topic: string; text: string }[] = [];
  if (!ends.size) return messages;
  const consumer = kafka.consumer({ groupId: `test-erasure-search-${randomBytes(6).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [...new Set([...ends.keys()].map((k) => k.slice(0, k.lastIndexOf(':'))))], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`topics not read to their end: ${[...ends.keys()].join(', ')}`)), 60000);
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`);
          messages.push({ topic, text: [message.key?.toString() ?? '', message.value?.toString() ?? '', ...headers].join('\n') });
          const key = `${topic}:${partition}`;
          if (ends.has(key) && Number(message.offset) >= ends.get(key)! - 1) ends.delete(key);
          if (!ends.size) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return messages;
}

/** Every document of every collection of this run's service databases, as JSON text. */
async function everyDocument(): Promise<{ where: string; text: string }[]> {
  const prefix = JSON.parse(process.env.TEST_SYSTEM_LAYOUT!).env.MONGODB_DB_PREFIX as string;
  const connection = await mongoose.createConnection(process.env.MONGODB_URI!, { directConnection: true }).asPromise();
  try {
    const { databases } = await connection.db!.admin().listDatabases();
    const ours = databases.map((d) => d.name).filter((name) => name.startsWith(prefix));
    expect(ours.length).toBeGreaterThanOrEqual(5);
    const docs: { where: string; text: string }[] = [];
    for (const name of ours) {
      const db = connection.useDb(name);
      for (const { name: collection } of await db.db!.listCollections().toArray()) {
        for (const doc of await db.collection(collection).find({}).toArray()) {
          docs.push({ where: `${name}.${collection}`, text: JSON.stringify(doc) });
        }
      }
    }
    return docs;
  } finally {
    await connection.close();
  }
}

/** Quiet: every consumer group of this run has taken every message there is, and no outbox holds an event. */
async function waitUntilQuiet(): Promise<void> {
  const suffix = process.env.KAFKA_GROUP_SUFFIX!;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await eventually(
      async () => {
        const groupIds = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.endsWith(suffix));
        const { groups } = await admin.describeGroups(groupIds);
        expect(groups.filter((g) => g.members.length).length).toBeGreaterThanOrEqual(4);
        const behind: string[] = [];
        for (const group of groups) {
          const groupId = group.groupId;
          // What the group's members subscribe to (the services' consumers), from their join metadata.
          const topics = [...new Set(group.members.flatMap((m) => AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? []))];
          if (!topics.length) continue;
          for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
            const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
            for (const p of partitions) {
              const end = ends.get(p.partition) ?? 0;
              const at = Number(p.offset) < 0 ? 0 : Number(p.offset);
              if (end > at) behind.push(`${groupId} ${topic}[${p.partition}] ${at}/${end}`);
            }
          }
        }
        expect(behind).toEqual([]);
        const pending = (await everyDocument()).filter((d) => /"outbox":\[\{/.test(d.text)).map((d) => d.where);
        expect(pending).toEqual([]);
      },
      60000,
      1000,
    );
  } finally {
    await admin.disconnect();
  }
}

describe('erasure everywhere (issue 10, window 5)', () => {
  let admin: ApiClient;
  let staff: ApiClient;

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
  });

  it('leaves neither national ID, name nor phone on any topic or in any database once the seeker is erased', async () => {
    const nationalId = uniqueNationalId();
    const fullName = `Hoàng Thị Ngọc Diễm ${randomBytes(3).toString('hex')}`;
    const phone = `+84 9${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

    // A fair with a booth the person is eligible for.
    const employerId = await registerEmployer(admin, 'KR');
    const openingId = await postOpening(admin, employerId, { requirements: { skills: ['farming'] } });
    const fairId = await fairWith(staff, [{ employerId, openingIds: [openingId] }], []);

    // The person walks in (registered through the fairs' request to the seekers service), with a phone and a poor household.
    const registration = {
      nationalId,
      fullName,
      birthDate: '1997-02-14',
      gender: 'female',
      phone,
      province: 'Thanh Hoa',
      district: 'Dong Son',
      skills: [{ name: 'farming', years: 5 }],
      languageTests: [{ test: 'EPS-TOPIK', score: 180, takenAt: '2026-05-10' }],
      preferences: { scopes: ['overseas'], countries: ['KR'], sectors: ['agriculture'] },
      overseasHistory: [],
      householdStatus: 'poor',
      consents: [
        { purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' },
        { purpose: 'share-with-employers', granted: true, at: '2026-01-05T08:00:00Z' },
      ],
    };
    const walkIn = await staff.post(`/fairs/${fairId}/check-ins`, { registration, clientRef: `door-${randomBytes(4).toString('hex')}` });
    expect([walkIn.status, walkIn.text]).toEqual([202, expect.any(String)]);
    const seekerId: string = await eventually(
      async () => {
        const res = await staff.get(`/fairs/${fairId}/check-ins/${walkIn.body.id}`);
        expect(res.body.status).toBe('checked-in');
        return res.body.seekerId;
      },
      30000,
      300,
    );
    expect((await staff.get(`/seekers/${seekerId}`)).body).toMatchObject({ nationalId, fullName, phone, householdStatus: 'poor' });

    // An offline upload of the same person by national ID, kept under an idempotency key.
    const upload = await staff.post(
      `/fairs/${fairId}/check-ins/batch`,
      { items: [{ nationalId, clientRef: `tablet-${randomBytes(4).toString('hex')}`, at: '2027-03-12T09:00:00+07:00' }] },
      { 'Idempotency-Key': `upload-${randomBytes(4).toString('hex')}` },
    );
    expect(upload.status).toBe(200);
    expect(upload.body.items[0]).toMatchObject({ status: 'duplicate' });

    // A recommendation at the fair and a match of a run.
    await eventually(
      async () => {
        const res = await staff.get(`/fairs/${fairId}/recommendations?seekerId=${seekerId}`);
        expect(res.body.items?.map((i: { openingId: string }) => i.openingId)).toContain(openingId);
      },
      30000,
      500,
    );
    const match = await eventually(
      async () => {
        const run = await staff.post('/matching/runs', { fairId, mode: 'optimal' });
        expect(run.status).toBe(202);
        const done = await eventually(async () => {
          const res = await staff.get(`/matching/runs/${run.body.id}`);
          expect(res.body.status).toBe('completed');
          return res.body;
        });
        const matches = await staff.get(`/matches?runId=${done.id}`);
        const ours = matches.body.items.find((m: { seekerId: string }) => m.seekerId === seekerId);
        expect(ours).toBeDefined();
        return ours;
      },
      60000,
      1000,
    );
    expect((await admin.post(`/matches/${match.id}/approve`)).status).toBe(200);

    expect((await admin.delete(`/seekers/${seekerId}`)).status).toBe(204);
    expect((await staff.get(`/seekers/${seekerId}`)).status).toBe(404);

    // After the erasure: the same device uploads the person again (a refusal kept under a key must not name them).
    const late = await staff.post(
      `/fairs/${fairId}/check-ins/batch`,
      { items: [{ nationalId, clientRef: `tablet-${randomBytes(4).toString('hex')}`, at: '2027-03-12T10:00:00+07:00' }] },
      { 'Idempotency-Key': `upload-${randomBytes(4).toString('hex')}` },
    );
    expect(late.status).toBe(200);
    expect(late.body.items[0]).toMatchObject({ status: 'rejected' });

    await waitUntilQuiet();

    const digitsOfPhone = phone.replace(/\D/g, '');
    const secrets: Record<string, string[]> = {
      nationalId: formsOf(nationalId),
      fullName: formsOf(fullName),
      phone: [...formsOf(phone), digitsOfPhone],
    };
    const messages = await everyMessage();
    expect(messages.length).toBeGreaterThan(0);

    // Crypto-erasure: the person's (and the walk-in's) last record on its key topic is the shredding,
    // and no database keeps the key that was issued.
    const keyEvents = (topic: string, subjectId: string) =>
      messages
        .filter((m) => m.topic === topic)
        .map((m) => JSON.parse(m.text.slice(m.text.indexOf('\n') + 1).split('\n')[0]))
        .filter((e) => e.data?.subjectId === subjectId);
    const issuedKeys: string[] = [];
    for (const [topic, subjectId] of [
      [Topics.seekerKey, seekerId],
      [Topics.walkInKey, walkIn.body.id],
    ]) {
      const events = keyEvents(topic, subjectId);
      expect([topic, events.at(-1)?.type]).toEqual([topic, expect.stringMatching(/DataKeyShredded$/)]);
      issuedKeys.push(...events.filter((e) => e.data.wrappedKey).map((e) => e.data.wrappedKey.data));
    }
    expect(issuedKeys).toHaveLength(2);
    const documents = await everyDocument();
    const keptKeys = documents.flatMap((d) => findIn(`collection ${d.where}`, d.text, { dataKey: issuedKeys }));
    expect(keptKeys).toEqual([]);
    const found = [
      ...messages.flatMap((m) => findIn(`topic ${m.topic}`, m.text, secrets)),
      ...documents.flatMap((d) => findIn(`collection ${d.where}`, d.text, secrets)),
    ];
    expect([...new Set(found)]).toEqual([]);
  }, 300000);
});
