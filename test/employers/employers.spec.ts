import { Kafka, Producer, logLevel } from 'kafkajs';
import { PlacementCancelled, PlacementHired, PlacementSnapshot, Topics } from '@jobfair/contracts';
import { newEvent, toKafkaMessage } from '@jobfair/messaging';
import { ApiClient, KafkaProbe, asAdmin, asNewUser, eventually, gateway, uniqueName } from '@jobfair/testing';

const openingBody = (employerId?: string, overrides: Record<string, unknown> = {}) => ({
  ...(employerId ? { employerId } : {}),
  title: 'Electronics assembly operator',
  sector: 'electronics',
  scope: 'overseas',
  country: 'TW',
  province: 'Taoyuan',
  programme: 'taiwan-contract',
  positions: 2,
  requirements: { minAge: 20, maxAge: 35, languageTests: [], skills: ['soldering'] },
  salary: { amount: 27470, currency: 'TWD', period: 'month' },
  costs: [{ item: 'service fee', amount: 1500, currency: 'USD' }],
  startDate: '2027-02-01',
  ...overrides,
});

describe('employers and openings through the gateway', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let employerA: { id: string; client: ApiClient };
  let employerB: { id: string; client: ApiClient };
  let openingOfB: string;
  let producer: Producer;
  let probe: KafkaProbe;

  beforeAll(async () => {
    admin = await asAdmin();
    staff = await asNewUser('staff');
    const register = async (kind: string) => {
      const created = await admin.post('/employers', {
        name: uniqueName('employer'),
        kind,
        country: kind === 'domestic' ? 'VN' : 'TW',
        ...(kind === 'agency' ? { licenceNumber: 'LIC-123/LDTBXH' } : {}),
      });
      expect(created.status).toBe(201);
      return { id: created.body.id as string, client: await asNewUser('employer', created.body.id) };
    };
    employerA = await register('overseas');
    employerB = await register('agency');
    openingOfB = (await employerB.client.post('/openings', openingBody())).body.id;
    producer = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    probe = await KafkaProbe.open([Topics.employer, Topics.opening]);
  });

  afterAll(async () => {
    await producer.disconnect();
    await probe.close();
  });

  it('registers employers of every kind and announces them', async () => {
    const domestic = await staff.post('/employers', { name: 'Nghi Son Cement', kind: 'domestic', province: 'Thanh Hoa' });
    expect(domestic.status).toBe(201);
    expect(domestic.body).toMatchObject({ kind: 'domestic', country: 'VN', province: 'Thanh Hoa' });
    const event = await probe.waitFor((m) => m.key === domestic.body.id);
    expect(event.json).toMatchObject({ type: 'EmployerRegistered', aggregateVersion: 1, data: { name: 'Nghi Son Cement' } });

    const list = await staff.get('/employers?kind=agency&limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.every((e: { kind: string }) => e.kind === 'agency')).toBe(true);
    expect((await staff.get(`/employers/${employerB.id}`)).body.licenceNumber).toBe('LIC-123/LDTBXH');
  });

  it('pages lists with a cursor', async () => {
    const first = await admin.get('/employers?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await admin.get(`/employers?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id > first.body.items[0].id).toBe(true);
    expect((await admin.get('/employers?limit=1000')).status).toBe(400);
  });

  it('lets an employer post, read, change and close only its own openings', async () => {
    const posted = await employerA.client.post('/openings', openingBody());
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ employerId: employerA.id, status: 'open', filled: 0 });
    const id = posted.body.id;

    expect((await employerA.client.get(`/openings/${id}`)).status).toBe(200);
    const own = await employerA.client.get('/openings?limit=100');
    expect(own.body.items.every((o: { employerId: string }) => o.employerId === employerA.id)).toBe(true);

    const patched = await employerA.client.patch(`/openings/${id}`, { positions: 3, title: 'Senior assembly operator' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ positions: 3, title: 'Senior assembly operator' });
    const closed = await employerA.client.post(`/openings/${id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect((await employerA.client.patch(`/openings/${id}`, { positions: 4 })).status).toBe(409);

    const versions = await eventually(() => {
      const seen = probe.events((m) => m.key === id).map((m) => `${m.json.type}@${m.json.aggregateVersion}`);
      expect(seen).toHaveLength(3);
      return seen;
    });
    expect(versions).toEqual(['OpeningPosted@1', 'OpeningUpdated@2', 'OpeningClosed@3']);
  });

  it("answers 404 for everything of another employer's", async () => {
    const other = employerA.client;
    expect((await other.get(`/employers/${employerB.id}`)).status).toBe(404);
    expect((await other.get(`/openings/${openingOfB}`)).status).toBe(404);
    expect((await other.patch(`/openings/${openingOfB}`, { positions: 1 })).status).toBe(404);
    expect((await other.post(`/openings/${openingOfB}/close`)).status).toBe(404);
    expect((await other.post('/openings', openingBody(employerB.id))).status).toBe(404);
    const filtered = await other.get(`/openings?employerId=${employerB.id}`);
    expect(filtered.body.items).toEqual([]);
    expect((await other.get(`/employers/${employerA.id}`)).status).toBe(200);
  });

  it('enforces the role of every route', async () => {
    const anonymous = gateway();
    const cases: [ApiClient, string, string, unknown, number][] = [
      [anonymous, 'GET', '/employers', undefined, 401],
      [anonymous, 'POST', '/openings', openingBody(employerA.id), 401],
      [employerA.client, 'POST', '/employers', { name: 'x', kind: 'domestic' }, 403],
      [employerA.client, 'GET', '/employers', undefined, 403],
      [staff, 'POST', '/employers', { name: uniqueName('staff-made'), kind: 'domestic' }, 201],
      [staff, 'POST', '/openings', openingBody(employerA.id), 201],
      [staff, 'GET', `/openings/${openingOfB}`, undefined, 200],
      [admin, 'PATCH', `/openings/${openingOfB}`, { title: 'Line leader' }, 200],
      [new ApiClient(gateway().baseUrl, 'not-a-token'), 'GET', '/openings', undefined, 401],
    ];
    for (const [client, method, path, body, status] of cases) {
      const response = await client.request(method, path, body);
      expect(`${method} ${path} -> ${response.status}`).toBe(`${method} ${path} -> ${status}`);
    }
  });

  it('names each invalid field and refuses fields the server owns', async () => {
    const bad = await admin.post(
      '/openings',
      openingBody(employerA.id, {
        positions: 0,
        scope: 'abroad',
        startDate: 'soon',
        status: 'filled',
        filled: 9,
        id: 'mine',
        requirements: { languageTests: [{ test: 'IELTS' }], skills: [] },
      }),
    );
    expect(bad.status).toBe(400);
    for (const field of ['positions', 'scope', 'startDate', 'status', 'filled', 'id', 'requirements.languageTests.0.test']) {
      expect(bad.body.message.some((line: string) => line.startsWith(`${field}:`))).toBe(true);
    }
    const quotas = await admin.post('/openings', openingBody(employerA.id, { positions: 3, quotas: { firstTime: 1, returning: 1 } }));
    expect(quotas.status).toBe(400);
    expect(quotas.body.message).toEqual(['quotas: firstTime (1) + returning (1) must equal positions (3)']);
    const agency = await admin.post('/employers', { name: 'Unlicensed', kind: 'agency' });
    expect(agency.status).toBe(400);
    expect(agency.body.message.join()).toMatch(/licenceNumber/);
    // A name of only a line break or signs would show as nothing on a screen (the contract fuzz once made one).
    for (const name of ['\r', ' ~ ']) {
      expect((await admin.post('/employers', { name, kind: 'domestic' })).body.message).toEqual(['name: must contain a letter or a digit']);
      expect((await admin.post('/openings', openingBody(employerA.id, { title: name }))).body.message).toEqual([
        'title: must contain a letter or a digit',
      ]);
    }
    expect((await admin.post('/openings', '{"broken json')).status).toBe(400);
    expect((await admin.get('/openings/no-such-opening')).status).toBe(404);
  });

  it('counts hires once, closes a full opening and reopens it when a hire is cancelled', async () => {
    const posted = await admin.post('/openings', openingBody(employerA.id, { positions: 1 }));
    const openingId = posted.body.id;
    const placement: PlacementSnapshot = {
      id: uniqueName('placement'),
      matchId: uniqueName('match'),
      seekerId: uniqueName('seeker'),
      openingId,
      employerId: employerA.id,
      quotaClass: 'firstTime',
      status: 'hired',
      at: new Date().toISOString(),
    };
    const hired = newEvent(PlacementHired, { source: 'matcher', aggregateId: placement.id, aggregateVersion: 1, data: placement });
    // Delivered twice, as after a rebalance: counted once.
    await producer.send({ topic: Topics.placement, messages: [toKafkaMessage(hired), toKafkaMessage(hired)] });
    await eventually(async () => expect((await admin.get(`/openings/${openingId}`)).body).toMatchObject({ filled: 1, status: 'filled' }));

    const cancelled = newEvent(PlacementCancelled, {
      source: 'matcher',
      aggregateId: placement.id,
      aggregateVersion: 2,
      data: { ...placement, status: 'cancelled' },
    });
    await producer.send({ topic: Topics.placement, messages: [toKafkaMessage(cancelled)] });
    await eventually(async () => expect((await admin.get(`/openings/${openingId}`)).body).toMatchObject({ filled: 0, status: 'open' }));
    await eventually(() =>
      expect(probe.events((m) => m.key === openingId).map((m) => m.json.type)).toEqual([
        'OpeningPosted',
        'OpeningClosed',
        'OpeningUpdated',
      ]),
    );
  });
});
