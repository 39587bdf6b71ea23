// Reproducible runs and what-ifs, through the gateway: a run records what it was computed from,
// is recomputed from it to the same matches, and a what-if over its inputs changes settings side
// by side with it while storing nothing and telling Kafka nothing.
import { Topics } from '@jobfair/contracts';
import { ApiClient, KafkaProbe, asAdmin, asNewUser, eventually } from '@jobfair/testing';
import { EPS_140, completedRun, fairWith, postOpening, registerSeeker } from './fair-fixture';
import { expect400, registerEmployer } from './hiring-scenario';

describe('reproducible matching runs and what-ifs (through the gateway)', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let employer: ApiClient;
  let probe: KafkaProbe;
  let fairId: string;
  /** A1: 2 seats, EPS-TOPIK >= 140. B1: 1 seat, no language test. Nobody is a returning worker. */
  let a1: string;
  let b1: string;
  let seekers: Record<'poor' | 'strong' | 'plain' | 'weak', string>;
  let run: any;
  const size = { seekers: 4, openings: 2 };

  const post = async (client: ApiClient, path: string, body: object = {}) => {
    const res = await client.post(path, body);
    expect([path, res.status, res.text]).toEqual([path, 200, expect.any(String)]);
    return res.body;
  };
  const matchesOfFair = async () => (await staff.get(`/matches?fairId=${fairId}&limit=100`)).body.items;
  const runsOfFair = async () => (await staff.get(`/matching/runs?fairId=${fairId}&limit=100`)).body.items;

  beforeAll(async () => {
    admin = await asAdmin();
    staff = await asNewUser('staff');
    probe = await KafkaProbe.open([Topics.matchingRun, Topics.match]);
    const [employerAId, employerBId] = await Promise.all([registerEmployer(admin, 'KR'), registerEmployer(admin, 'KR')]);
    employer = await asNewUser('employer', employerAId);
    a1 = await postOpening(admin, employerAId, { positions: 2, ...EPS_140 });
    b1 = await postOpening(admin, employerBId, { sector: 'manufacturing' });
    seekers = {
      poor: await registerSeeker(staff, { topik: 150, householdStatus: 'poor' }),
      strong: await registerSeeker(staff, { topik: 190 }),
      plain: await registerSeeker(staff, { topik: 166 }),
      weak: await registerSeeker(staff, { topik: 118 }),
    };
    fairId = await fairWith(
      staff,
      [
        { employerId: employerAId, openingIds: [a1] },
        { employerId: employerBId, openingIds: [b1] },
      ],
      Object.values(seekers),
    );
    run = await completedRun(staff, fairId, 'optimal', size);
  }, 180000);

  afterAll(async () => {
    await probe?.close();
  });

  it("records what the run was computed from: its input snapshot, every weight, the programmes' caps and the code version", () => {
    expect(run.input).toEqual({
      snapshotId: expect.stringMatching(/^[0-9a-f]{64}$/),
      programmeCaps: { seasonal: { perEmployer: 9, perHousehold: 5 } },
      seekers: size.seekers,
      openings: size.openings,
      weights: { skills: 25, language: 20, experience: 15, preference: 20, distance: 10, returning: 5, household: 5 },
      codeVersion: expect.stringMatching(/^matching-[0-9a-f]+$/),
    });
    expect(run.summary.matched).toBe(3);
  });

  it('recomputes the run from its record to the same matches, and explains one seeker months later', async () => {
    const matchesBefore = await matchesOfFair();
    const recomputed = await post(staff, `/matching/runs/${run.id}/recompute`, { seekerId: seekers.weak });
    expect(recomputed).toMatchObject({
      runId: run.id,
      snapshotId: run.input.snapshotId,
      codeVersion: { recorded: run.input.codeVersion, current: run.input.codeVersion },
      inputIntact: true,
      erasedSeekers: 0,
      same: true,
      recorded: { matched: 3, totalScore: run.summary.totalScore },
      recomputed: { matched: 3, totalScore: run.summary.totalScore },
      differences: 0,
      changes: [],
    });
    // The weak seeker was matched (to B1) or not; either way the answer says which and why.
    const weak = recomputed.seeker;
    expect(weak).toMatchObject({ seekerId: seekers.weak, inInput: true, erased: false });
    const stored = matchesBefore.find((m: any) => m.seekerId === seekers.weak);
    if (stored) expect(weak.match).toMatchObject({ openingId: stored.openingId, score: stored.score });
    else expect(weak.reasons.map((r: any) => r.code)).toContain('outscored');
    expect((await matchesOfFair()).length).toBe(matchesBefore.length);
  });

  it('a what-if with an opening closed shows who changes outcome side by side, and stores nothing, tells nobody', async () => {
    const [runsBefore, matchesBefore] = await Promise.all([runsOfFair(), matchesOfFair()]);
    const onA1 = matchesBefore.filter((m: any) => m.openingId === a1).map((m: any) => m.seekerId);
    expect(onA1).toHaveLength(2);

    const result = await post(staff, `/matching/runs/${run.id}/what-if`, { openings: [{ openingId: a1, positions: 0 }] });
    expect(result.current).toMatchObject({ matched: 3, totalScore: run.summary.totalScore, mode: 'optimal' });
    expect(result.whatIf).toMatchObject({ matched: 1, mode: 'optimal' });
    expect(result.whatIf.openingFill.find((f: any) => f.openingId === a1)).toMatchObject({ seats: 0, matched: 0 });
    expect(result.current.markets).toEqual([{ market: 'KR', seats: 3, matched: 3 }]);
    expect(result.whatIf.markets).toEqual([{ market: 'KR', seats: 1, matched: 1 }]);
    expect(result.current.priorityHouseholds.seekers).toBe(1);
    // Both seekers of A1 change: one may move to B1, whoever held B1 then loses it or keeps it.
    const changedIds = result.changes.map((c: any) => c.seekerId);
    expect(changedIds).toEqual(expect.arrayContaining(onA1));
    expect(result.changed).toBe(result.changes.length);
    for (const change of result.changes) expect(change.current?.openingId).not.toBe(change.whatIf?.openingId);
    const poor = result.changes.find((c: any) => c.seekerId === seekers.poor);
    if (poor) expect(poor.priorityHousehold).toBe(true);

    // Deterministic: the same what-if again gives the same answer.
    expect(await post(staff, `/matching/runs/${run.id}/what-if`, { openings: [{ openingId: a1, positions: 0 }] })).toEqual(result);
    // The household weight and a quota, tried the same way: half of A1 kept for returning workers, of whom there are none.
    const heavier = await post(staff, `/matching/runs/${run.id}/what-if`, {
      weights: { household: 100 },
      openings: [{ openingId: a1, quotas: { firstTime: 1, returning: 1 } }],
    });
    expect(heavier.whatIf.openingFill.find((f: any) => f.openingId === a1)).toMatchObject({ seats: 2, matched: 1, returning: 0 });
    expect(heavier.whatIf.matched).toBe(2);
    expect(heavier.whatIf.weights.household).toBe(100);
    expect(heavier.current.weights.household).toBe(run.input.weights.household);
    expect(heavier.whatIf.priorityHouseholds.matched).toBeGreaterThanOrEqual(heavier.current.priorityHouseholds.matched);

    // Nothing stored: no run, no match. Nothing told: a real run afterwards is a barrier, and the only
    // events about this fair's runs and matches are those of the two real runs.
    const barrier = await completedRun(staff, fairId, 'optimal', size);
    await probe.waitFor((m) => m.json?.type === 'MatchingRunCompleted' && m.json.aggregateId === barrier.id);
    const known = new Set([run.id, barrier.id]);
    expect((await runsOfFair()).map((r: any) => r.id).sort()).toEqual([...runsBefore.map((r: any) => r.id), barrier.id].sort());
    expect((await matchesOfFair()).filter((m: any) => m.runId === run.id).length).toBe(matchesBefore.length);
    expect((await matchesOfFair()).every((m: any) => known.has(m.runId))).toBe(true);
    const ours = new Set(Object.values(seekers));
    const runEvents = probe.events((m) => m.topic === Topics.matchingRun && m.json?.data?.fairId === fairId);
    expect(runEvents.every((m) => known.has(m.json.aggregateId))).toBe(true);
    const matchEvents = probe.events((m) => m.topic === Topics.match && ours.has(m.json?.data?.seekerId));
    expect(matchEvents.length).toBeGreaterThan(0);
    expect(matchEvents.every((m) => known.has(m.json.data.runId))).toBe(true);
  });

  it('refuses an unknown opening or a bad setting with 400, an unknown run with 404, and employers with 403', async () => {
    await expect400(staff.post(`/matching/runs/${run.id}/what-if`, { openings: [{ openingId: 'no-such-opening', positions: 1 }] }));
    await expect400(
      staff.post(`/matching/runs/${run.id}/what-if`, { weights: { household: -1 }, openings: [{ openingId: a1, positions: -2 }] }),
      'weights.household',
      'openings.0.positions',
    );
    expect((await staff.post('/matching/runs/no-such-run/what-if', {})).status).toBe(404);
    expect((await staff.post('/matching/runs/no-such-run/recompute', {})).status).toBe(404);
    expect((await employer.post(`/matching/runs/${run.id}/what-if`, {})).status).toBe(403);
    expect((await employer.post(`/matching/runs/${run.id}/recompute`, {})).status).toBe(403);
  });

  it('an erased seeker is taken out of the recorded input: the recomputation says so and reports the difference', async () => {
    const matches = await matchesOfFair();
    const matched = matches.find((m: any) => m.runId === run.id && m.seekerId === seekers.strong);
    expect(matched).toBeDefined();
    expect((await admin.delete(`/seekers/${seekers.strong}`)).status).toBe(204);
    const recomputed = await eventually(async () => {
      const body = await post(staff, `/matching/runs/${run.id}/recompute`, { seekerId: seekers.strong });
      expect(body.erasedSeekers).toBe(1);
      return body;
    });
    expect(recomputed).toMatchObject({
      inputIntact: false,
      same: false,
      seeker: { seekerId: seekers.strong, inInput: false, erased: true, match: null },
    });
    expect(recomputed.changes).toContainEqual({
      seekerId: seekers.strong,
      before: { openingId: matched.openingId, score: matched.score },
      after: null,
    });
  });
});
