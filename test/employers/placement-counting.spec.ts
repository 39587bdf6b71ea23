import { randomUUID } from 'crypto';
import mongoose from 'mongoose';
import { PlacementCancelled, PlacementHired, PlacementSnapshot, PlacementStatus } from '@jobfair/contracts';
import {
  ApiClient,
  EventInjector,
  asAdmin,
  asNewUser,
  eventually,
  startService,
  stopService,
  uniqueName,
  uniqueNationalId,
} from '@jobfair/testing';

/**
 * Placement events reach the employers and seekers services late, twice and out of order
 * (redelivery, a dead letter replayed): `filled` and availability follow each placement's
 * latest version, whatever the order of arrival.
 */
describe('placement counts are order-proof', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let matcher: EventInjector;
  let employerId: string;
  let openingId: string;
  let seekerId: string;

  const placement = (id: string, status: PlacementStatus, seeker = seekerId): PlacementSnapshot => ({
    id,
    matchId: id,
    seekerId: seeker,
    openingId,
    employerId,
    quotaClass: 'firstTime',
    status,
    at: new Date().toISOString(),
  });
  const hired = (id: string, seeker?: string) => matcher.event(PlacementHired, 'matcher', 1, placement(id, 'hired', seeker));
  const cancelled = (id: string) => matcher.event(PlacementCancelled, 'matcher', 2, placement(id, 'cancelled'));
  const opening = async () => (await admin.get(`/openings/${openingId}`)).body;

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
    matcher = await EventInjector.open();
    employerId = (await admin.post('/employers', { name: uniqueName('Daegu Metal'), kind: 'overseas', country: 'KR' })).body.id;
    const posted = await admin.post('/openings', {
      employerId,
      title: uniqueName('welder'),
      sector: 'manufacturing',
      scope: 'overseas',
      country: 'KR',
      province: 'abroad',
      programme: 'eps',
      positions: 3,
      startDate: '2031-03-01',
    });
    expect(posted.status).toBe(201);
    openingId = posted.body.id;
    const seeker = await staff.post('/seekers', {
      nationalId: uniqueNationalId(),
      fullName: uniqueName('Tran Van'),
      birthDate: '1997-03-02',
      gender: 'male',
      province: 'Nghe An',
      skills: [],
      languageTests: [],
      preferences: { scopes: ['overseas'], countries: ['KR'], sectors: ['manufacturing'] },
      overseasHistory: [],
      householdStatus: 'none',
      consents: [{ purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' }],
    });
    expect(seeker.status).toBe(201);
    seekerId = seeker.body.id;
  });

  afterAll(async () => {
    await matcher?.close();
  });

  it('a hire redelivered after its cancellation, and a hire that arrives after its cancellation, do not fill a position or hold the seeker', async () => {
    const [redelivered, late] = [randomUUID(), randomUUID()];
    const firstHire = hired(redelivered);
    await matcher.send(firstHire, cancelled(redelivered), firstHire);
    await matcher.send(cancelled(late), hired(late));
    // A replayed dead letter is a copy of the original message: the same envelope once more.
    await matcher.send(firstHire);
    // One live hire (of someone else), sent last: it fills the one position that is really taken.
    await matcher.send(hired(randomUUID(), randomUUID()));

    await eventually(async () => expect(await opening()).toMatchObject({ filled: 1 }), 30000);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the placements' other partitions are applied by now
    expect(await opening()).toMatchObject({ filled: 1, status: 'open' });
    expect((await staff.get(`/seekers/${seekerId}`)).body.available).toBe(true);
  });

  it('counts each live placement once however often it arrives, closes the opening when full, and keeps positions at or above what is filled', async () => {
    const ids = [randomUUID(), randomUUID()];
    await matcher.send(...ids.map((id) => hired(id)), hired(ids[0]), hired(ids[1]));
    await eventually(async () => expect(await opening()).toMatchObject({ filled: 3, status: 'filled' }), 30000);
    await eventually(async () => expect((await staff.get(`/seekers/${seekerId}`)).body.available).toBe(false));

    const lowered = await admin.patch(`/openings/${openingId}`, { positions: 2 });
    expect(lowered.status).toBe(409);
    expect(lowered.body.message).toBe('positions: 3 already filled, cannot go down to 2');

    // A cancellation frees a position and reopens the opening; the seeker stays held by the other one.
    await matcher.send(cancelled(ids[1]), hired(ids[1]));
    await eventually(async () => expect(await opening()).toMatchObject({ filled: 2, status: 'open' }), 30000);
    expect((await staff.get(`/seekers/${seekerId}`)).body.available).toBe(false);
    expect((await admin.patch(`/openings/${openingId}`, { positions: 2 })).body).toMatchObject({
      positions: 2,
      filled: 2,
      status: 'filled',
    });
  });

  it('an opening counted the old ways (a list of counted placements, one document per placement) keeps its count after the upgrade', async () => {
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    openingId = (
      await admin.post('/openings', {
        employerId,
        title: uniqueName('fitter'),
        sector: 'manufacturing',
        scope: 'overseas',
        country: 'KR',
        province: 'abroad',
        programme: 'eps',
        positions: 5,
        startDate: '2031-03-01',
      })
    ).body.id;
    const connection = await mongoose.createConnection(process.env.MONGODB_URI!, { directConnection: true }).asPromise();
    try {
      const db = connection.useDb(`${JSON.parse(process.env.TEST_SYSTEM_LAYOUT!).env.MONGODB_DB_PREFIX}employers`);
      const openings = db.collection('openings');
      const placementStates = db.collection('opening_placements');
      // As earlier releases left it: two hires counted in the opening itself, a third as a document of its own.
      await openings.updateOne(
        { _id: openingId as never },
        { $set: { filled: 3, status: 'open', positions: 5, countedPlacements: [first, second] } },
      );
      await placementStates.insertOne({ _id: third as never, openingId, status: 'hired', version: 1 });
      await stopService('employers', 'SIGTERM');
      await startService('employers');
      expect(await openings.findOne({ _id: openingId as never })).not.toHaveProperty('countedPlacements');
      expect(await placementStates.findOne({ _id: third as never })).toBeNull();
    } finally {
      await connection.close();
    }
    await matcher.send(cancelled(first));
    await eventually(async () => expect(await opening()).toMatchObject({ filled: 2, status: 'open' }), 30000);
    await matcher.send(cancelled(third));
    await eventually(async () => expect(await opening()).toMatchObject({ filled: 1, status: 'open' }), 30000);
  }, 120000);
});
