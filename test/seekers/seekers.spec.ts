// The seekers service through the gateway: profiles, roles, erasure, and what it learns from
// placement and attendance events (published here with kafkajs, proven with KafkaProbe).
import { Kafka, Producer, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import {
  EventContract,
  EventEnvelope,
  PlacementCancelled,
  PlacementHired,
  PlacementReturned,
  PlacementSnapshot,
  Topics,
  WalkInRegistrationRequest,
  WalkInRegistrationRequested,
  deadLetterTopic,
} from '@jobfair/contracts';
import { newEvent, toKafkaMessage } from '@jobfair/messaging';
import {
  ApiClient,
  KafkaProbe,
  ProbedMessage,
  asAdmin,
  asNewUser,
  eventually,
  gateway,
  uniqueName,
  uniqueNationalId,
  sealedWalkIn,
  withServiceDatabase,
} from '@jobfair/testing';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

function registration(overrides: Record<string, unknown> = {}) {
  return {
    nationalId: uniqueNationalId(),
    fullName: uniqueName('Nguyễn Văn An'),
    birthDate: '1998-04-21',
    gender: 'male',
    phone: '+84 912 345 678',
    province: 'Thanh Hoa',
    district: 'Dong Son',
    education: 'vocational',
    skills: [{ name: 'welding', years: 3 }],
    languageTests: [{ test: 'EPS-TOPIK', score: 152, takenAt: '2025-10-01' }],
    preferences: { scopes: ['overseas'], countries: ['KR', 'JP'], sectors: ['agriculture', 'mechanics'] },
    overseasHistory: [
      { country: 'KR', employer: 'Cheorwon farm', programme: 'seasonal', from: '2023-03-01', to: '2023-08-30', rehireRecommended: true },
    ],
    householdStatus: 'near-poor',
    consents: [{ purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' }],
    ...overrides,
  };
}

describe('seekers service', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let employer: ApiClient;
  let probe: KafkaProbe;
  let dlt: KafkaProbe;
  let producer: Producer;
  let seeker: any;
  let other: any;

  /** One seeker's events, each once: the outbox relay may publish an event twice (consumers dedupe by version). */
  const seekerEvents = (id: string, type?: string) => {
    const messages = probe.events((m) => m.json?.aggregateId === id && (!type || m.json.type === type));
    return messages.filter((m, i) => messages.findIndex((n) => n.json.id === m.json.id) === i);
  };
  const waitForSeekerEvent = (match: (e: EventEnvelope<any>) => boolean) =>
    // The topic can hold poison that other tests sent (not JSON): only events are matched.
    probe.waitFor((m: ProbedMessage) => m.topic === Topics.seeker && m.json !== undefined && match(m.json));
  const register = async (client: ApiClient, overrides: Record<string, unknown> = {}) => {
    const response = await client.post('/seekers', registration(overrides));
    expect(response.status).toBe(201);
    return response.body;
  };
  const publish = async <T extends object>(contract: EventContract<T>, aggregateId: string, version: number, data: T) => {
    const envelope = newEvent(contract, { source: 'test', aggregateId, aggregateVersion: version, data });
    await producer.send({ topic: contract.topic, acks: -1, messages: [toKafkaMessage(envelope)] });
    return envelope;
  };
  /** A walk-in request as the fairs service sends it: its key on the walk-in key topic first, then the sealed request. */
  const requestWalkIn = async (
    aggregateId: string,
    version: number,
    request: Omit<WalkInRegistrationRequest, 'registration'>,
    person: object,
  ) => {
    const { key, sealed } = sealedWalkIn(request.walkInRef, person);
    await producer.send({ topic: Topics.walkInKey, acks: -1, messages: [toKafkaMessage(key)] });
    return publish(WalkInRegistrationRequested, aggregateId, version, { ...request, registration: sealed });
  };

  beforeAll(async () => {
    [probe, dlt] = await Promise.all([KafkaProbe.open([Topics.seeker]), KafkaProbe.open([deadLetterTopic(Topics.attendance)])]);
    producer = new Kafka({ clientId: 'test-seekers', brokers, logLevel: logLevel.NOTHING }).producer({ idempotent: true });
    await producer.connect();
    admin = await asAdmin();
    staff = await asNewUser('staff');
    const company = await admin.post('/employers', { name: uniqueName('Hanoi Mechanics'), kind: 'domestic' });
    expect(company.status).toBe(201);
    employer = await asNewUser('employer', company.body.id);
    seeker = await register(staff);
    other = await register(staff);
  });

  afterAll(async () => {
    await Promise.all([probe?.close(), dlt?.close(), producer?.disconnect()]);
  });

  it('registers a seeker (201) and announces it without the phone', async () => {
    expect(seeker).toMatchObject({
      nationalId: expect.any(String),
      phone: '+84 912 345 678',
      householdStatus: 'near-poor',
      available: true,
      possibleDuplicates: [],
    });
    const event = await waitForSeekerEvent((e) => e.type === 'SeekerRegistered' && e.aggregateId === seeker.id);
    expect(event.json).toMatchObject({
      source: 'seekers',
      aggregateVersion: 1,
      data: { id: seeker.id, nationalId: seeker.nationalId, available: true },
    });
    expect(event.json.data).not.toHaveProperty('phone');
    expect(event.key).toBe(seeker.id);
    // Opened above with the seeker's key (the probe reads the key topic); on the wire only the id is in clear.
    expect(JSON.parse(event.value!).data).toEqual({ id: seeker.id, personal: expect.objectContaining({ alg: 'A256GCM' }) });
    for (const secret of [seeker.nationalId, seeker.fullName, seeker.birthDate, seeker.householdStatus])
      expect(event.value).not.toContain(secret);
  });

  it('reads a seeker by id and by national ID, and pages the list', async () => {
    const byId = await staff.get(`/seekers/${seeker.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(seeker);

    const byNationalId = await staff.get(`/seekers?nationalId=${other.nationalId}`);
    expect(byNationalId.status).toBe(200);
    expect(byNationalId.body.items.map((s: any) => s.id)).toEqual([other.id]);

    const first = await staff.get('/seekers?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await staff.get(`/seekers?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.items[0].id > first.body.items[0].id).toBe(true);

    expect((await staff.get('/seekers/no-such-seeker')).status).toBe(404);
  });

  it('finds seekers by name with or without diacritics, follows a change of name and forgets an erased one', async () => {
    const tag = uniqueName('Phạm Thị Đào').split('-')[1];
    const dao = await register(staff, { fullName: `Phạm  Thị Đào ${tag}` });
    const ids = async (name: string) => {
      const found = await staff.get(`/seekers?name=${encodeURIComponent(name)}`);
      expect(found.status).toBe(200);
      return found.body.items.map((s: any) => s.id);
    };
    await expect(ids(`pham thi dao ${tag}`)).resolves.toEqual([dao.id]);
    await expect(ids(`THỊ ĐÀO ${tag}`)).resolves.toEqual([dao.id]);
    await expect(ids(`ao ${tag}`)).resolves.toEqual([]);

    expect((await staff.patch(`/seekers/${dao.id}`, { fullName: `Phạm Thị Hồng ${tag}` })).status).toBe(200);
    await expect(ids(`pham thi dao ${tag}`)).resolves.toEqual([]);
    await expect(ids(`hong ${tag}`)).resolves.toEqual([dao.id]);

    expect((await admin.delete(`/seekers/${dao.id}`)).status).toBe(204);
    await expect(ids(`hong ${tag}`)).resolves.toEqual([]);
    expect((await staff.get('/seekers?name=%20-%20')).status).toBe(400);
  });

  it('updates the profile, never the national ID or availability', async () => {
    const updated = await staff.patch(`/seekers/${seeker.id}`, {
      district: 'Tho Xuan',
      languageTests: [{ test: 'EPS-TOPIK', score: 171, takenAt: '2026-04-12' }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: seeker.id, nationalId: seeker.nationalId, district: 'Tho Xuan', fullName: seeker.fullName });
    const event = await waitForSeekerEvent(
      (e) => e.type === 'SeekerUpdated' && e.aggregateId === seeker.id && e.data.district === 'Tho Xuan',
    );
    expect(event.json.aggregateVersion).toBe(2);
    expect(event.json.data.languageTests).toEqual([{ test: 'EPS-TOPIK', score: 171, takenAt: '2026-04-12' }]);

    const refused = await staff.patch(`/seekers/${seeker.id}`, { nationalId: uniqueNationalId(), available: false, id: 'x' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^nationalId: /),
        expect.stringMatching(/^available: /),
        expect.stringMatching(/^id: /),
      ]),
    );
    expect((await staff.patch('/seekers/no-such-seeker', { district: 'Tho Xuan' })).status).toBe(404);
  });

  it('refuses a second registration of a national ID with 409', async () => {
    const again = await staff.post('/seekers', registration({ nationalId: seeker.nationalId }));
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(seeker.nationalId);
  });

  it('names each invalid field in a 400', async () => {
    const bad = await staff.post('/seekers', {
      nationalId: 'abc',
      fullName: '',
      birthDate: 'yesterday',
      gender: 'unknown',
      phone: 'call me',
      province: 7,
      skills: [{ name: 'welding', years: -1 }],
      languageTests: [{ test: 'IELTS', takenAt: '2025-01-01' }],
      preferences: { scopes: ['space'], countries: ['Korea'], sectors: [] },
      overseasHistory: [{ country: 'KR', from: 'last year' }],
      householdStatus: 'rich',
      consents: [{ purpose: 'matching', granted: 'yes', at: '2026-01-05T08:00:00Z' }],
      ticked: true,
    });
    expect(bad.status).toBe(400);
    for (const field of [
      'nationalId',
      'fullName',
      'birthDate',
      'gender',
      'phone',
      'province',
      'skills.0.years',
      'languageTests.0.test',
      'preferences.scopes',
      'preferences.countries',
      'overseasHistory.0.from',
      'householdStatus',
      'consents.0.granted',
      'ticked',
    ]) {
      expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${field.replace(/\./g, '\\.')}: `))]));
    }

    const across = await staff.post(
      '/seekers',
      registration({
        birthDate: '1998-04-21T00:00:00Z',
        languageTests: [{ test: 'JLPT', takenAt: '2025-07-06' }],
        overseasHistory: [{ country: 'JP', from: '2022-01-01', to: '2021-01-01' }],
        consents: [
          { purpose: 'contact', granted: true, at: '2026-01-05T08:00:00Z' },
          { purpose: 'contact', granted: false, at: '2026-01-06T08:00:00Z' },
        ],
      }),
    );
    expect(across.status).toBe(400);
    expect(across.body.message).toEqual([
      'birthDate: must be a calendar date (YYYY-MM-DD)',
      'languageTests.0: a score or a level is required',
      'overseasHistory.0.to: must not be before from',
      'consents: purpose contact appears more than once',
    ]);

    const query = await staff.get('/seekers?limit=1000&nationalId=x');
    expect(query.status).toBe(400);
    expect(query.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^limit: /), expect.stringMatching(/^nationalId: /)]));
  });

  it('flags near-duplicates (same name and birth date, another national ID) for staff', async () => {
    const first = await register(staff, { fullName: `Lê Thị Hoa ${seeker.id.slice(-6)}`, birthDate: '2001-02-03' });
    const second = await register(staff, { fullName: `le thi  hoa ${seeker.id.slice(-6)}`, birthDate: '2001-02-03' });
    const sameNameOtherDay = await register(staff, { fullName: first.fullName, birthDate: '2001-02-04' });
    expect(first.possibleDuplicates).toEqual([]);
    expect(second.possibleDuplicates).toEqual([first.id]);
    expect(sameNameOtherDay.possibleDuplicates).toEqual([]);
    expect((await staff.get(`/seekers/${first.id}`)).body.possibleDuplicates).toEqual([second.id]);

    // A corrected birth date takes the record out of the pair.
    const corrected = await staff.patch(`/seekers/${second.id}`, { birthDate: '2001-02-05' });
    expect(corrected.body.possibleDuplicates).toEqual([]);
    expect((await staff.get(`/seekers/${first.id}`)).body.possibleDuplicates).toEqual([]);
  });

  it('lets admin and staff in, keeps employers out (403) and asks for a token (401); erasure is for admins', async () => {
    const target = await register(admin);
    const routes = (client: ApiClient) => ({
      'POST /seekers': () => client.post('/seekers', registration()),
      'GET /seekers': () => client.get('/seekers'),
      'GET /seekers/:id': () => client.get(`/seekers/${target.id}`),
      'PATCH /seekers/:id': () => client.patch(`/seekers/${target.id}`, { education: 'university' }),
      'DELETE /seekers/:id': () => client.delete(`/seekers/${target.id}`),
    });
    const expected = {
      staff: { 'POST /seekers': 201, 'GET /seekers': 200, 'GET /seekers/:id': 200, 'PATCH /seekers/:id': 200, 'DELETE /seekers/:id': 403 },
      employer: {
        'POST /seekers': 403,
        'GET /seekers': 403,
        'GET /seekers/:id': 403,
        'PATCH /seekers/:id': 403,
        'DELETE /seekers/:id': 403,
      },
      none: { 'POST /seekers': 401, 'GET /seekers': 401, 'GET /seekers/:id': 401, 'PATCH /seekers/:id': 401, 'DELETE /seekers/:id': 401 },
      admin: { 'POST /seekers': 201, 'GET /seekers': 200, 'GET /seekers/:id': 200, 'PATCH /seekers/:id': 200, 'DELETE /seekers/:id': 204 },
    };
    const clients = { staff, employer, none: gateway(), admin }; // admin last: its DELETE erases the target
    const actual: Record<string, Record<string, number>> = {};
    for (const [who, client] of Object.entries(clients)) {
      actual[who] = {};
      for (const [route, call] of Object.entries(routes(client))) actual[who][route] = (await call()).status;
    }
    expect(actual).toEqual(expected);
  });

  it('erases a seeker on request: anonymised, announced with SeekerErased, then not found', async () => {
    const target = await register(staff);
    const twin = await register(staff, { fullName: target.fullName, birthDate: target.birthDate });
    expect(twin.possibleDuplicates).toEqual([target.id]);

    expect((await admin.delete(`/seekers/${target.id}`)).status).toBe(204);
    const erased = await waitForSeekerEvent((e) => e.type === 'SeekerErased' && e.aggregateId === target.id);
    expect(Object.keys(erased.json.data).sort()).toEqual(['erasedAt', 'id']);

    expect((await staff.get(`/seekers/${target.id}`)).status).toBe(404);
    expect((await staff.get(`/seekers?nationalId=${target.nationalId}`)).body.items).toEqual([]);
    expect((await staff.get(`/seekers/${twin.id}`)).body.possibleDuplicates).toEqual([]);
    expect((await admin.delete(`/seekers/${target.id}`)).status).toBe(404);
    expect((await staff.patch(`/seekers/${target.id}`, { district: 'Tho Xuan' })).status).toBe(404);

    // What is stored: only the tombstone (read straight from the service's database).
    const stored = await storedSeeker(target.id);
    expect(stored).toMatchObject({ _id: target.id, nationalId: `erased:${target.id}`, erasedAt: erased.json.data.erasedAt });
    for (const field of ['fullName', 'birthDate', 'phone', 'householdStatus', 'overseasHistory', 'consents', 'skills']) {
      expect(stored).not.toHaveProperty(field);
    }
    expect(stored!.outbox).toEqual([]);

    // The national ID is free again: the person may register anew.
    expect((await staff.post('/seekers', registration({ nationalId: target.nationalId }))).status).toBe(201);
  });

  it("keeps no personal data in a registration's idempotency key after the erasure: a retry of it is 404 and registers nobody", async () => {
    const body = registration();
    const key = { 'Idempotency-Key': uniqueName('register') };
    const first = await staff.post('/seekers', body, key);
    expect(first.status).toBe(201);
    expect((await staff.post('/seekers', body, key)).body).toEqual(first.body); // replayed as it was
    expect((await admin.delete(`/seekers/${first.body.id}`)).status).toBe(204);

    const retried = await staff.post('/seekers', body, key);
    expect([retried.status, retried.body.message]).toEqual([404, `seeker ${first.body.id} not found`]);
    expect((await staff.get(`/seekers?nationalId=${body.nationalId}`)).body.items).toEqual([]);
    const kept = await withServiceDatabase('seekers', (db) => db.collection('idempotency_keys').find({}).toArray());
    for (const personal of [body.nationalId, body.fullName, body.phone]) expect(JSON.stringify(kept)).not.toContain(personal);
  });

  it('a hire makes the seeker unavailable once; a redelivered hire changes nothing; a cancellation releases', async () => {
    const target = await register(staff);
    const placement: PlacementSnapshot = {
      id: uniqueName('placement'),
      matchId: uniqueName('match'),
      seekerId: target.id,
      openingId: uniqueName('opening'),
      employerId: uniqueName('employer'),
      quotaClass: 'firstTime',
      status: 'hired',
      at: '2026-05-01T09:00:00Z',
    };
    const hired = await publish(PlacementHired, placement.id, 1, placement);
    const unavailable = await waitForSeekerEvent((e) => e.aggregateId === target.id && e.type === 'SeekerUpdated' && !e.data.available);
    expect(unavailable.json.aggregateVersion).toBe(2);
    expect((await staff.get(`/seekers/${target.id}`)).body.available).toBe(false);

    // The same message again, then the cancellation on the same key (so it is handled after it).
    await producer.send({ topic: Topics.placement, acks: -1, messages: [toKafkaMessage(hired)] });
    await publish(PlacementCancelled, placement.id, 2, { ...placement, status: 'cancelled' });
    const released = await waitForSeekerEvent((e) => e.aggregateId === target.id && e.type === 'SeekerUpdated' && e.data.available);
    expect(released.json.aggregateVersion).toBe(3);
    expect(seekerEvents(target.id, 'SeekerUpdated').filter((m) => !m.json.data.available)).toHaveLength(1);

    // Another placement of the same worker: hired, then returned home.
    const next = { ...placement, id: uniqueName('placement'), status: 'hired' as const };
    await publish(PlacementHired, next.id, 1, next);
    await publish(PlacementReturned, next.id, 3, { ...next, status: 'returned' });
    const back = await waitForSeekerEvent((e) => e.aggregateId === target.id && e.aggregateVersion === 5);
    expect(back.json.data.available).toBe(true);
    expect(seekerEvents(target.id).map((m) => m.json.data.available)).toEqual([true, false, true, false, true]);
  });

  it('registers a walk-in from fairs.attendance.v2 with its walkInRef, once; a known national ID is answered with the existing seeker', async () => {
    const nationalId = uniqueNationalId();
    const fairId = uniqueName('fair');
    const [ref1, ref2] = [uniqueName('walkin'), uniqueName('walkin')];
    const request = (walkInRef: string) => ({ fairId, checkInId: uniqueName('checkin'), walkInRef });
    const aggregateId = `${fairId}:walk-ins`;
    const first = await requestWalkIn(aggregateId, 1, request(ref1), registration({ nationalId }));
    // On the wire the request holds no personal data in clear.
    expect(JSON.stringify(first)).not.toContain(nationalId);
    // Other test systems on this broker may answer too: find this system's seeker through its API.
    const id = await eventually(async () => {
      const found = await staff.get(`/seekers?nationalId=${nationalId}`);
      expect(found.body.items).toHaveLength(1);
      return found.body.items[0].id as string;
    });
    const registered = await waitForSeekerEvent((e) => e.type === 'SeekerRegistered' && e.aggregateId === id);
    expect(registered.json).toMatchObject({
      aggregateVersion: 1,
      correlationId: first.correlationId,
      data: { nationalId, walkInRef: ref1, available: true },
    });

    // Redelivered, then a second walk-in of the same person (same key, so handled in this order):
    // the redelivery changes nothing, so the answer to the second is version 2.
    await producer.send({ topic: Topics.attendance, acks: -1, messages: [toKafkaMessage(first)] });
    await requestWalkIn(aggregateId, 2, request(ref2), registration({ nationalId }));
    const answered = await waitForSeekerEvent((e) => e.aggregateId === id && e.data.walkInRef === ref2);
    expect(answered.json).toMatchObject({ type: 'SeekerUpdated', aggregateVersion: 2 });
    expect(seekerEvents(id).map((m) => m.json.aggregateVersion)).toEqual([1, 2]);

    // Only the answer carries the reference: the next change does not repeat it.
    await staff.patch(`/seekers/${id}`, { education: 'upper secondary' });
    const later = await waitForSeekerEvent((e) => e.aggregateId === id && e.aggregateVersion === 3);
    expect(later.json.data).not.toHaveProperty('walkInRef');
  });

  it('a walk-in request replayed after the person was erased does not register them again', async () => {
    const fairId = uniqueName('fair');
    const aggregateId = `${fairId}:walk-ins`;
    const walkIn = (nationalId: string, version: number) =>
      requestWalkIn(
        aggregateId,
        version,
        { fairId, checkInId: uniqueName('checkin'), walkInRef: uniqueName('walkin') },
        registration({ nationalId }),
      );
    const registeredAs = (nationalId: string) =>
      eventually(async () => {
        const found = await staff.get(`/seekers?nationalId=${nationalId}`);
        expect(found.body.items).toHaveLength(1);
        return found.body.items[0].id as string;
      });
    const erasedPerson = uniqueNationalId();
    const first = await walkIn(erasedPerson, 1);
    const id = await registeredAs(erasedPerson);
    expect((await admin.delete(`/seekers/${id}`)).status).toBe(204);

    // The same request again (a redelivery, a replayed dead letter), then another walk-in behind it on the same
    // partition: once that one is registered, the replay before it has been handled.
    await producer.send({ topic: Topics.attendance, acks: -1, messages: [toKafkaMessage(first)] });
    const next = uniqueNationalId();
    await walkIn(next, 2);
    await registeredAs(next);
    expect((await staff.get(`/seekers?nationalId=${erasedPerson}`)).body.items).toEqual([]);
  });

  it('dead-letters an invalid walk-in request with its reason, once opened (the sealed registration is checked too)', async () => {
    const invalid = await requestWalkIn(
      uniqueName('fair'),
      1,
      { fairId: 'f', checkInId: 'c', walkInRef: uniqueName('walkin') },
      registration({ nationalId: 'not-an-id' }),
    );
    const dead = await dlt.waitFor((m) => m.headers['event-id'] === invalid.id && m.headers['dlt-group']?.startsWith('seekers'));
    expect(dead.headers['dlt-reason']).toContain('sealed.nationalId');
    expect(dead.headers['dlt-reason']).not.toContain('not-an-id');
  });
});

/** The stored document once its outbox is published, from the seekers database of this test run (per-run name prefix). */
async function storedSeeker(id: string): Promise<any> {
  const connection = await mongoose.createConnection(process.env.MONGODB_URI!, { directConnection: true }).asPromise();
  try {
    const { databases } = await connection.db!.admin().listDatabases();
    return await eventually(async () => {
      for (const { name } of databases.filter((d) => /^test_.*seekers$/.test(d.name))) {
        const doc = await connection
          .useDb(name)
          .collection('seekers')
          .findOne({ _id: id as never });
        if (doc && !doc.outbox?.length) return doc;
      }
      throw new Error(`seeker ${id} not stored, or its outbox not published`);
    });
  } finally {
    await connection.close();
  }
}
