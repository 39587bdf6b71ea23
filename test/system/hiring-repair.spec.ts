import { ApiClient, asAdmin, asNewUser, eventually, startService, stopService, withServiceDatabase } from '@jobfair/testing';
import { approve, matchAtFair, registerEmployer } from '../matcher/hiring-scenario';

/** How often the reconciler runs while this spec has the matcher: often, so a repair is seen soon. */
const FAST_RECONCILE = { RECONCILE_INTERVAL_MS: '1000' };

/**
 * A crash between two writes of a hire or a cancel leaves seats and seeker commitments out of
 * step with the placements. The matcher's reconciler (at start-up and on its interval) brings
 * them back: seats taken = live placements, each seeker held by its one live placement or free.
 */
describe('faults: seats and commitments repair themselves', () => {
  let admin: ApiClient;
  let staff: ApiClient;

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
  });

  afterAll(async () => {
    await stopService('matcher', 'SIGTERM');
    await startService('matcher');
  }, 120000);

  it('finishes a hire that crashed before its placement, frees what a hire without a record and a crashed cancel left, and keeps doing so while it runs', async () => {
    const employerId = await registerEmployer(admin, 'KR');
    const scenario = await matchAtFair(
      admin,
      staff,
      [{ employerId, positions: 4, country: 'KR', sector: 'agriculture' }],
      Array(4).fill('Nghe An'),
    );
    const [openingId] = scenario.openingIds;
    const [crashedHire, recordless, cancelled, later] = scenario.matches;
    await approve(staff, scenario.matches);
    const hired = await staff.post('/placements', { matchId: cancelled.id });
    expect(hired.status).toBe(201);
    expect((await staff.post(`/placements/${cancelled.id}/status`, { status: 'cancelled' })).status).toBe(200);
    const seat = (placementId: string) => ({ placementId, reservedAt: new Date() });
    const commitment = (m: { seekerId: string; id: string }) => ({ _id: m.seekerId as never, placementId: m.id, takenAt: new Date() });

    await stopService('matcher', 'SIGKILL');
    await withServiceDatabase('matcher', async (db) => {
      // 1. A hire that took its seeker and its seat and died before writing the placement: its record says what it was.
      const { hiredAt, quotaClass, fairId, employerId: ownerId } = hired.body;
      await db.collection('hires_in_progress').insertOne({
        _id: crashedHire.id as never,
        state: 'pending',
        placement: {
          ...{
            _id: crashedHire.id,
            matchId: crashedHire.id,
            seekerId: crashedHire.seekerId,
            openingId,
            employerId: ownerId,
            fairId,
            quotaClass,
          },
          ...{ status: 'hired', at: hiredAt, hiredAt, year: new Date(hiredAt).getUTCFullYear(), market: 'KR', sector: 'agriculture' },
          province: 'Nghe An',
          history: [{ status: 'hired', at: hiredAt, by: 'staff' }],
        },
      });
      // 2. Seat and seeker held by a match with no hire record and no placement (a hire of the release before this one).
      // 3. The cancel stored, its release of the seat and the seeker lost.
      await db
        .collection('opening_seats')
        .updateOne(
          { _id: openingId as never },
          { $push: { firstTime: { $each: [seat(crashedHire.id), seat(recordless.id), seat(cancelled.id)] } } as never },
        );
      await db.collection('seeker_commitments').insertMany([commitment(crashedHire), commitment(recordless), commitment(cancelled)]);
    });
    await startService('matcher', FAST_RECONCILE);

    // Start-up repaired it before the matcher was ready.
    const placement = await staff.get(`/placements/${crashedHire.id}`);
    expect([placement.status, placement.body.status, placement.body.seekerId]).toEqual([200, 'hired', crashedHire.seekerId]);
    expect((await staff.get(`/matches/${crashedHire.id}`)).body.status).toBe('hired');
    const holdings = () =>
      withServiceDatabase('matcher', async (db) => ({
        seats: ((await db.collection('opening_seats').findOne({ _id: openingId as never }))!.firstTime as { placementId: string }[])
          .map((s) => s.placementId)
          .sort(),
        commitments: (
          await db
            .collection('seeker_commitments')
            .find({ _id: { $in: scenario.seekerIds as never[] } })
            .toArray()
        )
          .map((c) => `${c._id}:${c.placementId}`)
          .sort(),
        records: await db.collection('hires_in_progress').countDocuments({ _id: { $in: scenario.matches.map((m) => m.id) as never[] } }),
      }));
    expect(await holdings()).toEqual({ seats: [crashedHire.id], commitments: [`${crashedHire.seekerId}:${crashedHire.id}`], records: 0 });

    // While it runs: a cancel whose release was lost is repaired by the next round, and nobody stays locked out.
    expect((await staff.post(`/placements/${crashedHire.id}/status`, { status: 'cancelled' })).status).toBe(200);
    await withServiceDatabase('matcher', async (db) => {
      await db.collection('opening_seats').updateOne({ _id: openingId as never }, { $push: { firstTime: seat(crashedHire.id) } as never });
      await db.collection('seeker_commitments').insertOne(commitment(crashedHire));
    });
    await eventually(async () => expect(await holdings()).toEqual({ seats: [], commitments: [], records: 0 }), 30000);
    expect((await staff.post('/placements', { matchId: later.id })).status).toBe(201);
    expect((await staff.post('/placements', { matchId: recordless.id })).status).toBe(201);
  }, 240000);
});
