// Matching runs, match review and the employer's view, through the gateway: a fair of two
// employers' openings and five checked-in seekers of known qualifications.
import { Topics } from '@jobfair/contracts';
import { ApiClient, KafkaProbe, asAdmin, asNewUser } from '@jobfair/testing';
import { EPS_140, completedRun, fairWith, postOpening, registerSeeker } from './fair-fixture';
import { expect400, registerEmployer } from './hiring-scenario';

describe('matching runs and match review (through the gateway)', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let employerA: ApiClient;
  let employerB: ApiClient;
  let probe: KafkaProbe;
  let employerAId: string;
  let fairId: string;
  /** A1: 2 seats (1 first-time, 1 returning), EPS-TOPIK >= 140. B1: 1 seat, ages 18-39. */
  let a1: string;
  let b1: string;
  let seekers: Record<'poor' | 'returning' | 'plain' | 'weak' | 'japan', string>;
  /** Checked in and qualified, but said no to matching: never offered. */
  let withdrawn: string;
  let optimal: any;
  let matches: any[];

  const get = async (client: ApiClient, path: string) => {
    const res = await client.get(path);
    expect([path, res.status]).toEqual([path, 200]);
    return res.body;
  };
  const completedRunOfFair = (mode: 'optimal' | 'stable') => completedRun(staff, fairId, mode, { seekers: 5, openings: 2 });

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
    probe = await KafkaProbe.open([Topics.matchingRun, Topics.match]);
    let employerBId: string;
    [employerAId, employerBId] = await Promise.all([registerEmployer(admin, 'KR'), registerEmployer(admin, 'KR')]);
    [employerA, employerB] = await Promise.all([asNewUser('employer', employerAId), asNewUser('employer', employerBId)]);
    a1 = await postOpening(admin, employerAId, { positions: 2, quotas: { firstTime: 1, returning: 1 }, ...EPS_140 });
    b1 = await postOpening(admin, employerBId, {
      sector: 'manufacturing',
      requirements: { minAge: 18, maxAge: 39, languageTests: [], skills: [] },
    });
    const elsewhere = await postOpening(admin, employerAId); // open, but at no booth of this fair
    seekers = {
      poor: await registerSeeker(staff, { topik: 181, householdStatus: 'poor' }),
      returning: await registerSeeker(staff, {
        topik: 152,
        overseasHistory: [{ country: 'KR', programme: 'seasonal', from: '2023-03-01', to: '2023-08-30', rehireRecommended: true }],
      }),
      plain: await registerSeeker(staff, { topik: 166 }),
      weak: await registerSeeker(staff, { topik: 118, birthDate: '1980-01-15' }),
      japan: await registerSeeker(staff, { topik: 170, preferences: { scopes: ['overseas'], countries: ['JP'], sectors: [] } }),
    };
    const absent = await registerSeeker(staff, { topik: 190 }); // eligible, but never checked in
    withdrawn = await registerSeeker(staff, {
      topik: 199,
      consents: [{ purpose: 'matching', granted: false, at: '2026-02-01T08:00:00Z' }],
    });
    fairId = await fairWith(
      staff,
      [
        { employerId: employerAId, openingIds: [a1] },
        { employerId: employerBId, openingIds: [b1] },
      ],
      [...Object.values(seekers), withdrawn],
    );
    expect([elsewhere, absent]).toHaveLength(2);
    optimal = await completedRunOfFair('optimal');
    matches = (await get(staff, `/matches?runId=${optimal.id}&limit=100`)).items;
  }, 180000);

  afterAll(async () => {
    await probe?.close();
  });

  it("a fair run matches the checked-in seekers to the booths' openings, explains the unmatched, and tells Kafka", async () => {
    expect(optimal).toMatchObject({
      fairId,
      mode: 'optimal',
      status: 'completed',
      progress: 100,
      summary: { matched: 3, unmatched: 2, seekers: 5, openings: 2, byQuotaClass: { firstTime: 2, returning: 1 }, designated: 0 },
    });
    expect(optimal.summary.unmatchedReasons).toEqual({ 'language-score-below': 1, 'age-above-maximum': 1, 'no-opening-in-preferences': 1 });
    const weak = optimal.unmatched.find((u: any) => u.seekerId === seekers.weak);
    expect(weak.reasons).toEqual(
      expect.arrayContaining(['EPS-TOPIK 118 below the required 140', expect.stringMatching(/^age 47 above the maximum 39/)]),
    );
    expect(weak.reasonCodes).toEqual(
      weak.reasons.map((text: string) => (text.startsWith('age') ? 'age-above-maximum' : 'language-score-below')),
    );
    expect(optimal.openingFill).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ openingId: a1, seats: 2, matched: 2, firstTime: 1, returning: 1 }),
        expect.objectContaining({ openingId: b1, seats: 1, matched: 1 }),
      ]),
    );

    expect(matches).toHaveLength(3);
    expect(new Set(matches.map((m) => m.seekerId))).toEqual(new Set([seekers.poor, seekers.returning, seekers.plain]));
    for (const m of matches) {
      expect(m).toMatchObject({ runId: optimal.id, fairId, status: 'proposed', designated: false });
      const parts = Object.values(m.breakdown as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(Math.abs(parts - m.score)).toBeLessThan(0.05);
    }
    expect(matches.find((m) => m.seekerId === seekers.returning)).toMatchObject({ openingId: a1, quotaClass: 'returning' });
    const total = matches.reduce((sum, m) => sum + m.score, 0);
    expect(Math.abs(total - optimal.summary.totalScore)).toBeLessThan(0.05);

    for (const m of matches) {
      const proposed = await probe.waitFor((msg) => msg.json?.type === 'MatchProposed' && msg.json.aggregateId === m.id);
      expect(proposed.key).toBe(m.id);
      expect(proposed.json).toMatchObject({
        source: 'matcher',
        aggregateVersion: 1,
        correlationId: optimal.id,
        data: { seekerId: m.seekerId, openingId: m.openingId },
      });
      expect(proposed.json.data).not.toHaveProperty('fullName');
    }
    const lifecycle = ['MatchingRunRequested', 'MatchingRunStarted', 'MatchingRunCompleted'];
    const events = await Promise.all(
      lifecycle.map((type) => probe.waitFor((msg) => msg.json?.type === type && msg.json.aggregateId === optimal.id)),
    );
    expect(events.map((e) => e.json.aggregateVersion)).toEqual([1, 2, 3]);
    expect(events[2].json.data).toMatchObject({ id: optimal.id, fairId, mode: 'optimal', summary: { matched: 3, unmatched: 2 } });
  });

  it('a stable run of the same fair completes too, with no higher total score than the optimal one', async () => {
    expect(matches.map((m) => m.seekerId)).not.toContain(withdrawn);
    const stable = await completedRunOfFair('stable');
    expect(stable.mode).toBe('stable');
    expect(stable.summary.matched + stable.summary.unmatched).toBe(5);
    expect(stable.summary.totalScore).toBeLessThanOrEqual(optimal.summary.totalScore + 0.01);
    const listed = await get(staff, `/matches?runId=${stable.id}&limit=100`);
    expect(listed.items).toHaveLength(stable.summary.matched);
  });

  it("lists a fair's runs newest first, paged, by status, without their per-seeker lists", async () => {
    const runs = (await get(staff, `/matching/runs?fairId=${fairId}&status=completed`)).items;
    expect(runs.map((r: any) => r.mode)).toEqual(['stable', 'optimal']);
    expect(runs[1]).toMatchObject({ id: optimal.id, fairId, status: 'completed', summary: optimal.summary });
    expect(runs[1]).not.toHaveProperty('unmatched');
    const first = await get(staff, `/matching/runs?fairId=${fairId}&limit=1`);
    expect([first.items[0].id, first.nextCursor]).toEqual([runs[0].id, runs[0].id]);
    const second = await get(staff, `/matching/runs?fairId=${fairId}&limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((r: any) => r.id)).toEqual([optimal.id]);
    expect((await get(staff, `/matching/runs?fairId=${fairId}&status=failed`)).items).toEqual([]);
    expect((await staff.get('/matching/runs?status=done')).status).toBe(400);
  });

  it('review: approve and reject only a proposed match (409 otherwise), with their events; centre roles only', async () => {
    const [first, second] = matches;
    expect((await employerA.post(`/matches/${first.id}/approve`)).status).toBe(403);
    const approved = await staff.post(`/matches/${first.id}/approve`);
    expect([approved.status, approved.body.status]).toEqual([200, 'approved']);
    expect((await staff.post(`/matches/${first.id}/approve`)).status).toBe(409);
    expect((await staff.post(`/matches/${first.id}/reject`, { reason: 'changed our mind' })).status).toBe(409);

    await expect400(staff.post(`/matches/${second.id}/reject`, {}), 'reason');
    const rejected = await staff.post(`/matches/${second.id}/reject`, { reason: 'medical check expired' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'medical check expired' });
    expect((await staff.post(`/matches/${second.id}/approve`)).status).toBe(409);
    expect((await staff.post('/matches/no-such-match/approve')).status).toBe(404);

    const approvedEvent = await probe.waitFor((m) => m.json?.type === 'MatchApproved' && m.json.aggregateId === first.id);
    expect(approvedEvent.json).toMatchObject({ aggregateVersion: 2, data: { status: 'approved' } });
    const rejectedEvent = await probe.waitFor((m) => m.json?.type === 'MatchRejected' && m.json.aggregateId === second.id);
    expect(rejectedEvent.json).toMatchObject({ aggregateVersion: 2, data: { status: 'rejected', reason: 'medical check expired' } });
    expect((await get(staff, `/matches?runId=${optimal.id}&status=approved`)).items.map((m: any) => m.id)).toEqual([first.id]);
  });

  it("an employer sees only the matches for its own openings, without the seeker's personal data", async () => {
    const own = await get(employerA, `/matches?runId=${optimal.id}`);
    expect(own.items.map((m: any) => m.openingId)).toEqual([a1, a1]);
    expect(own.items.every((m: any) => m.employerId === employerAId)).toBe(true);
    for (const field of ['fullName', 'nationalId', 'householdStatus', 'phone', 'household'])
      expect(JSON.stringify(own)).not.toContain(`"${field}"`);
    const poor = own.items.find((m: any) => m.seekerId === seekers.poor);
    expect(poor.candidate).toEqual({
      age: expect.any(Number),
      skills: [{ name: 'farming', years: 4 }],
      languageTests: [expect.objectContaining({ test: 'EPS-TOPIK', score: 181 })],
    });
    // Staff see the household priority in the breakdown; the employer's score leaves it out, so nothing betrays it.
    const staffView = await get(staff, `/matches/${poor.id}`);
    expect(staffView.breakdown.household).toBeGreaterThan(0);
    expect(staffView.candidate.fullName).toEqual(expect.any(String));
    expect(poor.score).toBeCloseTo(staffView.score - staffView.breakdown.household, 2);
    // Nor does the match event: every service (and every dead-letter copy) can read the topic.
    const proposed = await probe.waitFor((m) => m.json?.type === 'MatchProposed' && m.json.aggregateId === poor.id);
    expect(proposed.json.data.breakdown).not.toHaveProperty('household');
    expect(proposed.json.data.score).toBeCloseTo(poor.score, 2);

    const other = matches.find((m) => m.openingId === b1);
    expect((await employerA.get(`/matches/${other.id}`)).status).toBe(404);
    expect((await get(employerA, `/matches?openingId=${b1}`)).items).toEqual([]);
    expect((await get(employerB, `/matches/${other.id}`)).id).toBe(other.id);
  });

  it('refuses bad run requests with a 400 naming each field, an unknown fair with 404, and employers with 403', async () => {
    await expect400(staff.post('/matching/runs', { mode: 'fastest' }), 'mode');
    await expect400(staff.post('/matching/runs', { mode: 'optimal', priority: 'high' }), 'priority');
    await expect400(staff.post('/matching/runs', { mode: 'optimal', weights: { skills: -1, luck: 5 } }), 'weights.skills', 'weights.luck');
    await expect400(staff.post('/matching/runs', { mode: 'stable', weights: 'heavy' }), 'weights');
    await expect400(staff.post('/matching/runs', { fairId: 42 }), 'fairId', 'mode');
    expect((await staff.post('/matching/runs', { fairId: 'no-such-fair', mode: 'optimal' })).status).toBe(404);
    expect((await employerA.post('/matching/runs', { fairId, mode: 'optimal' })).status).toBe(403);
    expect((await staff.get('/matching/runs/no-such-run')).status).toBe(404);
    await expect400(staff.get('/matches?status=maybe&limit=1000'), 'status', 'limit');
  });
});
