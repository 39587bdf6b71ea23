// Placements through the gateway: hiring from approved matches under the opening's capacity
// (also when hires race), the placement's life after hire, and who may see what.
import { Topics } from '@jobfair/contracts';
import { ApiClient, KafkaProbe, asAdmin, asNewUser, eventually } from '@jobfair/testing';
import { fairWith, postOpening, registerSeeker } from './fair-fixture';
import { Scenario, approve, expect400, matchAtFair, matchesFor, registerEmployer } from './hiring-scenario';

describe('matcher placements (through the gateway)', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let employerA: ApiClient;
  let employerB: ApiClient;
  let probe: KafkaProbe;
  let scenario: Scenario;
  /** A1: 2 positions; A2: 3 positions cut to 1 before the race; B1: 2 positions of employer B. */
  let a1: string;
  let a2: string;
  let b1: string;

  const opening = async (id: string) => (await admin.get(`/openings/${id}`)).body;
  const placementEvent = (type: string, id: string) => probe.waitFor((m) => m.json?.type === type && m.json?.aggregateId === id);

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
    probe = await KafkaProbe.open([Topics.placement, Topics.match]);
    const [idA, idB] = await Promise.all([registerEmployer(admin, 'KR'), registerEmployer(admin, 'KR')]);
    [employerA, employerB] = await Promise.all([asNewUser('employer', idA), asNewUser('employer', idB)]);
    const kr = { country: 'KR', sector: 'agriculture' };
    // As many seekers as positions, all eligible everywhere: the optimal run fills every opening.
    scenario = await matchAtFair(
      admin,
      staff,
      [
        { employerId: idA, positions: 2, ...kr },
        { employerId: idA, positions: 3, ...kr },
        { employerId: idB, positions: 2, ...kr },
      ],
      Array(7).fill('Thanh Hoa'),
    );
    [a1, a2, b1] = scenario.openingIds;
    expect(scenario.openingIds.map((id) => matchesFor(scenario, id).length)).toEqual([2, 3, 2]);
    await approve(staff, [...matchesFor(scenario, a1), ...matchesFor(scenario, a2), matchesFor(scenario, b1)[0]]);
  }, 120000);

  afterAll(async () => {
    await probe?.close();
  });

  it('hires from an approved match: 201, PlacementHired and MatchHired on the wire, the opening fills and closes itself when full; a retried hire answers 200 with the same placement', async () => {
    const [first, second] = matchesFor(scenario, a1);
    const hired = await employerA.post('/placements', { matchId: first.id, note: 'contract signed' });
    expect(hired.status).toBe(201);
    expect(hired.body).toMatchObject({
      id: first.id,
      matchId: first.id,
      seekerId: first.seekerId,
      openingId: a1,
      status: 'hired',
      market: 'KR',
      sector: 'agriculture',
      fairId: scenario.fairId,
      history: [{ status: 'hired', note: 'contract signed' }],
    });
    const event = await placementEvent('PlacementHired', first.id);
    expect(event.key).toBe(first.id);
    expect(event.json).toMatchObject({ source: 'matcher', aggregateVersion: 1, data: { id: first.id, openingId: a1, status: 'hired' } });
    const matchHired = await probe.waitFor((m) => m.json?.type === 'MatchHired' && m.json?.aggregateId === first.id);
    expect(matchHired.json.data.status).toBe('hired');
    expect((await staff.get(`/matches/${first.id}`)).body.status).toBe('hired');
    await eventually(async () => expect(await opening(a1)).toMatchObject({ filled: 1, status: 'open' }));

    expect((await staff.post('/placements', { matchId: second.id })).status).toBe(201);
    await eventually(async () => expect(await opening(a1)).toMatchObject({ filled: 2, status: 'filled' }));

    // A client that lost the answer retries: the same placement, not a refusal and not a second hire.
    const retries = await Promise.all([1, 2].map(() => admin.post('/placements', { matchId: first.id, note: 'retried' })));
    for (const again of retries) expect([again.status, again.body]).toEqual([200, hired.body]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await opening(a1)).toMatchObject({ filled: 2, status: 'filled' });
    expect(probe.events((m) => m.json?.type === 'PlacementHired' && m.json?.aggregateId === first.id)).toHaveLength(1);
  });

  it('never exceeds the capacity when hires race: one 201, the rest 409', async () => {
    // The employer cuts the opening to one position; the matcher must have learnt it before the race.
    expect((await admin.patch(`/openings/${a2}`, { positions: 1 })).status).toBe(200);
    await eventually(async () => expect((await staff.get(`/matching/openings/${a2}`)).body.positions).toBe(1));
    const contenders = matchesFor(scenario, a2);
    const results = await Promise.all(contenders.map((m) => staff.post('/placements', { matchId: m.id })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const losers = results.filter((r) => r.status === 409);
    for (const loser of losers) expect(loser.body.message).toMatch(/full/);
    await eventually(async () => expect(await opening(a2)).toMatchObject({ filled: 1, status: 'filled' }));
    const listed = await staff.get(`/placements?openingId=${a2}`);
    expect(listed.body.items).toHaveLength(1);

    // Cancelling the winner frees its seat: a loser can now be hired.
    const winner = results.find((r) => r.status === 201)!.body.id;
    expect((await staff.post(`/placements/${winner}/status`, { status: 'cancelled', note: 'failed the medical check' })).status).toBe(200);
    const loserMatch = contenders.find((m) => m.id !== winner)!;
    const next = await staff.post('/placements', { matchId: loserMatch.id });
    expect(next.status).toBe(201);
    await eventually(async () => expect(await opening(a2)).toMatchObject({ filled: 1, status: 'filled' }));
  });

  it('follows a placement hired -> departed -> returned, refuses other moves with 409 and frees the position on cancel', async () => {
    const [ownMatch, proposed] = matchesFor(scenario, b1);
    expect((await employerA.post('/placements', { matchId: ownMatch.id })).status).toBe(404); // another employer's match
    expect((await employerB.post('/placements', { matchId: proposed.id })).status).toBe(409); // not approved
    expect((await staff.post(`/matches/${proposed.id}/reject`, { reason: 'declined the offer' })).status).toBe(200);
    expect((await employerB.post('/placements', { matchId: proposed.id })).status).toBe(409); // rejected

    const id = (await employerB.post('/placements', { matchId: ownMatch.id })).body.id;
    expect((await employerB.post(`/placements/${id}/status`, { status: 'returned' })).status).toBe(409);
    const departed = await employerB.post(`/placements/${id}/status`, { status: 'departed', note: 'flew to Incheon' });
    expect(departed.status).toBe(200);
    expect(departed.body).toMatchObject({
      status: 'departed',
      history: [{ status: 'hired' }, { status: 'departed', note: 'flew to Incheon' }],
    });
    expect((await staff.post(`/placements/${id}/status`, { status: 'departed' })).status).toBe(409);
    expect((await staff.post(`/placements/${id}/status`, { status: 'returned' })).body.status).toBe('returned');
    const cancelReturned = await staff.post(`/placements/${id}/status`, { status: 'cancelled' });
    expect(cancelReturned.status).toBe(409);
    expect(cancelReturned.body.message).toMatch(/is returned/);
    for (const type of ['PlacementHired', 'PlacementDeparted', 'PlacementReturned']) await placementEvent(type, id);
    expect(probe.events((m) => m.json?.aggregateId === id && m.topic === Topics.placement).map((m) => m.json.aggregateVersion)).toEqual([
      1, 2, 3,
    ]);

    // Cancelling one of A1's placements: PlacementCancelled, and the employers service reopens the opening.
    const [cancelled] = matchesFor(scenario, a1);
    expect((await staff.post(`/placements/${cancelled.id}/status`, { status: 'cancelled' })).status).toBe(200);
    expect((await staff.post(`/placements/${cancelled.id}/status`, { status: 'departed' })).status).toBe(409);
    await placementEvent('PlacementCancelled', cancelled.id);
    await eventually(async () => expect(await opening(a1)).toMatchObject({ filled: 1, status: 'open' }));
  });

  it("shows an employer only its own placements (404 for another's), staff all of them", async () => {
    const [placementA] = matchesFor(scenario, a1);
    const [placementB] = matchesFor(scenario, b1);
    expect((await employerA.get(`/placements/${placementA.id}`)).status).toBe(200);
    expect((await employerB.get(`/placements/${placementA.id}`)).status).toBe(404);
    expect((await employerB.post(`/placements/${placementA.id}/status`, { status: 'departed' })).status).toBe(404);
    expect((await staff.get('/placements/no-such-placement')).status).toBe(404);

    const own = await employerB.get('/placements?limit=100');
    expect(own.status).toBe(200);
    expect(own.body.items.map((p: { id: string }) => p.id)).toEqual([placementB.id]);
    expect((await employerB.get(`/placements?openingId=${a1}`)).body.items).toEqual([]);
    const all = await staff.get(`/placements?openingId=${a1}&status=hired`);
    expect(all.body.items.map((p: { id: string }) => p.id)).toEqual([matchesFor(scenario, a1)[1].id]);
  });

  it('answers bad input with 400 naming each field', async () => {
    await expect400(staff.post('/placements', {}), 'matchId');
    await expect400(staff.post('/placements', { matchId: 7, at: 'yesterday', extra: true }), 'matchId', 'at', 'extra');
    await expect400(staff.post(`/placements/${scenario.matches[0].id}/status`, { status: 'lost', at: 'soon' }), 'status', 'at');
    await expect400(
      staff.post(`/placements/${matchesFor(scenario, a1)[1].id}/status`, { status: 'departed', at: '2001-01-01T00:00:00Z' }),
      'at',
    );
    await expect400(staff.get('/placements?status=gone&limit=0'), 'status', 'limit');
    expect((await admin.post('/placements', { matchId: 'no-such-match' })).status).toBe(404);
  });

  it('places one person in one job at a time: a second hire of the same seeker is 409 until the first is cancelled', async () => {
    const employerId = await registerEmployer(admin, 'KR');
    const seekerId = await registerSeeker(staff, { topik: 170 });
    // The same seeker matched at two fairs to two openings, before either hire.
    const approvedMatchAt = async () => {
      const openingId = await postOpening(admin, employerId);
      const fairId = await fairWith(staff, [{ employerId, openingIds: [openingId] }], [seekerId]);
      return eventually(
        async () => {
          const run = await staff.post('/matching/runs', { fairId, mode: 'optimal' });
          const done = await eventually(async () => {
            const body = (await staff.get(`/matching/runs/${run.body.id}`)).body;
            expect(body.status).toBe('completed');
            return body;
          });
          expect(done.summary.matched).toBe(1);
          const [match] = (await staff.get(`/matches?runId=${run.body.id}`)).body.items;
          expect((await staff.post(`/matches/${match.id}/approve`)).status).toBe(200);
          return match.id as string;
        },
        60000,
        1000,
      );
    };
    const first = await approvedMatchAt();
    const second = await approvedMatchAt();

    expect((await staff.post('/placements', { matchId: first })).status).toBe(201);
    const refused = await staff.post('/placements', { matchId: second });
    expect([refused.status, refused.body.message]).toEqual([409, expect.stringMatching(/already placed/)]);
    expect((await staff.post(`/placements/${first}/status`, { status: 'cancelled' })).status).toBe(200);
    expect((await staff.post('/placements', { matchId: second })).status).toBe(201);
  }, 180000);
});
