import { Kafka, Producer, logLevel } from 'kafkajs';
import { OpeningPosted, OpeningUpdated, Topics, deadLetterTopic } from '@jobfair/contracts';
import { ApiClient, KafkaProbe, asAdmin, eventually, gateway, serviceUrl } from '@jobfair/testing';

/**
 * The first flow end to end, with every service as its own process and the real
 * broker and database: only HTTP (through the gateway) and Kafka are used.
 */
describe('first flow: an employer posts an opening and the matcher learns it', () => {
  let admin: ApiClient;
  let probe: KafkaProbe;
  let producer: Producer;

  const opening = (employerId: string) => ({
    employerId,
    title: 'Seasonal farm worker (Cheorwon)',
    sector: 'agriculture',
    scope: 'overseas',
    country: 'KR',
    province: 'Gangwon',
    programme: 'seasonal',
    positions: 5,
    quotas: { firstTime: 2, returning: 3 },
    designatedWorkers: ['012345678901'],
    requirements: { minAge: 25, maxAge: 50, languageTests: [], skills: ['farming'] },
    salary: { amount: 2060740, currency: 'KRW', period: 'month' },
    costs: [{ item: 'air ticket', amount: 8000000, currency: 'VND' }],
    startDate: '2027-03-01',
  });

  beforeAll(async () => {
    admin = await asAdmin();
    probe = await KafkaProbe.open([Topics.opening, deadLetterTopic(Topics.opening)]);
    producer = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await probe.close();
    await producer.disconnect();
  });

  async function postOpening(): Promise<{ employerId: string; openingId: string }> {
    const employer = await admin.post('/employers', { name: 'Cheorwon County Farms', kind: 'overseas', country: 'KR' });
    expect(employer.status).toBe(201);
    const posted = await admin.post('/openings', opening(employer.body.id));
    expect(posted.status).toBe(201);
    return { employerId: employer.body.id, openingId: posted.body.id };
  }

  it('publishes OpeningPosted as a versioned envelope keyed by the opening, and the matcher holds it', async () => {
    const { employerId, openingId } = await postOpening();

    const message = await probe.waitFor((m) => m.topic === Topics.opening && m.key === openingId);
    expect(message.json).toMatchObject({
      type: 'OpeningPosted',
      source: 'employers',
      aggregateId: openingId,
      aggregateVersion: 1,
      data: { id: openingId, employerId, positions: 5, quotas: { firstTime: 2, returning: 3 }, status: 'open' },
    });
    expect(message.json.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/); // UUID v7
    expect(message.headers['event-type']).toBe('OpeningPosted');

    const known = await eventually(async () => {
      const response = await admin.get(`/matching/openings/${openingId}`);
      expect(response.status).toBe(200);
      return response.body;
    });
    expect(known).toMatchObject({ id: openingId, employerId, positions: 5, knownVersion: 1 });
  });

  it('applies an update once, and a redelivered older event changes nothing', async () => {
    const { openingId } = await postOpening();
    const patched = await admin.patch(`/openings/${openingId}`, { positions: 6, quotas: { firstTime: 3, returning: 3 } });
    expect(patched.status).toBe(200);
    await eventually(async () => expect((await admin.get(`/matching/openings/${openingId}`)).body.knownVersion).toBe(2));

    // Redeliver version 1 (as after a consumer crash): the matcher must keep version 2.
    const first = await probe.waitFor((m) => m.key === openingId && m.json?.aggregateVersion === 1);
    await producer.send({ topic: Topics.opening, messages: [{ key: first.key, value: first.value }] });
    const update = await probe.waitFor((m) => m.key === openingId && m.json?.type === OpeningUpdated.type);
    await producer.send({ topic: Topics.opening, messages: [{ key: update.key, value: update.value }] });
    // A marker event sent after the replays proves the consumer has processed them.
    const marker = await postOpening();
    await eventually(async () => expect((await admin.get(`/matching/openings/${marker.openingId}`)).status).toBe(200));

    const known = (await admin.get(`/matching/openings/${openingId}`)).body;
    expect(known).toMatchObject({ positions: 6, knownVersion: 2 });
  });

  it('sends a poison message to the dead-letter topic with its reason and keeps consuming', async () => {
    const poisonKey = `poison-${Date.now()}`;
    await producer.send({
      topic: Topics.opening,
      messages: [
        { key: poisonKey, value: 'this is not json' },
        { key: `${poisonKey}-2`, value: JSON.stringify({ type: OpeningPosted.type, data: { id: 'x' } }) },
      ],
    });
    const dead = await probe.waitFor((m) => m.topic === deadLetterTopic(Topics.opening) && m.key === poisonKey);
    expect(dead.value).toBe('this is not json');
    expect(dead.headers['dlt-reason']).toMatch(/not a JSON object/);
    expect(dead.headers['dlt-topic']).toBe(Topics.opening);
    const invalid = await probe.waitFor((m) => m.topic === deadLetterTopic(Topics.opening) && m.key === `${poisonKey}-2`);
    expect(invalid.headers['dlt-reason']).toMatch(/invalid envelope: .*aggregateId/);

    // The consumers are still alive: a valid opening posted after the poison reaches the matcher.
    const { openingId } = await postOpening();
    await eventually(async () => expect((await admin.get(`/matching/openings/${openingId}`)).status).toBe(200));
  });

  it('keeps the public contract: 401 without a token, 404 for unknown routes, health on every service', async () => {
    expect((await gateway().get('/employers')).status).toBe(401);
    expect((await admin.get('/no-such-route')).status).toBe(404);
    for (const name of ['gateway', 'employers', 'seekers', 'fairs', 'matcher'] as const) {
      let url: string;
      try {
        url = serviceUrl(name);
      } catch {
        continue; // not started in this run (ONLY_SERVICES)
      }
      const ready = await new ApiClient(url).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ok');
    }
  });
});
