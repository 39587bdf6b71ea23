// Shortlists at a ratio (issue 14) through the gateway against the real system: a run proposes
// three candidates per seat, ranked; the first choices go to review, the alternates wait on the
// opening's list; when a chosen worker fails (medical), the next alternate moves up with its event.
import { Topics } from '@jobfair/contracts';
import { ApiClient, KafkaProbe, asAdmin, asNewUser, eventually } from '@jobfair/testing';
import { EPS_140, completedRun, fairWith, postOpening, registerSeeker } from './fair-fixture';
import { expect400, registerEmployer } from './hiring-scenario';

const SEATS = 2;
const RATIO = 3;
/** One seeker per place on the lists, best first: EPS-TOPIK scores far apart, everything else alike. */
const TOPIK = [195, 185, 175, 165, 155, 145];

describe('shortlists at a ratio with alternates that move up (through the gateway)', () => {
  let staff: ApiClient;
  let employer: ApiClient;
  let probe: KafkaProbe;
  let fairId: string;
  let openingId: string;
  let seekers: string[];
  let run: any;

  const list = async (query: string) => {
    const res = await staff.get(`/matches?runId=${run.id}&limit=100${query}`);
    expect(res.status).toBe(200);
    return (res.body.items as any[]).sort((a, b) => a.rank - b.rank);
  };

  beforeAll(async () => {
    probe = await KafkaProbe.open([Topics.match]);
    const admin = await asAdmin();
    staff = await asNewUser('staff');
    const employerId = await registerEmployer(admin, 'KR');
    employer = await asNewUser('employer', employerId);
    openingId = await postOpening(admin, employerId, { positions: SEATS, ...EPS_140 });
    seekers = [];
    for (const topik of TOPIK) seekers.push(await registerSeeker(staff, { topik }));
    fairId = await fairWith(staff, [{ employerId, openingIds: [openingId] }], seekers);
    run = await completedRun(
      staff,
      fairId,
      'optimal',
      { seekers: TOPIK.length, openings: 1 },
      { shortlistRatio: RATIO, shortlistsPerSeeker: 1 },
    );
  }, 240000);

  afterAll(() => probe?.close());

  it('proposes up to ratio x seats candidates, ranked: the first choices to review, the alternates on the list', async () => {
    expect(run.shortlist).toEqual({ ratio: RATIO, perSeeker: 1 });
    expect(run.summary).toMatchObject({ matched: SEATS, alternates: SEATS * (RATIO - 1), shortlistRatio: RATIO });
    const queue = await list('');
    expect(queue.map((m) => [m.seekerId, m.layer, m.rank, m.alternate])).toEqual([
      [seekers[0], 1, 1, false],
      [seekers[1], 1, 2, false],
    ]);
    const whole = await list('&alternates=include');
    expect(whole.map((m) => [m.seekerId, m.layer, m.rank])).toEqual(seekers.map((id, i) => [id, 1 + Math.floor(i / SEATS), i + 1]));
    expect((await list('&alternates=only')).map((m) => m.seekerId)).toEqual(seekers.slice(SEATS));
    // An alternate is not reviewed until it moves up.
    const waiting = whole[SEATS];
    const approving = await staff.post(`/matches/${waiting.id}/approve`);
    expect([approving.status, approving.body.message]).toEqual([409, expect.stringContaining('is an alternate (rank 3)')]);
    // The fair's report and funnel count the first choices, not the alternates waiting.
    const report = await staff.get(`/reports/fairs/${fairId}`);
    expect([report.status, report.body.matches.proposed]).toEqual([200, SEATS]);
    const funnel = await staff.get(`/reports/funnel?fairId=${fairId}`);
    expect(funnel.body.steps.find((s: any) => s.step === 'matched').reached).toBe(SEATS);
    // The employer's reduced view: its whole list, ranked, without the household part of the score.
    const seen = await employer.get(`/matches?runId=${run.id}&alternates=include&limit=100`);
    expect(seen.status).toBe(200);
    expect(seen.body.items).toHaveLength(TOPIK.length);
    for (const m of seen.body.items) {
      expect(m.breakdown.household).toBeUndefined();
      expect(m.candidate.fullName).toBeUndefined();
    }
  });

  it('moves the next alternate up when a chosen worker fails, once, with its event; a cancel for another reason moves nobody', async () => {
    const [first, second] = await list('');
    for (const m of [first, second]) expect((await staff.post(`/matches/${m.id}/approve`)).status).toBe(200);
    const hire = async (matchId: string) => {
      const res = await staff.post('/placements', { matchId });
      expect([res.status, res.text]).toEqual([201, expect.any(String)]);
      return res.body.id as string;
    };
    const failed = await hire(first.id);
    const stays = await hire(second.id);

    const wrong = await staff.post(`/placements/${failed}/status`, { status: 'departed', reason: 'medical' });
    expect([wrong.status, JSON.stringify(wrong.body)]).toEqual([400, expect.stringContaining('reason')]);

    const cancelled = await staff.post(`/placements/${failed}/status`, { status: 'cancelled', reason: 'medical' });
    expect(cancelled.status).toBe(200);
    const next = (await list('&alternates=include'))[SEATS]; // rank 3: the best alternate
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'medical', promotion: 'done', promotedMatchId: next.id });

    const promoted = await staff.get(`/matches/${next.id}`);
    expect(promoted.body).toMatchObject({
      seekerId: seekers[SEATS],
      status: 'proposed',
      alternate: false,
      rank: SEATS + 1,
      promotion: { placementId: failed },
      promotionReason: 'medical',
    });
    // In the review queue now; the employer learns whose place it took, not why (health stays with the centre).
    expect((await list('')).map((m) => m.id)).toContain(next.id);
    const forEmployer = await employer.get(`/matches/${next.id}`);
    expect(forEmployer.body.promotion).toEqual({ placementId: failed, at: expect.any(String) });
    expect(forEmployer.body.promotionReason).toBeUndefined();
    expect((await employer.get(`/placements/${failed}`)).body.cancelReason).toBeUndefined();

    const told = await probe.waitFor((m) => m.json?.type === 'MatchPromoted' && m.json?.aggregateId === next.id);
    expect(told.json.data).toMatchObject({ alternate: false, promotion: { placementId: failed } });
    expect(JSON.stringify(told.json.data)).not.toContain('medical');

    // The fair counts the first choices and the one that moved up, never the alternates still waiting.
    await eventually(async () => expect((await staff.get(`/fairs/${fairId}/stats`)).body.matches).toBe(SEATS + 1));

    // The alternate is hired into the seat the failed worker freed.
    expect((await staff.post(`/matches/${next.id}/approve`)).status).toBe(200);
    await hire(next.id);

    const other = await staff.post(`/placements/${stays}/status`, { status: 'cancelled', reason: 'other' });
    expect(other.status).toBe(200);
    expect(other.body.promotion).toBeUndefined();
    expect(await list('&alternates=only')).toHaveLength(SEATS * (RATIO - 1) - 1);
    expect(probe.events((m) => m.json?.type === 'MatchPromoted' && m.json?.data?.runId === run.id)).toHaveLength(1);
  });

  it('recomputes a shortlist run to the same lists, and a what-if of the ratio shows the alternates it changes', async () => {
    const recomputed = await staff.post(`/matching/runs/${run.id}/recompute`, {});
    expect(recomputed.status).toBe(200);
    expect(recomputed.body).toMatchObject({
      same: true,
      differences: 0,
      alternateDifferences: 0,
      recorded: { matched: SEATS, alternates: SEATS * (RATIO - 1) },
      recomputed: { matched: SEATS, alternates: SEATS * (RATIO - 1) },
    });
    const narrower = await staff.post(`/matching/runs/${run.id}/what-if`, { shortlistRatio: 2 });
    expect(narrower.status).toBe(200);
    expect(narrower.body.current).toMatchObject({ shortlistRatio: RATIO, alternates: SEATS * (RATIO - 1), matched: SEATS });
    expect(narrower.body.whatIf).toMatchObject({ shortlistRatio: 2, alternates: SEATS, matched: SEATS });
    expect(narrower.body.changed).toBe(0); // the first choices stay: layer 1 is the one-to-one matching
  });

  it('refuses a ratio out of range, and an allowance of lists without a shortlist, naming the field', async () => {
    await expect400(staff.post('/matching/runs', { fairId, mode: 'optimal', shortlistRatio: 9 }), 'shortlistRatio');
    await expect400(staff.post('/matching/runs', { fairId, mode: 'optimal', shortlistsPerSeeker: 2 }), 'shortlistsPerSeeker');
    await expect400(staff.post(`/matching/runs/${run.id}/what-if`, { shortlistRatio: 0 }), 'shortlistRatio');
  });
});
