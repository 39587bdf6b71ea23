// The fairs service through the gateway: fairs and booths, registrations, check-ins (on site,
// by national ID, walk-in, offline batch) and live statistics, with the events proven on the wire.
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  MatchProposed,
  PlacementCancelled,
  PlacementDeparted,
  PlacementHired,
  PlacementSnapshot,
  PlacementStatus,
  Topics,
  deadLetterTopic,
} from '@jobfair/contracts';
import { newEvent } from '@jobfair/messaging';
import {
  ApiClient,
  KafkaProbe,
  ProbedMessage,
  TEST_SYSTEM,
  asAdmin,
  asNewUser,
  eventually,
  gateway,
  serviceUrl,
  uniqueName,
  uniqueNationalId,
} from '@jobfair/testing';
import { randomUUID } from 'crypto';

const FUTURE = { startsAt: '2030-09-12T08:00:00+07:00', endsAt: '2030-09-12T17:00:00+07:00' };

function registrationOf(nationalId: string) {
  return {
    nationalId,
    fullName: uniqueName('Nguyen Van'),
    birthDate: '1998-04-21',
    gender: 'male',
    province: 'Thanh Hoa',
    skills: [{ name: 'welding', years: 2 }],
    languageTests: [],
    preferences: { scopes: ['overseas'], countries: ['KR'], sectors: ['mechanics'] },
    overseasHistory: [],
    householdStatus: 'none',
    consents: [],
  };
}

describe('fairs service (through the gateway)', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let employerUser: ApiClient;
  let probe: KafkaProbe;
  let producer: Producer;
  let employerA: string;
  let employerB: string;
  let openingsA: { id: string; positions: number }[];
  let closedOpeningA: string;
  let openingB: string;
  /** Seekers registered through the seekers service, known to fairs once their events arrive. */
  let seekers: { id: string; nationalId: string }[];

  const events = (type: string, aggregateId: string) => probe.events((m) => m.json?.type === type && m.json?.aggregateId === aggregateId);
  const waitForEvent = (type: string, aggregateId: string): Promise<ProbedMessage> =>
    probe.waitFor((m) => m.json?.type === type && m.json?.aggregateId === aggregateId);

  async function scheduleFair(overrides: Record<string, unknown> = {}) {
    const res = await staff.post('/fairs', {
      name: uniqueName('Thanh Hoa overseas fair'),
      kind: 'mobile',
      province: 'Thanh Hoa',
      district: 'Nhu Xuan',
      venue: 'Commune hall',
      ...FUTURE,
      ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string };
  }

  async function openFair() {
    const fair = await scheduleFair();
    expect((await staff.post(`/fairs/${fair.id}/open`)).status).toBe(200);
    return fair;
  }

  /** A new placement at the fair, hired now, as the matcher's events carry it. */
  function hiredAt(fairId: string, seekerId = seekers[0].id, openingId = openingsA[0].id): PlacementSnapshot {
    return {
      id: randomUUID(),
      matchId: randomUUID(),
      seekerId,
      openingId,
      employerId: employerA,
      fairId,
      quotaClass: 'firstTime',
      status: 'hired',
      at: new Date().toISOString(),
    };
  }

  /** A placement's event as the matcher writes it on the wire. */
  function placementEvent(data: PlacementSnapshot, contract = PlacementHired, version = 1): string {
    return JSON.stringify(newEvent(contract, { source: 'matcher', aggregateId: data.id, aggregateVersion: version, data }));
  }

  async function postOpening(employerId: string, positions: number) {
    const res = await admin.post('/openings', {
      employerId,
      title: 'Seasonal farm worker',
      sector: 'agriculture',
      scope: 'overseas',
      country: 'KR',
      province: 'Gangwon',
      programme: 'seasonal',
      positions,
      startDate: '2031-03-01',
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; positions: number };
  }

  async function registerSeeker() {
    const nationalId = uniqueNationalId();
    const res = await staff.post('/seekers', registrationOf(nationalId));
    expect(res.status).toBe(201);
    return { id: res.body.id as string, nationalId };
  }

  beforeAll(async () => {
    admin = await asAdmin();
    staff = await asNewUser('staff');
    probe = await KafkaProbe.open([Topics.fair, Topics.attendance]);
    producer = new Kafka({ clientId: 'fairs-test', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();

    const employer = async () =>
      (await admin.post('/employers', { name: uniqueName('Cheorwon farm'), kind: 'overseas', country: 'KR' })).body.id as string;
    [employerA, employerB] = await Promise.all([employer(), employer()]);
    employerUser = await asNewUser('employer', employerA);
    openingsA = [await postOpening(employerA, 5), await postOpening(employerA, 3)];
    closedOpeningA = (await postOpening(employerA, 2)).id;
    expect((await admin.post(`/openings/${closedOpeningA}/close`)).status).toBe(200);
    openingB = (await postOpening(employerB, 4)).id;
    seekers = await Promise.all(Array.from({ length: 4 }, registerSeeker));

    // The fairs service learns openings and seekers from events: wait until it knows the last of each.
    const probeFair = await scheduleFair();
    await eventually(async () =>
      expect((await staff.post(`/fairs/${probeFair.id}/booths`, { employerId: employerB, openingIds: [openingB] })).status).toBe(201),
    );
    await eventually(async () => {
      for (const s of seekers) expect((await staff.post(`/fairs/${probeFair.id}/registrations`, { seekerId: s.id })).status).not.toBe(404);
    });
    await eventually(async () =>
      expect((await staff.post(`/fairs/${probeFair.id}/booths`, { employerId: employerA, openingIds: [closedOpeningA] })).status).toBe(409),
    );
  });

  afterAll(async () => {
    await probe?.close();
    await producer?.disconnect();
  });

  it('schedules, lists and shows a fair, and moves it scheduled -> open -> closed; other moves are 409', async () => {
    const fair = await scheduleFair();
    expect(fair).toMatchObject({ status: 'scheduled', kind: 'mobile', province: 'Thanh Hoa', venue: 'Commune hall', booths: [] });
    expect((await staff.get(`/fairs/${fair.id}`)).body).toMatchObject({ id: fair.id, startsAt: '2030-09-12T01:00:00.000Z' });

    expect((await staff.post(`/fairs/${fair.id}/close`)).status).toBe(409);
    expect((await staff.post(`/fairs/${fair.id}/open`)).body.status).toBe('open');
    expect((await staff.post(`/fairs/${fair.id}/open`)).status).toBe(409);
    expect((await staff.post(`/fairs/${fair.id}/close`)).body.status).toBe('closed');
    expect((await staff.post(`/fairs/${fair.id}/open`)).status).toBe(409);
    expect((await staff.get('/fairs/no-such-fair')).status).toBe(404);
    expect((await staff.post('/fairs/no-such-fair/open')).status).toBe(404);

    const closed = await staff.get('/fairs?status=closed&limit=100');
    expect(closed.status).toBe(200);
    expect(closed.body.items.every((f: { status: string }) => f.status === 'closed')).toBe(true);
    const page = await staff.get('/fairs?limit=1');
    expect(page.body.items).toHaveLength(1);
    expect(typeof page.body.nextCursor).toBe('string');

    for (const [type, version, status] of [
      ['FairScheduled', 1, 'scheduled'],
      ['FairOpened', 2, 'open'],
      ['FairClosed', 3, 'closed'],
    ] as const) {
      const event = await waitForEvent(type, fair.id);
      expect(event.key).toBe(fair.id);
      expect(event.json).toMatchObject({ source: 'fairs', aggregateVersion: version, data: { id: fair.id, status } });
    }
  });

  it('lets admin and staff in, refuses an employer (403) and a caller without a token (401)', async () => {
    const fair = await scheduleFair();
    const routes: [string, string, unknown?][] = [
      ['POST', '/fairs', {}],
      ['GET', '/fairs'],
      ['GET', `/fairs/${fair.id}`],
      ['POST', `/fairs/${fair.id}/open`],
      ['POST', `/fairs/${fair.id}/close`],
      ['POST', `/fairs/${fair.id}/booths`, {}],
      ['POST', `/fairs/${fair.id}/registrations`, {}],
      ['POST', `/fairs/${fair.id}/check-ins`, {}],
      ['POST', `/fairs/${fair.id}/check-ins/batch`, {}],
      ['GET', `/fairs/${fair.id}/check-ins/x`],
      ['GET', `/fairs/${fair.id}/stats`],
    ];
    for (const [method, path, body] of routes) {
      expect([method, path, (await gateway().request(method, path, body)).status]).toEqual([method, path, 401]);
      expect([method, path, (await employerUser.request(method, path, body)).status]).toEqual([method, path, 403]);
    }
    expect((await admin.get(`/fairs/${fair.id}/stats`)).status).toBe(200);
    expect((await staff.get(`/fairs/${fair.id}/stats`)).status).toBe(200);
    expect(
      (await admin.post('/fairs', { name: 'Admin fair', kind: 'fixed', province: 'Can Tho', venue: 'Centre', ...FUTURE })).status,
    ).toBe(201);
  });

  it('answers bad input of each body and query with 400 naming each field', async () => {
    const fair = await openFair();
    const expect400 = async (res: Promise<{ status: number; body: any }>, ...fields: string[]) => {
      const { status, body } = await res;
      expect(status).toBe(400);
      for (const field of fields) expect(body.message.some((m: string) => m.startsWith(`${field}:`))).toBe(true);
    };
    await expect400(
      staff.post('/fairs', { kind: 'floating', province: '', venue: 'x', startsAt: 'soon', endsAt: FUTURE.endsAt, extra: 1 }),
      'name',
      'kind',
      'province',
      'startsAt',
      'extra',
    );
    await expect400(staff.post('/fairs', { ...FUTURE, name: '\r', kind: 'fixed', province: 'p', venue: 'v' }), 'name');
    await expect400(
      staff.post('/fairs', { name: 'n', kind: 'fixed', province: 'p', venue: 'v', startsAt: FUTURE.endsAt, endsAt: FUTURE.startsAt }),
      'endsAt',
    );
    await expect400(staff.get('/fairs?limit=0&status=running'), 'limit', 'status');
    await expect400(staff.post(`/fairs/${fair.id}/booths`, { employerId: '', openingIds: [] }), 'employerId', 'openingIds');
    await expect400(staff.post(`/fairs/${fair.id}/booths`, { employerId: employerA, openingIds: ['a', 'a'] }), 'openingIds');
    await expect400(staff.post(`/fairs/${fair.id}/registrations`, { seekerId: 7 }), 'seekerId');
    await expect400(staff.post(`/fairs/${fair.id}/check-ins`, { at: 'yesterday' }), 'clientRef', 'at');
    await expect400(staff.post(`/fairs/${fair.id}/check-ins`, { clientRef: 'c1' }), 'seekerId');
    await expect400(
      staff.post(`/fairs/${fair.id}/check-ins`, { clientRef: 'c1', seekerId: seekers[0].id, nationalId: seekers[0].nationalId }),
      'seekerId',
      'nationalId',
    );
    await expect400(staff.post(`/fairs/${fair.id}/check-ins`, { clientRef: 'c1', nationalId: 'not-an-id' }), 'nationalId');
    await expect400(
      staff.post(`/fairs/${fair.id}/check-ins`, { clientRef: 'c1', registration: { nationalId: uniqueNationalId() } }),
      'registration.fullName',
    );
    await expect400(staff.post(`/fairs/${fair.id}/check-ins/batch`, { items: 'all of them' }), 'items');
    await expect400(staff.post(`/fairs/${fair.id}/check-ins/batch`, { items: [] }), 'items');
    await expect400(staff.post(`/fairs/${fair.id}/check-ins/batch`, { items: Array.from({ length: 501 }, () => ({})) }), 'items');
  });

  it("sets up booths with the employer's open openings; refuses another employer's, unknown and closed openings, and a closed fair", async () => {
    const fair = await scheduleFair();
    const res = await staff.post(`/fairs/${fair.id}/booths`, { employerId: employerA, openingIds: [openingsA[0].id] });
    expect(res.status).toBe(201);
    expect(res.body.booths).toEqual([{ employerId: employerA, openingIds: [openingsA[0].id] }]);
    // Setting up the same employer's booth again extends it; the fair snapshot lists every booth.
    await staff.post(`/fairs/${fair.id}/booths`, { employerId: employerA, openingIds: [openingsA[0].id, openingsA[1].id] });
    const both = await staff.post(`/fairs/${fair.id}/booths`, { employerId: employerB, openingIds: [openingB] });
    expect(both.body.booths).toEqual([
      { employerId: employerA, openingIds: [openingsA[0].id, openingsA[1].id] },
      { employerId: employerB, openingIds: [openingB] },
    ]);

    const foreign = await staff.post(`/fairs/${fair.id}/booths`, { employerId: employerA, openingIds: [openingB] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toEqual([`openingIds: opening ${openingB} is not an opening of employer ${employerA}`]);
    expect((await staff.post(`/fairs/${fair.id}/booths`, { employerId: employerA, openingIds: [randomUUID()] })).status).toBe(404);
    const closedOpening = await staff.post(`/fairs/${fair.id}/booths`, { employerId: employerA, openingIds: [closedOpeningA] });
    expect(closedOpening.status).toBe(409);
    expect(closedOpening.body.message).toContain(closedOpeningA);

    await staff.post(`/fairs/${fair.id}/open`);
    await staff.post(`/fairs/${fair.id}/close`);
    expect((await staff.post(`/fairs/${fair.id}/booths`, { employerId: employerB, openingIds: [openingB] })).status).toBe(409);

    // FairClosed follows on the same key (partition): once it is here, every earlier event of the fair is too.
    await waitForEvent('FairClosed', fair.id);
    const setUp = events('BoothSetUp', fair.id);
    expect(setUp.map((m) => m.json.aggregateVersion)).toEqual([2, 3, 4]);
    expect(setUp[2].json.data.booths).toEqual(both.body.booths);
  });

  it("takes openings out of a booth and a booth out of the fair, with BoothReduced; the employers service forgets the fair's openings", async () => {
    const fair = await scheduleFair();
    const brought = [await postOpening(employerA, 2), await postOpening(employerA, 2)];
    const other = (await postOpening(employerB, 2)).id;
    // Until the fairs service has learnt the new openings from their events.
    const setUpBooth = (employerId: string, openingIds: string[]) =>
      eventually(async () => expect((await staff.post(`/fairs/${fair.id}/booths`, { employerId, openingIds })).status).toBe(201));
    await setUpBooth(
      employerA,
      brought.map((o) => o.id),
    );
    await setUpBooth(employerB, [other]);
    const atFair = async () => (await staff.get(`/openings?fairId=${fair.id}`)).body.items.map((o: { id: string }) => o.id).sort();
    await eventually(async () => expect(await atFair()).toEqual([...brought.map((o) => o.id), other].sort()));

    const fewer = await staff.delete(`/fairs/${fair.id}/booths/${employerA}/openings/${brought[0].id}`);
    expect(fewer.status).toBe(200);
    expect(fewer.body.booths).toEqual([
      { employerId: employerA, openingIds: [brought[1].id] },
      { employerId: employerB, openingIds: [other] },
    ]);
    expect((await staff.delete(`/fairs/${fair.id}/booths/${employerA}/openings/${brought[0].id}`)).status).toBe(404);
    const gone = await staff.delete(`/fairs/${fair.id}/booths/${employerB}`);
    expect(gone.status).toBe(200);
    expect(gone.body.booths).toEqual([{ employerId: employerA, openingIds: [brought[1].id] }]);
    expect((await staff.delete(`/fairs/${fair.id}/booths/${employerB}`)).status).toBe(404);
    await eventually(async () => expect(await atFair()).toEqual([brought[1].id]));

    await staff.post(`/fairs/${fair.id}/open`);
    await staff.post(`/fairs/${fair.id}/close`);
    expect((await staff.delete(`/fairs/${fair.id}/booths/${employerA}`)).status).toBe(409);
    const reduced = await waitForEvent('BoothReduced', fair.id);
    expect(reduced.json.data.booths).toEqual(fewer.body.booths);
  });

  it('pre-registers a seeker once before the fair (201 then 200); unknown seeker 404; 409 once the fair is open', async () => {
    const fair = await scheduleFair();
    const first = await staff.post(`/fairs/${fair.id}/registrations`, { seekerId: seekers[0].id });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ fairId: fair.id, seekerId: seekers[0].id });
    const again = await staff.post(`/fairs/${fair.id}/registrations`, { seekerId: seekers[0].id });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await staff.post(`/fairs/${fair.id}/registrations`, { seekerId: randomUUID() })).status).toBe(404);
    expect((await staff.post(`/fairs/no-such-fair/registrations`, { seekerId: seekers[0].id })).status).toBe(404);

    const event = await waitForEvent('SeekerPreRegistered', `${fair.id}:${seekers[0].id}`);
    expect(event.key).toBe(`${fair.id}:${seekers[0].id}`);
    expect(event.json).toMatchObject({
      aggregateVersion: 1,
      data: { fairId: fair.id, seekerId: seekers[0].id, registeredAt: first.body.registeredAt },
    });

    await staff.post(`/fairs/${fair.id}/open`);
    expect((await staff.post(`/fairs/${fair.id}/registrations`, { seekerId: seekers[1].id })).status).toBe(409);
  });

  it("lists a seeker's fairs (registered, arrived) and counts a fair's arrivals per hour", async () => {
    const fair = await scheduleFair();
    await staff.post(`/fairs/${fair.id}/registrations`, { seekerId: seekers[0].id });
    await staff.post(`/fairs/${fair.id}/open`);
    expect((await staff.get(`/fairs/${fair.id}/check-ins/hourly`)).body).toEqual({ fairId: fair.id, hours: [] });
    for (const [seeker, at] of [
      [seekers[0], '2030-09-12T08:15:00+07:00'],
      [seekers[1], '2030-09-12T10:40:00+07:00'],
      [seekers[2], '2030-09-12T08:59:00+07:00'],
    ] as const) {
      expect((await staff.post(`/fairs/${fair.id}/check-ins`, { seekerId: seeker.id, clientRef: `hourly-${seeker.id}`, at })).status).toBe(
        201,
      );
    }
    expect((await staff.get(`/fairs/${fair.id}/check-ins/hourly`)).body).toEqual({
      fairId: fair.id,
      hours: [
        { from: '2030-09-12T01:00:00.000Z', checkIns: 2 },
        { from: '2030-09-12T02:00:00.000Z', checkIns: 0 },
        { from: '2030-09-12T03:00:00.000Z', checkIns: 1 },
      ],
    });
    expect((await staff.get(`/fairs/no-such-fair/check-ins/hourly`)).status).toBe(404);

    const attended = (await staff.get(`/attendance?seekerId=${seekers[0].id}&limit=100`)).body.items;
    expect(attended.find((a: { fairId: string }) => a.fairId === fair.id)).toMatchObject({
      fairId: fair.id,
      seekerId: seekers[0].id,
      registeredAt: expect.any(String),
      at: '2030-09-12T01:15:00.000Z',
      walkIn: false,
    });
    expect((await staff.get('/attendance')).status).toBe(400);
    expect((await employerUser.get(`/attendance?seekerId=${seekers[0].id}`)).status).toBe(403);
  });

  it('checks in by seeker id and by national ID; the same clientRef again is the same check-in with one SeekerCheckedIn', async () => {
    const fair = await scheduleFair();
    await staff.post(`/fairs/${fair.id}/registrations`, { seekerId: seekers[0].id });
    await staff.post(`/fairs/${fair.id}/open`);

    const byId = await staff.post(`/fairs/${fair.id}/check-ins`, {
      seekerId: seekers[0].id,
      clientRef: 'tablet-1:0001',
      at: '2030-09-12T08:15:00+07:00',
    });
    expect(byId.status).toBe(201);
    expect(byId.body).toMatchObject({
      fairId: fair.id,
      seekerId: seekers[0].id,
      clientRef: 'tablet-1:0001',
      at: '2030-09-12T01:15:00.000Z',
      walkIn: false,
      status: 'checked-in',
    });
    const replay = await staff.post(`/fairs/${fair.id}/check-ins`, { seekerId: seekers[0].id, clientRef: 'tablet-1:0001' });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(byId.body);
    expect((await staff.get(`/fairs/${fair.id}/check-ins/${byId.body.id}`)).body).toEqual(byId.body);
    // Another device scanning the same person: the same arrival.
    const otherDevice = await staff.post(`/fairs/${fair.id}/check-ins`, { nationalId: seekers[0].nationalId, clientRef: 'tablet-2:0001' });
    expect(otherDevice.status).toBe(200);
    expect(otherDevice.body.id).toBe(byId.body.id);

    const byNationalId = await staff.post(`/fairs/${fair.id}/check-ins`, { nationalId: seekers[1].nationalId, clientRef: 'tablet-1:0002' });
    expect(byNationalId.status).toBe(201);
    expect(byNationalId.body.seekerId).toBe(seekers[1].id);
    expect((await staff.post(`/fairs/${fair.id}/check-ins`, { nationalId: uniqueNationalId(), clientRef: 'tablet-1:0003' })).status).toBe(
      404,
    );
    expect((await staff.post(`/fairs/${fair.id}/check-ins`, { seekerId: randomUUID(), clientRef: 'tablet-1:0004' })).status).toBe(404);
    expect((await staff.get(`/fairs/${fair.id}/check-ins/${randomUUID()}`)).status).toBe(404);

    const checkedIn = await waitForEvent('SeekerCheckedIn', `${fair.id}:${seekers[0].id}`);
    expect(checkedIn.json).toMatchObject({
      aggregateVersion: 2,
      data: { fairId: fair.id, seekerId: seekers[0].id, checkInId: byId.body.id, clientRef: 'tablet-1:0001', walkIn: false },
    });
    // Published after the replays, so once it is here the replays' events would be too.
    await waitForEvent('SeekerCheckedIn', `${fair.id}:${seekers[1].id}`);
    expect(events('SeekerCheckedIn', `${fair.id}:${seekers[0].id}`)).toHaveLength(1);
  });

  it('refuses a check-in on a scheduled or a closed fair (409), but answers a replay after closing', async () => {
    const fair = await scheduleFair();
    expect((await staff.post(`/fairs/${fair.id}/check-ins`, { seekerId: seekers[2].id, clientRef: 'early' })).status).toBe(409);
    expect(
      (
        await staff.post(`/fairs/${fair.id}/check-ins/batch`, {
          items: [{ seekerId: seekers[2].id, clientRef: 'early', at: FUTURE.startsAt }],
        })
      ).status,
    ).toBe(409);
    await staff.post(`/fairs/${fair.id}/open`);
    const during = await staff.post(`/fairs/${fair.id}/check-ins`, { seekerId: seekers[2].id, clientRef: 'during' });
    expect(during.status).toBe(201);
    await staff.post(`/fairs/${fair.id}/close`);
    expect((await staff.post(`/fairs/${fair.id}/check-ins`, { seekerId: seekers[3].id, clientRef: 'late' })).status).toBe(409);
    const replay = await staff.post(`/fairs/${fair.id}/check-ins`, { seekerId: seekers[2].id, clientRef: 'during' });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(during.body.id);
  });

  it('checks in a walk-in: 202 pending until the seekers service registers the person, then SeekerCheckedIn with walkIn', async () => {
    const fair = await openFair();
    const nationalId = uniqueNationalId();
    const walkIn = await staff.post(`/fairs/${fair.id}/check-ins`, { registration: registrationOf(nationalId), clientRef: 'door:0001' });
    expect(walkIn.status).toBe(202);
    expect(walkIn.body).toMatchObject({ fairId: fair.id, status: 'pending', walkIn: true, clientRef: 'door:0001' });
    const replay = await staff.post(`/fairs/${fair.id}/check-ins`, { registration: registrationOf(nationalId), clientRef: 'door:0001' });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(walkIn.body.id);

    const request = await waitForEvent('WalkInRegistrationRequested', walkIn.body.id);
    expect(request.json.data).toMatchObject({
      fairId: fair.id,
      checkInId: walkIn.body.id,
      walkInRef: walkIn.body.id,
      registration: { nationalId },
    });

    const done = await eventually(async () => {
      const res = await staff.get(`/fairs/${fair.id}/check-ins/${walkIn.body.id}`);
      expect(res.body.status).toBe('checked-in');
      return res.body;
    });
    const seeker = await staff.get(`/seekers?nationalId=${nationalId}`);
    expect(done.seekerId).toBe(seeker.body.items[0].id);
    const checkedIn = await waitForEvent('SeekerCheckedIn', `${fair.id}:${done.seekerId}`);
    expect(checkedIn.json.data).toMatchObject({ checkInId: walkIn.body.id, walkIn: true, clientRef: 'door:0001' });

    // The same person at the door again (another clientRef) is now known: checked in as that seeker, no new request.
    const known = await staff.post(`/fairs/${fair.id}/check-ins`, { registration: registrationOf(nationalId), clientRef: 'door:0002' });
    expect(known.status).toBe(200);
    expect(known.body.id).toBe(walkIn.body.id);
  });

  it('takes an offline batch: a bad item is rejected with its reason, the rest stored; the same batch again stores nothing new', async () => {
    const fair = await openFair();
    const items = [
      { seekerId: seekers[0].id, clientRef: 'offline-7:1', at: '2030-09-12T09:00:00+07:00' },
      { nationalId: seekers[1].nationalId, clientRef: 'offline-7:2', at: '2030-09-12T09:05:00+07:00' },
      { seekerId: seekers[2].id, clientRef: 'offline-7:3' },
      { seekerId: randomUUID(), clientRef: 'offline-7:4', at: '2030-09-12T09:10:00+07:00' },
      { seekerId: seekers[0].id, clientRef: 'offline-7:5', at: '2030-09-12T09:20:00+07:00' },
    ];
    const first = await staff.post(`/fairs/${fair.id}/check-ins/batch`, { items });
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: { status: string }) => r.status)).toEqual(['created', 'created', 'rejected', 'rejected', 'duplicate']);
    expect(first.body.items[2]).toMatchObject({ index: 2, clientRef: 'offline-7:3', error: expect.stringContaining('at:') });
    expect(first.body.items[3].error).toContain('not found');
    expect(first.body.items[4].checkInId).toBe(first.body.items[0].checkInId);
    const kept = await staff.get(`/fairs/${fair.id}/check-ins/${first.body.items[0].checkInId}`);
    expect(kept.body).toMatchObject({ at: '2030-09-12T02:00:00.000Z', seekerId: seekers[0].id, clientRef: 'offline-7:1' });

    const again = await staff.post(`/fairs/${fair.id}/check-ins/batch`, { items });
    expect(again.body.items.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'rejected',
      'rejected',
      'duplicate',
    ]);
    expect(again.body.items.map((r: { checkInId?: string }) => r.checkInId)).toEqual(
      first.body.items.map((r: { checkInId?: string }) => r.checkInId),
    );
    expect((await staff.get(`/fairs/${fair.id}/stats`)).body).toMatchObject({ checkIns: 2 });

    // A later check-in as the barrier: once its event is here, any event of the replay would be too.
    await staff.post(`/fairs/${fair.id}/check-ins`, { seekerId: seekers[3].id, clientRef: 'barrier' });
    await waitForEvent('SeekerCheckedIn', `${fair.id}:${seekers[3].id}`);
    expect(events('SeekerCheckedIn', `${fair.id}:${seekers[0].id}`)).toHaveLength(1);
    expect(events('SeekerCheckedIn', `${fair.id}:${seekers[1].id}`)).toHaveLength(1);
  });

  it('reports live stats: registrations, check-ins, walk-ins, booths, openings, positions, matches and placements once each', async () => {
    const fair = await scheduleFair();
    await staff.post(`/fairs/${fair.id}/booths`, { employerId: employerA, openingIds: openingsA.map((o) => o.id) });
    await staff.post(`/fairs/${fair.id}/booths`, { employerId: employerB, openingIds: [openingB] });
    for (const s of seekers.slice(0, 3)) await staff.post(`/fairs/${fair.id}/registrations`, { seekerId: s.id });
    await staff.post(`/fairs/${fair.id}/open`);
    await staff.post(`/fairs/${fair.id}/check-ins`, { seekerId: seekers[0].id, clientRef: 's1' });
    await staff.post(`/fairs/${fair.id}/check-ins`, { seekerId: seekers[3].id, clientRef: 's2' });
    await staff.post(`/fairs/${fair.id}/check-ins`, { registration: registrationOf(uniqueNationalId()), clientRef: 's3' });

    // The matcher's events about this fair, each delivered twice: counted once.
    const match = {
      id: randomUUID(),
      runId: randomUUID(),
      fairId: fair.id,
      seekerId: seekers[0].id,
      openingId: openingsA[0].id,
      employerId: employerA,
      score: 80,
      breakdown: { skills: 80 },
      quotaClass: 'firstTime' as const,
      designated: false,
      status: 'proposed' as const,
    };
    const placement = {
      id: randomUUID(),
      matchId: match.id,
      seekerId: seekers[0].id,
      openingId: openingsA[0].id,
      employerId: employerA,
      fairId: fair.id,
      quotaClass: 'firstTime' as const,
      status: 'hired' as const,
      at: new Date().toISOString(),
    };
    const proposed = newEvent(MatchProposed, { source: 'matcher', aggregateId: match.id, aggregateVersion: 1, data: match });
    const hired = newEvent(PlacementHired, { source: 'matcher', aggregateId: placement.id, aggregateVersion: 1, data: placement });
    for (let i = 0; i < 2; i++) {
      await producer.send({ topic: Topics.match, messages: [{ key: match.id, value: JSON.stringify(proposed) }] });
      await producer.send({ topic: Topics.placement, messages: [{ key: placement.id, value: JSON.stringify(hired) }] });
    }

    const stats = await eventually(async () => {
      const res = await staff.get(`/fairs/${fair.id}/stats`);
      // A walk-in completes in two writes (the arrival, then its check-in record): wait for both.
      expect(res.body).toMatchObject({ checkIns: 3, pendingWalkIns: 0, matches: 1, placements: 1 });
      return res.body;
    });
    expect(stats).toEqual({
      fairId: fair.id,
      status: 'open',
      registrations: 3,
      checkIns: 3,
      walkIns: 1,
      pendingWalkIns: 0,
      employers: 2,
      openings: 3,
      positions: 5 + 3 + 4,
      matches: 1,
      placements: 1,
    });
    expect((await staff.get('/fairs/no-such-fair/stats')).status).toBe(404);
  });

  it('counts a placement while it stands, whatever order its events arrive in', async () => {
    const fair = await openFair();
    const later = await openFair();
    const [cancelledFirst, cancelledLast, departed] = [hiredAt(fair.id), hiredAt(fair.id), hiredAt(fair.id)];
    const barrier = hiredAt(later.id);
    const event = (contract: typeof PlacementHired, version: number, data: PlacementSnapshot, status: PlacementStatus = 'hired') =>
      placementEvent({ ...data, status }, contract, version);
    const deliveries = [
      // Cancelled, then its older PlacementHired late (twice): never counted.
      event(PlacementCancelled, 2, cancelledFirst, 'cancelled'),
      event(PlacementHired, 1, cancelledFirst),
      event(PlacementHired, 1, cancelledFirst),
      // Hired, then cancelled (twice): counted, then taken off once.
      event(PlacementHired, 1, cancelledLast),
      event(PlacementCancelled, 2, cancelledLast, 'cancelled'),
      event(PlacementCancelled, 2, cancelledLast, 'cancelled'),
      // Departed before its PlacementHired: one placement.
      event(PlacementDeparted, 2, departed, 'departed'),
      event(PlacementHired, 1, departed),
      // Another fair's placement last: once it is counted, everything before it was applied.
      event(PlacementHired, 1, barrier),
    ];
    // One key for all, so one partition delivers them in exactly this order.
    await producer.send({ topic: Topics.placement, messages: deliveries.map((value) => ({ key: fair.id, value })) });
    await eventually(async () => expect((await staff.get(`/fairs/${later.id}/stats`)).body).toMatchObject({ placements: 1 }));
    expect((await staff.get(`/fairs/${fair.id}/stats`)).body).toMatchObject({ placements: 1 });
  });

  it('counts a placement once when a fetch brings it again with its cancellation, as after a kill -9 (offsets not committed yet)', async () => {
    const fair = await openFair();
    const data = hiredAt(fair.id);
    const hired = placementEvent(data);
    await producer.send({ topic: Topics.placement, messages: [{ key: data.id, value: hired }] });
    await eventually(async () => expect((await staff.get(`/fairs/${fair.id}/stats`)).body).toMatchObject({ placements: 1 }));
    // Redelivered with what followed it, in one fetch, then another fair's placement on the partition as a barrier.
    const later = await openFair();
    await producer.send({
      topic: Topics.placement,
      messages: [
        { key: data.id, value: hired },
        { key: data.id, value: placementEvent({ ...data, status: 'cancelled' }, PlacementCancelled, 2) },
        { key: data.id, value: placementEvent(hiredAt(later.id)) },
      ],
    });
    await eventually(async () => expect((await staff.get(`/fairs/${later.id}/stats`)).body).toMatchObject({ placements: 1 }));
    expect((await staff.get(`/fairs/${fair.id}/stats`)).body).toMatchObject({ placements: 0 });
  });

  it('counts a batch around a message that breaks its contract: that one alone goes to the dead-letter topic, with its reason', async () => {
    const fair = await openFair();
    const dlt = await KafkaProbe.open([deadLetterTopic(Topics.placement)]);
    try {
      const hired = () => hiredAt(fair.id, seekers[1].id);
      const [first, poison, last] = [hired(), hired(), hired()];
      const value = (data: PlacementSnapshot) => placementEvent(data);
      // One send, one key: one partition's fetch, in this order, the poison in the middle.
      await producer.send({
        topic: Topics.placement,
        messages: [
          { key: fair.id, value: value(first) },
          { key: fair.id, value: value(poison).replace('"status":"hired"', '"status":"eloped"') },
          { key: fair.id, value: value(last) },
        ],
      });
      await eventually(async () => expect((await staff.get(`/fairs/${fair.id}/stats`)).body).toMatchObject({ placements: 2 }));
      const group = `fairs${process.env.KAFKA_GROUP_SUFFIX}`;
      const letter = await dlt.waitFor((m) => m.headers['dlt-group'] === group && m.json?.aggregateId === poison.id, 30000);
      expect(letter.headers['dlt-reason']).toMatch(/^invalid PlacementHired: data\.status/);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(dlt.events((m) => m.headers['dlt-group'] === group && [first.id, last.id].includes(m.json?.aggregateId))).toEqual([]);
    } finally {
      await dlt.close();
    }
  });

  it('counts a fetch of placement events in a few database round trips, not four per event', async () => {
    const fair = await openFair();
    const collections = ['fair_stat_facts'];
    /** Commands the fairs service has sent to the statistics' collections so far. */
    const statsCommands = async () => {
      const response = await fetch(`${serviceUrl('fairs')}/metrics`, { headers: { authorization: `Bearer ${TEST_SYSTEM.metricsToken}` } });
      const lines = (await response.text()).split('\n').filter((line) => line.startsWith('mongodb_commands_total{'));
      return lines
        .filter((line) => collections.some((c) => line.includes(`collection="${c}"`)))
        .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    };
    const before = await statsCommands();
    const placements = Array.from({ length: 40 }, () => ({
      key: fair.id,
      value: placementEvent(hiredAt(fair.id, seekers[2].id, openingsA[1].id)),
    }));
    await producer.send({ topic: Topics.placement, messages: placements });
    await eventually(async () => expect((await staff.get(`/fairs/${fair.id}/stats`)).body).toMatchObject({ placements: 40 }));
    // One by one this took a command per event (40); a batch takes one whatever its size. Other specs' events share the counter.
    const used = (await statsCommands()) - before;
    process.stdout.write(`fairs: 40 placement events in one send counted with ${used} statistics commands\n`);
    expect(used).toBeLessThan(40);
  });
});
