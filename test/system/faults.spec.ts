import { Kafka, logLevel } from 'kafkajs';
import { ApiClient, asAdmin, eventually, startService, stopService, uniqueName } from '@jobfair/testing';

/**
 * Faults as they happen in the field: a service that crashes while events flow, and one
 * that is stopped for an upgrade. Nothing is lost and nothing is applied twice.
 */
describe('faults: services stopped and crashed while events flow', () => {
  let admin: ApiClient;
  let employerId: string;

  const opening = (title: string) => ({
    employerId,
    title,
    sector: 'food-processing',
    scope: 'overseas',
    country: 'JP',
    province: 'Aichi',
    programme: 'japan-technical-intern',
    positions: 3,
    startDate: '2027-05-01',
  });

  beforeAll(async () => {
    admin = await asAdmin();
    employerId = (await admin.post('/employers', { name: uniqueName('Aichi Foods'), kind: 'overseas', country: 'JP' })).body.id;
  });

  it('a consumer killed mid-stream catches up after its restart, each change applied once and in order', async () => {
    const ids: string[] = [];
    const post = async (i: number) => {
      const posted = await admin.post('/openings', opening(`line worker ${i}`));
      expect(posted.status).toBe(201);
      ids.push(posted.body.id);
    };
    for (let i = 0; i < 5; i++) await post(i);
    await stopService('matcher', 'SIGKILL'); // a crash: no chance to leave its group or commit
    for (let i = 5; i < 15; i++) await post(i);
    // Changes while the matcher is away: version 2 for every other opening.
    for (const id of ids.filter((_, i) => i % 2 === 0)) {
      expect((await admin.patch(`/openings/${id}`, { positions: 4 })).status).toBe(200);
    }
    await startService('matcher');

    for (const [i, id] of ids.entries()) {
      const expected = i % 2 === 0 ? { positions: 4, knownVersion: 2 } : { positions: 3, knownVersion: 1 };
      await eventually(async () => expect((await admin.get(`/matching/openings/${id}`)).body).toMatchObject(expected), 60000);
    }
  }, 180000);

  it('a service stopped gracefully leaves its consumer group and publishes what its outbox holds', async () => {
    await stopService('employers', 'SIGTERM');
    const admin$ = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin$.connect();
    try {
      const group = `employers${process.env.KAFKA_GROUP_SUFFIX}`;
      const { groups } = await admin$.describeGroups([group]);
      expect(groups[0]).toMatchObject({ groupId: group, members: [] });
    } finally {
      await admin$.disconnect();
    }
    // The gateway says the service is away instead of failing obscurely.
    expect((await admin.get('/openings')).status).toBe(502);

    await startService('employers');
    const posted = await admin.post('/openings', opening('after the restart'));
    expect(posted.status).toBe(201);
    await eventually(async () => expect((await admin.get(`/matching/openings/${posted.body.id}`)).status).toBe(200));
  }, 120000);
});
