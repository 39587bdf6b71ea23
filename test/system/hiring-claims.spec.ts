import {
  ApiClient,
  ServiceProcess,
  TcpDoor,
  asAdmin,
  asNewUser,
  eventually,
  serviceUrl,
  startService,
  stopService,
  withServiceDatabase,
} from '@jobfair/testing';
import { approve, matchAtFair, registerEmployer } from '../matcher/hiring-scenario';

/** Short, so that the take-over is seen within the test; both instances run with it. */
const CLAIM_MS = 10000;
const FAST = { RECONCILE_INTERVAL_MS: '1000', HIRE_CLAIM_MS: String(CLAIM_MS) };
/** Instance 2 of the matcher sits where `INSTANCES=2` puts it (deploy/local/services.js). */
const SECOND_INSTANCE_SHIFT = 10;
/** Reconcile rounds of the second instance to wait for: each could have freed what it must leave alone. */
const ROUNDS_MS = 3500;

/**
 * Two matcher instances undo the same leftover of a crashed hire (a seat and a person held by
 * a match with neither a placement nor a hire record). Instance A fences it and hangs just as
 * it frees the seat (its database connection stalls on that write). Instance B must leave A's
 * claim alone while it holds, take it over once it has run out, and A's release, when it
 * finally arrives, must not free the seat of the hire made meanwhile.
 */
describe('faults: two matcher instances repairing the same crashed hire', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  const doors: TcpDoor[] = [];
  let second: ServiceProcess | undefined;

  /** A door to the database, for one instance; open. */
  async function databaseThroughDoor(): Promise<{ door: TcpDoor; uri: string }> {
    const database = new URL(process.env.MONGODB_URI!);
    const door = await TcpDoor.to(database.host);
    await door.open();
    doors.push(door);
    database.host = `127.0.0.1:${door.port}`;
    return { door, uri: database.toString() };
  }

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
  });

  afterAll(async () => {
    for (const door of doors) door.resume();
    await second?.stop();
    await stopService('matcher', 'SIGTERM');
    await startService('matcher');
    for (const door of doors) await door.close();
  }, 180000);

  it("leaves another instance's live claim alone, takes it over once it has run out, and a late release never frees a later hire's seat", async () => {
    const employerId = await registerEmployer(admin, 'KR');
    const scenario = await matchAtFair(admin, staff, [{ employerId, positions: 1, country: 'KR', sector: 'agriculture' }], ['Nghe An']);
    const [openingId] = scenario.openingIds;
    const [match] = scenario.matches;
    await approve(staff, [match]);

    const a = await databaseThroughDoor();
    const b = await databaseThroughDoor();
    await stopService('matcher', 'SIGTERM');
    await startService('matcher', { ...FAST, MONGODB_URI: a.uri });
    second = await ServiceProcess.start('matcher', SECOND_INSTANCE_SHIFT, { ...FAST, MONGODB_URI: b.uri });
    const viaSecond = new ApiClient(second.url, staff.token);

    // B is hung while A finds the leftover, so that A is the one that fences it; A hangs as it frees the seat.
    b.door.stall();
    const aHangs = a.door.stallOn((chunk) => ['opening_seats', '$pull', match.id].every((text) => chunk.includes(text)));
    await withServiceDatabase('matcher', async (db) => {
      await db.collection('opening_seats').updateOne(
        { _id: openingId as never },
        {
          $setOnInsert: { openingVersion: 0, positions: 1, returning: [] },
          $push: { firstTime: { placementId: match.id, reservedAt: new Date() } } as never,
        },
        { upsert: true },
      );
      await db.collection('seeker_commitments').insertOne({ _id: match.seekerId as never, placementId: match.id, takenAt: new Date() });
    });
    await aHangs;
    b.door.resume();

    const fence = () => withServiceDatabase('matcher', (db) => db.collection('hires_in_progress').findOne({ _id: match.id as never }));
    await new Promise((resolve) => setTimeout(resolve, ROUNDS_MS));
    const held = await fence();
    const retriedEarly = await viaSecond.post('/placements', { matchId: match.id });
    expect([held?.state, retriedEarly.status, retriedEarly.body.message]).toEqual([
      'aborted',
      409,
      expect.stringContaining('being repaired'),
    ]);
    // Checked while A's claim still held: otherwise this machine was too slow for the test to say anything.
    expect(Date.now()).toBeLessThan(new Date(held!.claim.until).getTime());

    const holdings = () =>
      withServiceDatabase('matcher', async (db) => ({
        seats: ((await db.collection('opening_seats').findOne({ _id: openingId as never }))!.firstTime as { placementId: string }[]).map(
          (seat) => seat.placementId,
        ),
        person: (await db.collection('seeker_commitments').findOne({ _id: match.seekerId as never }))?.placementId,
        records: await db.collection('hires_in_progress').countDocuments({ _id: match.id as never }),
      }));
    // A's claim runs out: B takes it over and frees the seat and the person (the very ones, found by when they were taken).
    await eventually(async () => expect(await fence()).toBeNull(), CLAIM_MS + 20000, 500);
    expect(await holdings()).toEqual({ seats: [], person: undefined, records: 0 });
    // The hire goes through, with a seat and the person of its own.
    const hired = await eventually(async () => {
      const res = await viaSecond.post('/placements', { matchId: match.id });
      expect(res.status).toBe(201);
      return res;
    });
    expect(hired.body).toMatchObject({ id: match.id, status: 'hired' });

    // A wakes up: its release of the old seat and person arrives, late.
    a.door.resume();
    await eventually(async () => expect((await fetch(`${serviceUrl('matcher')}/health/ready`)).status).toBe(200), 60000, 500);
    await new Promise((resolve) => setTimeout(resolve, ROUNDS_MS)); // the rest of A's round, and a few more of both
    expect(await holdings()).toEqual({ seats: [match.id], person: match.id, records: 0 });
    expect((await staff.get(`/placements/${match.id}`)).body.status).toBe('hired');
  }, 300000);
});
